"""Production is the default: the settings refuse to start without a secret key."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRINT_SETTINGS = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({'debug': settings.DEBUG, 'hosts': settings.ALLOWED_HOSTS, "
    "'cache': settings.CACHES['default']['BACKEND'], "
    "'db': settings.DATABASES['default']['ENGINE'], "
    "'static': settings.STORAGES['staticfiles']['BACKEND']}))"
)


CONFIGURATION = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "CACHE_URL"}


def load_settings(**env):
    clean = {k: v for k, v in os.environ.items() if k not in CONFIGURATION}
    clean.update(env, DJANGO_SETTINGS_MODULE="khabarayn.settings")
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=ROOT, env=clean, capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_missing_secret_key_stops_production_start_up():
    result = load_settings()
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_from_the_environment():
    result = load_settings(
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="news.example, www.news.example",
        DATABASE_URL="postgres://u:p@db:5432/khabarayn",
        REDIS_URL="redis://redis:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "debug": False,
        "hosts": ["news.example", "www.news.example"],
        "cache": "django.core.cache.backends.redis.RedisCache",
        "db": "django.db.backends.postgresql",
        "static": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    }


def test_development_defaults():
    result = load_settings(DEBUG="1")
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["debug"] is True
    assert loaded["db"] == "django.db.backends.sqlite3"
    assert loaded["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert "127.0.0.1" in loaded["hosts"]
