"""Where the benchmarks run: their processes' environment, manage.py in it, the bench's cache.

Servers and commands run with production settings (DEBUG off) on 127.0.0.1, on the
bench's own database, Redis database and folders; the caller's environment gives the rest.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
SERVER = "postgres://postgres@127.0.0.1:5432"
# BENCH_REDIS_URL: another database, for a bench beside someone else's.
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
BENCH_HOME = Path(os.environ.get("BENCH_HOME", "/var/tmp/khabarayn-bench"))
# Settings the bench decides; anything the caller's environment says about them goes.
OVERRIDDEN = {"CACHE_URL", "PAGE_CACHE_SECONDS", "DJANGO_SETTINGS_MODULE", "STATIC_ROOT"}


def production_environment(dropped, **settings):
    """This process's environment without the variables `dropped`, with production settings
    on 127.0.0.1 and `settings` over them."""
    env = {key: value for key, value in os.environ.items() if key not in dropped}
    env.update(DEBUG="0", ALLOWED_HOSTS="127.0.0.1", LOG_LEVEL="WARNING", PYTHONUNBUFFERED="1")
    env.update(settings)
    return env


def bench_environment(database, work, settings_module="bench.settings"):
    """`make bench`'s and `make bench-newsroom`'s: their database, Redis database (13),
    media under BENCH_HOME and static files in the run's `work` folder."""
    return production_environment(
        OVERRIDDEN,
        DJANGO_SETTINGS_MODULE=settings_module,
        SECRET_KEY=os.environ.get("SECRET_KEY") or "bench-only-secret-key-" + "x" * 40,
        DATABASE_URL=f"{SERVER}/{database}",
        REDIS_URL=REDIS_URL,
        MEDIA_ROOT=str(BENCH_HOME / database / "media"),
        STATIC_ROOT=str(work / "static"),
    )


def manage(env, *arguments, timeout, quiet=True):
    """manage.py with `arguments` in `env`; the run stops, with its output, if it fails."""
    command = [PYTHON, "manage.py", *arguments]
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
