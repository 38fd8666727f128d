"""The servers a benchmark starts (gunicorn, nginx) and stops: each in its own process
group, on a free port of 127.0.0.1, for the length of a `with` block."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from bench.environment import BIN, ROOT

# bench/urls.py's do-nothing view: served at once, so gunicorn is up when it answers.
CEILING_URL = "/bench/ceiling/"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url, seconds=60, process=None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                response.read()
                return True
        except OSError:
            time.sleep(0.3)
    return False


class Server:
    def __init__(self, process, port, log):
        self.process, self.port, self.log = process, port, log

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def workers(self):
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                children.append(int(stat.parent.name))
        return children

    def peak_worker_rss(self):
        """The largest peak resident size (VmHWM) among the workers, in MiB."""
        peaks = []
        for pid in self.workers():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            peak = re.search(r"VmHWM:\s+(\d+) kB", status)
            if peak:
                peaks.append(int(peak[1]) / 1024)
        return max(peaks, default=None)


@contextmanager
def started(command, env, log, check_url, port):
    with open(log, "w") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    server = Server(process, port, log)
    try:
        if not wait_for(server.url(check_url), process=process):
            sys.exit(f"{command[0]} did not start:\n{Path(log).read_text()[-3000:]}")
        yield server
    finally:
        stop(process)


def stop(process):
    """End a server this bench started: its own process group, by id."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def gunicorn(
    env,
    log,
    *,
    workers,
    worker_class="gthread",
    threads=4,
    timeout=60,
    check_url=CEILING_URL,
    options=(),
):
    """gunicorn serving the site with `env`'s settings; it is up when `check_url` answers."""
    port = free_port()
    command = [
        str(BIN / "gunicorn"),
        "khabarayn.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        f"--worker-class={worker_class}",
        "--log-level=warning",
        f"--timeout={timeout}",
        *options,
    ]
    if worker_class == "gthread":
        command.append(f"--threads={threads}")
    return started(command, env, log, check_url, port)


def serve(args, env, work, label, worker_class=None):
    """gunicorn as the command line asks (--workers, --worker-class, --threads), its log
    in the run's `work` folder."""
    return gunicorn(
        env,
        work / f"gunicorn-{label}.log",
        workers=args.workers,
        worker_class=worker_class or args.worker_class,
        threads=args.threads,
    )
