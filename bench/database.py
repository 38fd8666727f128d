"""The PostgreSQL the benchmarks run on.

`make bench`, `make bench-scale` and `make bench-newsroom` share a database on the local
server (`khabarayn_bench`, 100,000 stories): made, migrated and filled once, then reused.
`make soak` makes a throw-away cluster of its own, so that it can restart it mid-run.
"""

import os
import shutil
import subprocess
import time
from pathlib import Path

from bench.environment import SERVER, bench_environment, flush_redis, manage
from bench.servers import free_port

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


def prepare(args, work, settings_module="bench.settings"):
    """The environment of a run on the shared database, once that database holds --stories
    stories, the static files are collected and the cache is empty. This process takes the
    environment too, for the Django it runs itself."""
    env = bench_environment(args.database, work, settings_module)
    prepare_database(args, env)
    manage(env, "collectstatic", "--noinput", "-v0", timeout=300)
    flush_redis()
    os.environ.update(env)
    return env


def prepare_database(args, env):
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


class Cluster:
    """A throw-away PostgreSQL cluster in a temporary folder, on a free port."""

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
        self.pg_ctl("start")
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

    def restart(self):
        self.pg_ctl("restart")

    def pg_ctl(self, action):
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        return self.run(
            str(PG_BIN / "pg_ctl"),
            action,
            "-D",
            str(self.data),
            "-w",
            "-m",
            "fast",
            "-o",
            options,
            "-l",
            str(self.folder / "postgres.log"),
        )

    def stop(self):
        if self.data.exists():
            self.run(
                str(PG_BIN / "pg_ctl"), "stop", "-D", str(self.data), "-m", "immediate", check=False
            )

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/khabarayn"
