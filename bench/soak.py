"""Soak test: readers, writers and faults against a production-like server, then figures.

`make soak` (SOAK_SECONDS, default 60) does, all on 127.0.0.1:

1. creates a private PostgreSQL cluster (initdb into a temporary folder, a free port, run
   as the `postgres` user when we are root), migrates it and loads the demo content;
2. starts gunicorn with production settings (DEBUG off, a random SECRET_KEY, Redis db 15
   under a key prefix of its own, or local memory when Redis is down);
3. for SOAK_SECONDS, reader threads request every kind of page (home, section, story,
   tag, author, search, feeds, sitemaps), half of them past the page cache, while a writer
   process publishes, edits and unpublishes stories through the ORM, logging each write
   once it is committed;
4. a third of the way in, restarts PostgreSQL (pg_ctl restart); two thirds in, SIGKILLs
   one gunicorn worker (the master replaces it);
5. prints requests, status codes, errors, when the last 5xx happened against the end of
   the restart, and checks every story the writer wrote against the database;
6. removes the cluster, the media and everything else it made.

It exits non-zero only if the site did not recover (errors late in the run, or a page
type failing its final check) or a story the writer committed is missing or different.
"""

import argparse
import collections
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

if __name__ == "__main__":
    # Run as a script, this folder comes first on the path and "bench" would be bench.py.
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from bench.database import Cluster
from bench.environment import PYTHON, ROOT, manage, production_environment
from bench.servers import gunicorn
from bench.soak_readers import Readers, fetch, page_paths
from bench.soak_writer import check_articles

READERS = int(os.environ.get("SOAK_READERS", "8"))
WORKERS = int(os.environ.get("SOAK_WORKERS", "3"))
# After the restart ends and after the worker is killed, this long is allowed for recovery.
GRACE_SECONDS = 10


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("SOAK_SECONDS", "60")))
    options = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="khabarayn-soak-"))
    cluster = Cluster(folder)
    env = None
    try:
        print(f"Private PostgreSQL cluster on 127.0.0.1:{cluster.port} in {folder}")
        cluster.start()
        env = environment(cluster, folder)
        print("Cache:", "Redis db 15" if "REDIS_URL" in env else "local memory")
        manage(env, "migrate", "--noinput", timeout=900)
        manage(env, "collectstatic", "--noinput", timeout=300)
        manage(env, "load_demo", timeout=900)
        paths = page_paths(env)
        with gunicorn(
            env,
            folder / "gunicorn.log",
            workers=WORKERS,
            worker_class="sync",
            timeout=30,
            check_url="/robots.txt",
            options=["--graceful-timeout=5"],
        ) as server:
            print(
                f"gunicorn (master {server.process.pid}, {WORKERS} workers) on "
                f"127.0.0.1:{server.port}; {sum(map(len, paths.values()))} pages of "
                f"{len(paths)} kinds; {READERS} readers for {options.seconds} s"
            )
            log_path = folder / "writes.jsonl"
            run = run_with_faults(options.seconds, server, cluster, env, paths, log_path)
            final_check = {kind: fetch(server.port, paths[kind][0]) for kind in sorted(paths)}
        return verdict(run, final_check, *check_articles(env, log_path))
    finally:
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)
        forget_cache_keys(env.get("CACHE_KEY_PREFIX") if env else None)


def environment(cluster, folder):
    """Production settings on the private cluster, with a random SECRET_KEY and demo
    password; Redis db 15 under a key prefix of the run's own, or local memory when Redis
    is down."""
    env = production_environment(
        ("DATABASE_URL", "REDIS_URL", "CACHE_URL", "HTTPS"),
        DJANGO_SETTINGS_MODULE="khabarayn.settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=cluster.url,
        MEDIA_ROOT=str(folder / "media"),
        STATIC_ROOT=str(folder / "static"),
        DEMO_PASSWORD=secrets.token_urlsafe(16),
    )
    if redis_available():
        env.update(
            REDIS_URL="redis://127.0.0.1:6379/15", CACHE_KEY_PREFIX=f"soak-{secrets.token_hex(4)}"
        )
    return env


def redis_available():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@dataclass
class Run:
    """What happened during the run, in time.monotonic() seconds."""

    start: float
    end: float
    restart_ended: float
    killed_at: float | None
    results: list  # (time, page kind, status or error name) of every request
    writer_status: int


def run_with_faults(seconds, server, cluster, env, paths, log_path):
    """Readers and the writer for `seconds`; PostgreSQL restarts a third of the way in, and
    a gunicorn worker is SIGKILLed two thirds in."""
    writer = subprocess.Popen(
        [PYTHON, "-m", "bench.soak_writer", str(log_path), str(seconds)], cwd=ROOT, env=env
    )
    try:
        readers = Readers(server.port, paths, seconds, READERS)
        start = time.monotonic()
        threads = readers.run()

        time.sleep(seconds / 3)
        restart_began = time.monotonic()
        cluster.restart()
        restart_ended = time.monotonic()
        print(
            f"PostgreSQL restarted at {restart_began - start:.1f} s, "
            f"up again at {restart_ended - start:.1f} s"
        )

        time.sleep(max(0, start + 2 * seconds / 3 - time.monotonic()))
        victims = server.workers()
        killed_at = None
        if victims:
            os.kill(victims[0], signal.SIGKILL)
            killed_at = time.monotonic()
            print(f"SIGKILLed gunicorn worker {victims[0]} at {killed_at - start:.1f} s")

        for thread in threads:
            thread.join()
        writer_status = writer.wait(timeout=seconds + 120)
    finally:
        if writer.poll() is None:
            writer.terminate()
            try:
                writer.wait(timeout=10)
            except subprocess.TimeoutExpired:
                writer.kill()
    return Run(start, time.monotonic(), restart_ended, killed_at, readers.results, writer_status)


def verdict(run, final_check, written, bad):
    """Print the run's figures; 0 if the site recovered and nothing the writer committed was
    lost, else 1."""
    start, end, results = run.start, run.end, run.results
    statuses = collections.Counter(outcome for _, _, outcome in results)
    failures = [(t, kind, o) for t, kind, o in results if not (isinstance(o, int) and o < 500)]
    by_kind = collections.Counter(kind for _, kind, _ in results)
    print(
        f"\nRequests: {len(results)} in {end - start:.0f} s ({len(results) / (end - start):.0f}/s)"
    )
    print("Status codes:", ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items(), key=str)))
    print("By page kind:", ", ".join(f"{k}: {v}" for k, v in sorted(by_kind.items())))
    five_hundreds = [t for t, _, o in failures if isinstance(o, int)]
    errors = [t for t, _, o in failures if not isinstance(o, int)]
    if five_hundreds:
        print(
            f"5xx: {len(five_hundreds)}, first at {five_hundreds[0] - start:.1f} s, "
            f"last at {five_hundreds[-1] - start:.1f} s "
            f"({five_hundreds[-1] - run.restart_ended:+.1f} s from the restart's end)"
        )
    else:
        print("5xx: none")
    if errors:
        print(
            f"Connection errors: {len(errors)}, from {errors[0] - start:.1f} s "
            f"to {errors[-1] - start:.1f} s (a killed worker drops its requests)"
        )
    recovered_from = max(run.restart_ended, run.killed_at or 0) + GRACE_SECONDS
    late = [(t - start, kind, o) for t, kind, o in failures if t > recovered_from]
    print("Final check:", ", ".join(f"{k} {v}" for k, v in final_check.items()))
    print(f"Stories written during the run: {written}; missing or different: {len(bad)}")
    if run.writer_status:
        print(f"The writer stopped with status {run.writer_status}")

    recovered = not late and all(status == 200 for status in final_check.values())
    if late:
        print(
            f"NOT RECOVERED: {len(late)} failures after {recovered_from - start:.1f} s, "
            f"e.g. {late[:3]}"
        )
    print("Result:", "recovered, nothing lost" if recovered and not bad else "FAILED")
    return 0 if recovered and not bad and run.writer_status == 0 else 1


def forget_cache_keys(prefix):
    """Remove the run's keys from Redis (some, like the page generation, never expire)."""
    if not prefix:
        return
    try:
        import redis

        client = redis.Redis(host="127.0.0.1", port=6379, db=15)
        keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
    except Exception as error:  # cleaning up must not hide the run's result
        print(f"Could not remove the cache keys {prefix}:* ({error})")


if __name__ == "__main__":
    sys.exit(main())
