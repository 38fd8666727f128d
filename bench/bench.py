"""`make bench`: how fast the reader pages are served, at 100,000 stories.

What it does, each step bounded in time:

1. Makes (or reuses) its own PostgreSQL database, `khabarayn_bench`, migrates it and fills
   it with `manage.py generate_content` up to --stories (100,000); photos live under
   /var/tmp/khabarayn-bench/<database>/media.
2. Counts the SQL queries of one request to each page in this process (Django's test
   client and CaptureQueriesContext): with the page cache bypassed, and served from it.
3. Serves the site with gunicorn on 127.0.0.1 (production settings: DEBUG off, Redis
   database 13 as the cache, static files collected into a temporary STATIC_ROOT) plus
   bench/urls.py's /bench/ceiling/: a view that does nothing but return as many bytes as
   the article page, through the same middleware. That is the framework's ceiling.
4. Drives each page with wrk (16 connections, --duration seconds a row) from another
   process: first with the page cache on ("cached", anonymous readers' normal path),
   then on a second gunicorn with PAGE_CACHE_SECONDS=0 ("uncached": every request
   renders the page from the database). Every row is measured --rounds times, the rows
   taking turns, and its best round is kept.
5. Puts nginx (deploy/nginx.conf, with this machine's ports and folders) in front of the
   first gunicorn and measures a cached page through its micro-cache against nginx
   serving a static file of the same size: the machine's limit.

It prints one table and never fails on slow figures: they are measurements, not tests.
wrk, gunicorn, PostgreSQL and Redis share this machine's cores, so the figures are the
whole machine's, and vary with whatever else runs on it.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SERVER = "postgres://postgres@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379/13"
BENCH_HOME = Path(os.environ.get("BENCH_HOME", "/var/tmp/khabarayn-bench"))
CEILING_URL = "/bench/ceiling/"
# Settings the bench decides; anything the caller's environment says about them goes.
OVERRIDDEN = {"CACHE_URL", "PAGE_CACHE_SECONDS", "DJANGO_SETTINGS_MODULE", "STATIC_ROOT"}
TARGETS = "uncached article >= 20 % of the ceiling, cached pages >= 90 %, p99 < 50 ms"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--database", default="khabarayn_bench")
    parser.add_argument("--duration", type=int, default=10, help="Seconds per row.")
    parser.add_argument(
        "--rounds",
        type=int,
        default=2,
        help="Measure every row this many times, in turn, and keep each row's best round.",
    )
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker-class", default="gthread", choices=["sync", "gthread"])
    parser.add_argument("--threads", type=int, default=4, help="Per gthread worker.")
    parser.add_argument(
        "--pages", default="", help="Comma-separated subset, e.g. home,section,article."
    )
    parser.add_argument("--modes", default="cached,uncached")
    parser.add_argument("--no-nginx", action="store_true")
    parser.add_argument(
        "--explain",
        action="store_true",
        help="Only print EXPLAIN (ANALYZE, BUFFERS) of every query of each listing page.",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="Only profile rendering each page afresh (cProfile), and print the top of each.",
    )
    parser.add_argument(
        "--compare-worker-classes",
        action="store_true",
        help="Only measure sync against gthread workers (uncached article, home, ceiling).",
    )
    return parser.parse_args()


def main():
    args = parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: `make bench` installs Debian's wrk (apt-get install wrk).")
    work = Path(tempfile.mkdtemp(prefix="khabarayn-bench-"))
    try:
        run(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def bench_environment(database, work, settings_module="bench.settings"):
    """The environment of the bench's servers and commands: production settings on its own
    database, Redis database and folders."""
    env = {key: value for key, value in os.environ.items() if key not in OVERRIDDEN}
    env.update(
        DJANGO_SETTINGS_MODULE=settings_module,
        DEBUG="0",
        SECRET_KEY=env.get("SECRET_KEY") or "bench-only-secret-key-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"{SERVER}/{database}",
        REDIS_URL=REDIS_URL,
        MEDIA_ROOT=str(BENCH_HOME / database / "media"),
        STATIC_ROOT=str(work / "static"),
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    return env


def run(args, work):
    env = bench_environment(args.database, work)
    media_root, static_root = Path(env["MEDIA_ROOT"]), Path(env["STATIC_ROOT"])
    prepare_database(args, env, media_root)
    manage(env, "collectstatic", "--noinput", "-v0", timeout=300)
    flush_redis()

    os.environ.update(env)
    pages = pick_pages(args)
    if args.explain:
        explain(pages)
        return
    if args.profile:
        profile(pages)
        return
    counts, sizes = count_queries(pages)
    env["BENCH_CEILING_BYTES"] = str(sizes.get("article") or max(sizes.values()))
    os.environ.update(env)
    available = [(name, url) for name, url in pages if name in sizes]
    rows = [("ceiling", CEILING_URL), *available]

    if args.compare_worker_classes:
        compare_worker_classes(args, env, work, rows)
        return

    results, memory, nginx_rows = {}, {}, []
    modes = [mode for mode in ("cached", "uncached") if mode in args.modes.split(",")]
    for mode in modes:
        server_env = dict(env, PAGE_CACHE_SECONDS="0" if mode == "uncached" else "60")
        with gunicorn(args, server_env, work, mode) as server:
            # Rounds go through every row in turn, so that a spell of a busy machine (other
            # virtual machines on the host, a checkpoint) does not fall on one row alone.
            for _ in range(args.rounds):
                for name, url in rows:
                    result = measure(args, server.url(url))
                    results[name, mode] = best(results.get((name, mode)), result)
                    # Requests wrk gave up on still run in gunicorn and PostgreSQL: let
                    # them finish, or they would be counted against the next row.
                    settle(env["DATABASE_URL"])
            if mode == "cached" and not args.no_nginx:
                nginx_rows = measure_nginx(
                    args, work, server, static_root, media_root, sizes, available
                )
            memory[mode] = server.peak_worker_rss()

    print_report(args, pages, rows, results, counts, sizes, memory, nginx_rows, modes)


# Database -----------------------------------------------------------------------------


def prepare_database(args, env, media_root):
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [args.database]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{args.database}"')
    manage(env, "migrate", "--noinput", "-v0", timeout=900)
    with psycopg.connect(env["DATABASE_URL"], autocommit=True) as connection:
        have = connection.execute("SELECT count(*) FROM articles_article").fetchone()[0]
        if have < args.stories:
            print(f"Generating {args.stories - have:,} stories into {args.database} …")
            manage(
                env,
                "generate_content",
                f"--articles={args.stories - have}",
                "--seed=1",
                timeout=3 * 3600,
                quiet=False,
            )
            # Settle the new rows as autovacuum eventually would: the visibility map makes
            # the capped counts index-only scans.
            connection.execute("VACUUM ANALYZE")
        else:
            print(f"Reusing {args.database}: {have:,} stories.")
            # Draws the shared photos again if their files are gone (a new BENCH_HOME).
            manage(env, "generate_content", "--articles=0", timeout=600)


def manage(env, *arguments, timeout, quiet=True):
    command = [str(BIN / "python"), "manage.py", *arguments]
    result = subprocess.run(
        command,
        cwd=ROOT,
        env=env,
        timeout=timeout,
        capture_output=quiet,
        text=True,
        check=False,
    )
    if result.returncode:
        sys.exit(f"{' '.join(arguments)} failed:\n{result.stdout or ''}{result.stderr or ''}")


def flush_redis():
    """A fresh cache for the bench's Redis database (13), so runs start alike."""
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


# Pages and their queries --------------------------------------------------------------


def pick_pages(args):
    """[(row name, URL or None)] for the pages that exist in this checkout."""
    import django

    django.setup()
    from django.db.models import Count
    from django.urls import NoReverseMatch, reverse

    from articles.models import Article, RelatedLink, TaggedArticle
    from categories.models import Category

    def url_of(name, *arguments):
        try:
            return reverse(name, args=arguments)
        except NoReverseMatch:
            return None

    published = Article.objects.published()
    picks = RelatedLink.objects.filter(kind=RelatedLink.Kind.RELATED).values("article")
    with_picks = published.filter(pk__in=picks).first()
    without_picks = published.exclude(pk__in=picks).first()
    # The section with sub-sections, when there is one: its list spans several sections.
    sections = Category.objects.in_navigation()
    section = sections.filter(children__isnull=False).first() or sections.first()
    tag = (
        TaggedArticle.objects.values("tag__slug")
        .annotate(uses=Count("pk"))
        .order_by("-uses")
        .first()
    )
    # A reader's search: the first word of the benchmarked story's headline.
    word = with_picks.search_text.split("\n")[0].split()[0] if with_picks else None
    search = url_of("articles:search")
    pages = [
        ("home", url_of("home")),
        ("section", section.get_absolute_url() if section else None),
        ("tag", url_of("articles:tag", tag["tag__slug"]) if tag else None),
        ("article", with_picks.get_absolute_url() if with_picks else None),
        ("article, auto related", without_picks.get_absolute_url() if without_picks else None),
        ("search", f"{search}?q={urllib.parse.quote(word)}" if search and word else None),
        ("feed", url_of("feeds:rss")),
    ]
    wanted = {name.strip() for name in args.pages.split(",") if name.strip()}
    if wanted:
        pages = [(name, url) for name, url in pages if name.split(",")[0] in wanted]
    return pages


def count_queries(pages):
    """{(page, mode): SQL queries of one request}, {page: bytes}; pages not 200 are left out."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    client = Client(HTTP_HOST="127.0.0.1")
    counts, sizes = {}, {}
    for name, url in pages:
        if url is None:
            continue
        with override_settings(PAGE_CACHE_SECONDS=0), CaptureQueriesContext(connection) as sql:
            response = client.get(url)
        if response.status_code != 200:
            print(f"Leaving out {name} ({url}): it answers {response.status_code}.")
            continue
        sizes[name] = len(response.content)
        counts[name, "uncached"] = len(sql)
        client.get(url)  # into the page cache
        with CaptureQueriesContext(connection) as sql:
            client.get(url)
        counts[name, "cached"] = len(sql)
    connection.close()
    return counts, sizes


def explain(pages):
    """EXPLAIN (ANALYZE, BUFFERS) of each query the listing pages and search make, first and
    deep pages."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from articles.models import Article
    from lib.pagination import MAX_PAGES

    author = Article.objects.published().values_list("authors__username", flat=True).first()
    urls = [(name, url) for name, url in pages if name != "feed" and url is not None]
    for name, url in list(urls):
        if name in ("home", "section", "tag"):
            urls.append((f"{name}, page {MAX_PAGES}", f"{url}?page={MAX_PAGES}"))
    urls.append(("author", f"/author/{author}/"))
    client = Client(HTTP_HOST="127.0.0.1")
    for name, url in urls:
        with override_settings(PAGE_CACHE_SECONDS=0), CaptureQueriesContext(connection) as sql:
            status = client.get(url).status_code
        print(f"\n=== {name}: {urllib.parse.unquote(url)} ({status}, {len(sql)} queries)")
        with connection.cursor() as cursor:
            for query in sql.captured_queries:
                print(f"\n-- {query['sql'][:2000]}")
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
                print("\n".join(row[0] for row in cursor.fetchall()))


def profile(pages, renders=20, top=25):
    """Where rendering each page afresh spends its time: cProfile over `renders` requests
    (after one to warm the process), the `top` functions by cumulative and by own time."""
    import cProfile
    import io
    import pstats

    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    client = Client(HTTP_HOST="127.0.0.1")
    for name, url in pages:
        if url is None:
            continue
        with override_settings(PAGE_CACHE_SECONDS=0):
            client.get(url)
            profiler = cProfile.Profile()
            started_at = time.perf_counter()
            profiler.enable()
            for _ in range(renders):
                client.get(url)
            profiler.disable()
        per_render = (time.perf_counter() - started_at) / renders * 1000
        print(
            f"\n=== {name}: {urllib.parse.unquote(url)}: {per_render:.1f} ms a render "
            f"under the profiler, {renders} renders"
        )
        for order in ("cumulative", "tottime"):
            output = io.StringIO()
            stats = pstats.Stats(profiler, stream=output).strip_dirs().sort_stats(order)
            stats.print_stats(top)
            print(f"--- by {order}")
            print(output.getvalue().split("\n", 6)[-1].rstrip())
    connection.close()


# Servers ------------------------------------------------------------------------------


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
    """End the server this bench started: its own process group, by id."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def gunicorn(args, env, work, label, worker_class=None):
    worker_class = worker_class or args.worker_class
    port = free_port()
    command = [
        str(BIN / "gunicorn"),
        "khabarayn.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={args.workers}",
        f"--worker-class={worker_class}",
        "--log-level=warning",
        "--timeout=60",
    ]
    if worker_class == "gthread":
        command.append(f"--threads={args.threads}")
    return started(command, env, work / f"gunicorn-{label}.log", CEILING_URL, port)


# Load ---------------------------------------------------------------------------------


def to_ms(value):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def measure(args, url, warm_up=20):
    """{"rps", "p50", "p99", "errors"} of wrk against `url` for --duration seconds."""
    for _ in range(warm_up):
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                response.read()
        except OSError:
            pass
    command = [
        "wrk", "-t1", f"-c{args.connections}", f"-d{args.duration}s", "--latency",
        "--timeout=10s", url,
    ]  # fmt: skip
    output = subprocess.run(
        command, capture_output=True, text=True, timeout=args.duration + 60, check=False
    ).stdout
    result = {"rps": None, "p50": None, "p99": None, "errors": 0}
    found = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if found:
        result["rps"] = float(found[1])
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", output, re.MULTILINE))
    if "50" in percentiles and result["rps"]:  # none finished: no latency to show
        result["p50"], result["p99"] = to_ms(percentiles["50"]), to_ms(percentiles["99"])
    for pattern in (r"Non-2xx or 3xx responses: (\d+)", r"timeout (\d+)"):
        found = re.search(pattern, output)
        result["errors"] += int(found[1]) if found else 0
    return result


def best(earlier, later):
    """The round with more requests per second (its own latencies with it)."""
    if earlier is None or (later["rps"] or 0) > (earlier["rps"] or 0):
        return later
    return earlier


def settle(database_url, seconds=120):
    """Wait until no query of the bench database is running (at most `seconds`)."""
    import psycopg

    deadline = time.monotonic() + seconds
    with psycopg.connect(database_url, autocommit=True) as connection:
        while time.monotonic() < deadline:
            busy = connection.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND state = 'active' AND pid <> pg_backend_pid()"
            ).fetchone()[0]
            if not busy:
                return
            time.sleep(0.5)


# nginx --------------------------------------------------------------------------------


def nginx_config(work, port, upstream_port, static_root, media_root):
    """deploy/nginx.conf, pointed at this machine's gunicorn, port and folders."""
    text = (ROOT / "deploy" / "nginx.conf").read_text()
    replacements = [
        ("user nginx;", "user root;"),
        ("pid /var/run/nginx.pid;", f"pid {work}/nginx.pid;"),
        ("error_log /var/log/nginx/error.log warn;", f"error_log {work}/nginx-error.log warn;"),
        ("access_log /var/log/nginx/access.log;", "access_log off;"),
        ("/var/cache/nginx/pages", f"{work}/nginx-pages"),
        ("server web:8000;", f"server 127.0.0.1:{upstream_port};"),
        ("listen 80 default_server;", f"listen 127.0.0.1:{port} default_server;"),
        ("alias /srv/static/;", f"alias {static_root}/;"),
        ("alias /srv/media/;", f"alias {media_root}/;"),
        (
            "http {\n",
            "http {\n"
            + "".join(
                f"    {kind}_temp_path {work}/nginx-{kind};\n"
                for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
            ),
        ),
    ]
    for old, new in replacements:
        if old not in text:
            sys.exit(f"deploy/nginx.conf changed: cannot find {old!r}")
        text = text.replace(old, new, 1)
    config = work / "nginx.conf"
    config.write_text(text)
    return config


def measure_nginx(args, work, upstream, static_root, media_root, sizes, pages):
    if not shutil.which("nginx"):
        print("nginx is missing: leaving out the nginx rows (apt-get install nginx).")
        return []
    port = free_port()
    config = nginx_config(work, port, upstream.port, static_root, media_root)
    # A static file of the article page's size, served by nginx itself.
    same_size = static_root / "bench-same-size.html"
    same_size.write_bytes(b"x" * int(os.environ["BENCH_CEILING_BYTES"]))
    command = [shutil.which("nginx"), "-c", str(config), "-p", str(work), "-g", "daemon off;"]
    rows = []
    page = "article" if "article" in sizes else next(iter(sizes))
    with started(command, os.environ, work / "nginx.log", "/static/bench-same-size.html", port):
        page_url = f"http://127.0.0.1:{port}{dict(pages)[page]}"
        result = measure(args, page_url)
        rows.append((f"{page} via nginx", result, cache_status(page_url)))
        static_url = f"http://127.0.0.1:{port}/static/bench-same-size.html"
        rows.append(("static file via nginx", measure(args, static_url), "file"))
    return rows


def cache_status(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers.get("X-Cache-Status", "?")


# Report -------------------------------------------------------------------------------


def print_report(args, pages, rows, results, counts, sizes, memory, nginx_rows, modes):
    ceiling = results.get(("ceiling", "uncached"), {}).get("rps") or results.get(
        ("ceiling", modes[0]), {}
    ).get("rps")
    workers = f"{args.workers} {args.worker_class} workers" + (
        f" × {args.threads} threads" if args.worker_class == "gthread" else ""
    )
    print()
    print(
        f"Khabarayn at {args.stories:,} stories: gunicorn {workers}, wrk {args.connections} "
        f"connections, {args.duration} s a row, best of {args.rounds} rounds, "
        f"{os.cpu_count()} cores shared by all."
    )
    header = (
        f"{'page':<24}{'mode':<10}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'SQL/req':>9}{'of ceiling':>12}{'bytes':>9}"
    )
    print(header)
    print("-" * len(header))
    for name, _ in rows:
        for mode in modes:
            result = results.get((name, mode))
            if not result:
                continue
            queries = counts.get((name, mode), 0 if name == "ceiling" else None)
            print(
                f"{name:<24}{mode:<10}{fmt(result['rps'], 0):>9}{fmt(result['p50'], 1):>9}"
                f"{fmt(result['p99'], 1):>9}{fmt(queries, 0):>9}"
                f"{percent(result['rps'], ceiling):>12}"
                f"{fmt(sizes.get(name, sizes.get('article')), 0):>9}"
                + (f"  ({result['errors']} errors)" if result["errors"] else "")
            )
    for name, _ in pages:
        if name not in sizes:
            print(f"{name:<24}n/a: not available in this checkout")
    if nginx_rows:
        limit = nginx_rows[-1][1]["rps"]
        print("-" * len(header))
        for name, result, status in nginx_rows:
            print(
                f"{name:<24}{status:<10}{fmt(result['rps'], 0):>9}{fmt(result['p50'], 1):>9}"
                f"{fmt(result['p99'], 1):>9}{'0':>9}{percent(result['rps'], limit):>12}"
                "  (of the static file)"
            )
    print()
    print("Ceiling: /bench/ceiling/ (bench/urls.py), the page cache bypassed; ratios are to it.")
    for mode, peak in memory.items():
        print(f"Peak RSS of a gunicorn worker ({mode} run): {fmt(peak, 0)} MiB")
    print(f"Targets (reported, not enforced): {TARGETS}.")
    for name, url in pages:
        if url is not None:
            print(f"  {name}: {url}")


def fmt(value, digits):
    if value is None:
        return "-"
    return f"{value:,.{digits}f}"


def percent(value, whole):
    if not value or not whole:
        return "-"
    return f"{100 * value / whole:.0f} %"


def compare_worker_classes(args, env, work, rows):
    wanted = [row for row in rows if row[0] in ("ceiling", "home", "article")]
    print(f"{'worker class':<16}{'page':<12}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}")
    for worker_class in ("sync", "gthread"):
        server_env = dict(env, PAGE_CACHE_SECONDS="0")
        with gunicorn(args, server_env, work, worker_class, worker_class) as server:
            for name, url in wanted:
                result = measure(args, server.url(url))
                print(
                    f"{worker_class:<16}{name:<12}{fmt(result['rps'], 0):>9}"
                    f"{fmt(result['p50'], 1):>9}{fmt(result['p99'], 1):>9}"
                )


if __name__ == "__main__":
    # Run as a script, this folder comes first on the path and "bench" would be this file.
    sys.path[0] = str(ROOT)
    main()
