"""The WordPress import's speed: `make bench-wordpress`.

Writes an export of --posts posts (bench/wordpress_export.py; no media), imports it
into a fresh PostgreSQL database of its own (khabarayn_bench_wordpress, dropped at the end
unless --keep) as `manage.py import_wordpress` does, and prints posts a minute; then
imports it again, which must change nothing, and prints that run's speed too.
--profile prints where the first import's time went (cProfile, by own and cumulative
time).
"""

import argparse
import cProfile
import io
import os
import pstats
import resource
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.search import recreate, setup_django  # noqa: E402
from bench.wordpress_export import write_export  # noqa: E402


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=20_000)
    parser.add_argument("--database", default="khabarayn_bench_wordpress")
    parser.add_argument("--profile", action="store_true", help="profile the first import")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    return parser.parse_args()


class BackendCPU:
    """CPU seconds the PostgreSQL backends serving `database` used, read from /proc while
    they run (the writer's connection closes before the import returns)."""

    def __init__(self, database_url, database):
        self.database_url, self.database = database_url, database
        self.seen, self.running = {}, True
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _watch(self):
        import psycopg

        ticks = os.sysconf("SC_CLK_TCK")
        with psycopg.connect(self.database_url, autocommit=True) as connection:
            own = connection.execute("SELECT pg_backend_pid()").fetchone()[0]
            while self.running:
                pids = connection.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> %s",
                    [self.database, own],
                ).fetchall()
                for (pid,) in pids:
                    try:
                        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                    except OSError:
                        continue
                    self.seen[pid] = (int(fields[11]) + int(fields[12])) / ticks
                time.sleep(0.2)

    def stop(self):
        self.running = False
        self.thread.join()
        return sum(self.seen.values())


def timed_import(export, profile=False):
    from django.conf import settings

    from articles.wordpress.importer import Importer

    importer = Importer(progress=sys.stderr)
    profiler = cProfile.Profile() if profile else None
    database = settings.DATABASES["default"]["NAME"]
    backends = BackendCPU(os.environ["DATABASE_URL"], database)
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    summary = importer.run(export)
    if profiler:
        profiler.disable()
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    summary.python_cpu = after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime
    summary.postgres_cpu = backends.stop()
    if profiler:
        for order in ("tottime", "cumulative"):
            stream = io.StringIO()
            pstats.Stats(profiler, stream=stream).sort_stats(order).print_stats(25)
            print(stream.getvalue())
    return summary, seconds


def main():
    args = parse_args()
    work = Path(tempfile.mkdtemp(prefix="khabarayn-bench-wordpress-"))
    recreate(args.database)
    try:
        setup_django(args.database, work / "media")
        from django.core.management import call_command

        call_command("migrate", "--noinput", verbosity=0)
        export = work / "export.xml"
        started = time.perf_counter()
        with export.open("w", encoding="utf-8") as out:
            write_export(out, args.posts)
        print(
            f"Export: {args.posts:,} posts, {export.stat().st_size / 2**20:.0f} MB, written in "
            f"{time.perf_counter() - started:.0f} s"
        )
        for run in ("first import", "second import (changes nothing)"):
            summary, seconds = timed_import(export, profile=args.profile and run == "first import")
            print(f"\n{run}: {seconds:.1f} s")
            print(summary.table())
            print(f"{run}: {args.posts / seconds * 60:,.0f} posts/min")
            python, postgres = summary.python_cpu, summary.postgres_cpu
            print(
                f"  CPU: Python {python:.1f} s ({python / args.posts * 1000:.2f} ms a post), "
                f"PostgreSQL {postgres:.1f} s ({postgres / args.posts * 1000:.2f} ms a post); "
                f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; "
                f"peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
            )
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            recreate(args.database, drop_only=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
