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
import hashlib
import http.client
import json
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
PYTHON = sys.executable
READERS = int(os.environ.get("SOAK_READERS", "8"))
WORKERS = int(os.environ.get("SOAK_WORKERS", "3"))
MAX_REQUESTS = 2_000_000  # a bound on the loop besides the clock
# After the restart ends and after the worker is killed, this long is allowed for recovery.
GRACE_SECONDS = 10


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Cluster:
    """A throw-away PostgreSQL cluster in a temporary folder."""

    def __init__(self, folder):
        self.folder = folder
        self.data = folder / "pgdata"
        self.port = free_port()
        self.as_postgres = os.geteuid() == 0  # initdb refuses to run as root

    def run(self, *command, check=True):
        if self.as_postgres:
            command = ("runuser", "-u", "postgres", "--", *command)
        return subprocess.run(command, check=check, capture_output=True, text=True)

    def start(self):
        if self.as_postgres:
            shutil.chown(self.folder, "postgres")
        self.run(
            str(PG_BIN / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.pg_ctl("start", "-o", options, "-l", str(self.folder / "postgres.log"))
        self.run(
            str(PG_BIN / "createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "khabarayn",
        )

    def pg_ctl(self, action, *options):
        return self.run(
            str(PG_BIN / "pg_ctl"), action, "-D", str(self.data), "-w", "-m", "fast", *options
        )

    def stop(self):
        if self.data.exists():
            self.run(
                str(PG_BIN / "pg_ctl"), "stop", "-D", str(self.data), "-m", "immediate", check=False
            )

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/khabarayn"


def redis_available():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def environment(cluster, folder):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DEBUG", "DATABASE_URL", "REDIS_URL", "CACHE_URL", "HTTPS")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="khabarayn.settings",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=cluster.url,
        MEDIA_ROOT=str(folder / "media"),
        STATIC_ROOT=str(folder / "static"),
        DEMO_PASSWORD=secrets.token_urlsafe(16),
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    if redis_available():
        env.update(
            REDIS_URL="redis://127.0.0.1:6379/15", CACHE_KEY_PREFIX=f"soak-{secrets.token_hex(4)}"
        )
    return env


def manage(env, *args):
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )


# The reader side.


def page_paths(env):
    """Paths of every page type, from the loaded content (asked of Django in a subprocess)."""
    script = (
        "import json, django; django.setup()\n"
        "from articles.models import Article, Tag\n"
        "from categories.models import Category\n"
        "from django.contrib.auth import get_user_model\n"
        "stories = list(Article.objects.published()[:40])\n"
        "print(json.dumps({\n"
        " 'story': [s.get_absolute_url() for s in stories],\n"
        " 'section': [c.get_absolute_url() for c in Category.objects.all()],\n"
        " 'tag': [t.get_absolute_url() for t in Tag.objects.all()[:30]],\n"
        " 'author': ['/author/%s/' % u.username for u in get_user_model().objects.filter("
        "pk__in=Article.objects.published().values('authors'))],\n"
        "}))\n"
    )
    result = subprocess.run(
        [PYTHON, "-c", script], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    paths = json.loads(result.stdout.strip().splitlines()[-1])
    paths["home"] = ["/", "/?page=2"]
    paths["search"] = ["/search/?q=" + quote(word) for word in ("قمة", "اقتصاد", "باريس")]
    paths["feed"] = ["/feeds/rss/", "/feeds/atom/"]
    paths["sitemap"] = ["/sitemap.xml", "/sitemap-news.xml", "/robots.txt"]
    return {kind: items for kind, items in paths.items() if items}


class Readers:
    def __init__(self, port, paths, seconds):
        self.port, self.paths, self.seconds = port, paths, seconds
        self.results = []  # (time, kind, status or error name)
        self.lock = threading.Lock()
        self.stop_at = None

    def run(self):
        self.stop_at = time.monotonic() + self.seconds
        threads = [threading.Thread(target=self.read, args=(n,)) for n in range(READERS)]
        for thread in threads:
            thread.start()
        return threads

    def read(self, number):
        kinds = sorted(self.paths)
        rng = random.Random(number)
        count = 0
        while time.monotonic() < self.stop_at and len(self.results) < MAX_REQUESTS:
            kind = kinds[count % len(kinds)]
            path = rng.choice(self.paths[kind])
            if count % 2:  # half the requests get past the page cache
                path += ("&" if "?" in path else "?") + f"soak={rng.randrange(10**9)}"
            count += 1
            outcome = fetch(self.port, path)
            with self.lock:
                self.results.append((time.monotonic(), kind, outcome))


def fetch(port, path, timeout=15):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        response.read()
        return response.status
    except (OSError, http.client.HTTPException) as error:
        return type(error).__name__
    finally:
        connection.close()


# The writer side: a process of its own, through the ORM.


def writer(log_path, seconds):
    import django

    django.setup()
    from django.db import close_old_connections, connection

    from articles.models import Article, Image
    from categories.models import Category

    rng = random.Random(7)
    photo, sections = Image.objects.first(), list(Category.objects.all())
    stop_at = time.monotonic() + seconds
    mine = []
    with open(log_path, "a", encoding="utf-8") as log:
        step = 0
        while time.monotonic() < stop_at:
            step += 1
            action = "create"
            if mine and step % 3:
                action = rng.choice(["edit", "unpublish", "publish"])
            story_id = None if action == "create" else rng.choice(mine)
            wanted = {
                "title": f"خبر الاختبار رقم {step} عن القمة",
                "body": f"<h2>عنوان فرعي {step}</h2><p>الفقرة {step}: {secrets.token_hex(8)}</p>",
                "status": Article.Status.DRAFT
                if action == "unpublish"
                else Article.Status.PUBLISHED,
            }
            for attempt in range(600):  # the database may be restarting: try again
                try:
                    if action == "create":
                        story = Article(
                            summary="ملخص الخبر.",
                            main_image=photo,
                            category=sections[step % len(sections)],
                            **wanted,
                        )
                        story.save()
                        story_id = story.pk
                        mine.append(story_id)
                    else:
                        story = Article.objects.get(pk=story_id)
                        for field, value in wanted.items():
                            setattr(story, field, value)
                        story.save()
                    break
                except Exception:  # any database error while it restarts: try again
                    close_old_connections()
                    connection.close()
                    if story_id and _already_saved(story_id, wanted):
                        break  # the commit went through before the connection dropped
                    if attempt == 599:
                        raise
                    time.sleep(0.1)
            stored = Article.objects.get(pk=story_id)
            log.write(
                json.dumps(
                    {
                        "id": story_id,
                        "title": stored.title,
                        "status": stored.status,
                        "body": digest(stored.body),
                        "at": time.time(),
                    }
                )
                + "\n"
            )
            log.flush()
            time.sleep(0.05)


def _already_saved(story_id, wanted):
    from articles.models import Article

    try:
        story = Article.objects.get(pk=story_id)
    except Exception:  # noqa: BLE001
        return False
    return story.title == wanted["title"] and story.status == wanted["status"]


def digest(text):
    return hashlib.sha256(text.encode()).hexdigest()


def check_stories(env, log_path):
    """(written, missing or different) for the writer's log against the database."""
    final = {}
    for line in log_path.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        final[entry["id"]] = entry
    script = (
        "import json, sys, hashlib, django; django.setup()\n"
        "from articles.models import Article\n"
        "ids = json.loads(sys.stdin.read())\n"
        "rows = {a.pk: {'title': a.title, 'status': a.status,"
        " 'body': hashlib.sha256(a.body.encode()).hexdigest()}"
        " for a in Article.objects.filter(pk__in=ids)}\n"
        "print(json.dumps(rows))\n"
    )
    result = subprocess.run(
        [PYTHON, "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        input=json.dumps(list(final)),
        capture_output=True,
        text=True,
    )
    stored = {int(k): v for k, v in json.loads(result.stdout.strip().splitlines()[-1]).items()}
    bad = [
        story_id
        for story_id, entry in final.items()
        if stored.get(story_id)
        != {"title": entry["title"], "status": entry["status"], "body": entry["body"]}
    ]
    return len(final), bad


# The run.


def worker_pids(master):
    children = Path(f"/proc/{master}/task/{master}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def wait_for(port, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if fetch(port, "/robots.txt", timeout=2) == 200:
            return
        time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("SOAK_SECONDS", "60")))
    parser.add_argument("--writer", help=argparse.SUPPRESS)  # internal: run the writer
    options = parser.parse_args()
    if options.writer:
        return writer(Path(options.writer), options.seconds)

    folder = Path(tempfile.mkdtemp(prefix="khabarayn-soak-"))
    cluster = Cluster(folder)
    server = writer_process = env = None
    try:
        print(f"Private PostgreSQL cluster on 127.0.0.1:{cluster.port} in {folder}")
        cluster.start()
        env = environment(cluster, folder)
        print("Cache:", "Redis db 15" if "REDIS_URL" in env else "local memory")
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        manage(env, "load_demo")
        paths = page_paths(env)
        port = free_port()
        with open(folder / "gunicorn.log", "w") as gunicorn_log:
            server = subprocess.Popen(
                [
                    PYTHON,
                    "-m",
                    "gunicorn",
                    "khabarayn.wsgi",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    str(WORKERS),
                    "--timeout",
                    "30",
                    "--graceful-timeout",
                    "5",
                ],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=gunicorn_log,
            )
        wait_for(port)
        print(
            f"gunicorn (master {server.pid}, {WORKERS} workers) on 127.0.0.1:{port}; "
            f"{sum(map(len, paths.values()))} pages of {len(paths)} kinds; "
            f"{READERS} readers for {options.seconds} s"
        )

        log_path = folder / "writes.jsonl"
        writer_process = subprocess.Popen(
            [PYTHON, __file__, "--writer", str(log_path), "--seconds", str(options.seconds)],
            cwd=ROOT,
            env=env,
        )
        readers = Readers(port, paths, options.seconds)
        start = time.monotonic()
        threads = readers.run()

        time.sleep(options.seconds / 3)
        restart_began = time.monotonic()
        cluster.pg_ctl(
            "restart",
            "-o",
            f"-p {cluster.port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off",
            "-l",
            str(folder / "postgres.log"),
        )
        restart_ended = time.monotonic()
        print(
            f"PostgreSQL restarted at {restart_began - start:.1f} s, "
            f"up again at {restart_ended - start:.1f} s"
        )

        time.sleep(max(0, start + 2 * options.seconds / 3 - time.monotonic()))
        victims = worker_pids(server.pid)
        killed_at = None
        if victims:
            os.kill(victims[0], signal.SIGKILL)
            killed_at = time.monotonic()
            print(f"SIGKILLed gunicorn worker {victims[0]} at {killed_at - start:.1f} s")

        for thread in threads:
            thread.join()
        writer_status = writer_process.wait(timeout=options.seconds + 120)
        end = time.monotonic()

        results = readers.results
        statuses = collections.Counter(outcome for _, _, outcome in results)
        failures = [(t, kind, o) for t, kind, o in results if not (isinstance(o, int) and o < 500)]
        by_kind = collections.Counter(kind for _, kind, _ in results)
        print(
            f"\nRequests: {len(results)} in {end - start:.0f} s "
            f"({len(results) / (end - start):.0f}/s)"
        )
        print("Status codes:", ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items(), key=str)))
        print("By page kind:", ", ".join(f"{k}: {v}" for k, v in sorted(by_kind.items())))
        five_hundreds = [t for t, _, o in failures if isinstance(o, int)]
        errors = [t for t, _, o in failures if not isinstance(o, int)]
        if five_hundreds:
            print(
                f"5xx: {len(five_hundreds)}, first at {five_hundreds[0] - start:.1f} s, "
                f"last at {five_hundreds[-1] - start:.1f} s "
                f"({five_hundreds[-1] - restart_ended:+.1f} s from the restart's end)"
            )
        else:
            print("5xx: none")
        if errors:
            print(
                f"Connection errors: {len(errors)}, from {errors[0] - start:.1f} s "
                f"to {errors[-1] - start:.1f} s (a killed worker drops its requests)"
            )
        recovered_from = max(restart_ended, killed_at or 0) + GRACE_SECONDS
        late = [(t - start, kind, o) for t, kind, o in failures if t > recovered_from]
        final_check = {kind: fetch(port, paths[kind][0]) for kind in sorted(paths)}
        print("Final check:", ", ".join(f"{k} {v}" for k, v in final_check.items()))

        written, bad = check_stories(env, log_path)
        print(f"Stories written during the run: {written}; missing or different: {len(bad)}")
        if writer_status:
            print(f"The writer stopped with status {writer_status}")

        recovered = not late and all(status == 200 for status in final_check.values())
        if late:
            print(
                f"NOT RECOVERED: {len(late)} failures after {recovered_from - start:.1f} s, "
                f"e.g. {late[:3]}"
            )
        print("Result:", "recovered, nothing lost" if recovered and not bad else "FAILED")
        return 0 if recovered and not bad and writer_status == 0 else 1
    finally:
        for process in (writer_process, server):
            if process and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)
        forget_cache_keys(env.get("CACHE_KEY_PREFIX") if env else None)


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
