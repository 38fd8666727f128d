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
import shutil
import sys
import tempfile
from pathlib import Path

if __name__ == "__main__":
    # Run as a script, this folder comes first on the path and "bench" would be this file.
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from bench import database, nginx, wrk
from bench.pages import count_queries, pick_pages
from bench.profiling import explain, profile
from bench.report import fmt, print_bench_report
from bench.servers import CEILING_URL, serve


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
    with tempfile.TemporaryDirectory(prefix="khabarayn-bench-", ignore_cleanup_errors=True) as work:
        run(args, Path(work))


def run(args, work):
    env = database.prepare(args, work)
    media_root, static_root = Path(env["MEDIA_ROOT"]), Path(env["STATIC_ROOT"])
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
        with serve(args, server_env, work, mode) as server:
            # Rounds go through every row in turn, so that a spell of a busy machine (other
            # virtual machines on the host, a checkpoint) does not fall on one row alone.
            for _ in range(args.rounds):
                for name, url in rows:
                    result = wrk.measure(args, server.url(url), script=wrk.script_for(name, work))
                    results[name, mode] = wrk.best(results.get((name, mode)), result)
                    # Requests wrk gave up on still run in gunicorn and PostgreSQL: let
                    # them finish, or they would be counted against the next row.
                    database.settle(env["DATABASE_URL"])
            if mode == "cached" and not args.no_nginx:
                nginx_rows = nginx.measure(
                    args, work, server, static_root, media_root, sizes, available
                )
            memory[mode] = server.peak_worker_rss()

    print_bench_report(args, pages, rows, results, counts, sizes, memory, nginx_rows, modes)


def compare_worker_classes(args, env, work, rows):
    wanted = [row for row in rows if row[0] in ("ceiling", "home", "article")]
    print(f"{'worker class':<16}{'page':<12}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}")
    for worker_class in ("sync", "gthread"):
        server_env = dict(env, PAGE_CACHE_SECONDS="0")
        with serve(args, server_env, work, worker_class, worker_class) as server:
            for name, url in wanted:
                result = wrk.measure(args, server.url(url))
                print(
                    f"{worker_class:<16}{name:<12}{fmt(result['rps'], 0):>9}"
                    f"{fmt(result['p50'], 1):>9}{fmt(result['p99'], 1):>9}"
                )


if __name__ == "__main__":
    main()
