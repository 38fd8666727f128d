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


PRINT_MEDIA_SETTINGS = (
    "import json, django; from django.conf import settings; django.setup(); "
    "from django.core.files.storage import default_storage as storage; "
    "print(json.dumps({'storage': settings.STORAGES['default']['BACKEND'], "
    "'media_url': settings.MEDIA_URL, "
    "'img_src': settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'], "
    "'rendition': storage.url('renditions/photos/a/b.jpg')}))"
)
CONFIGURATION = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "CACHE_URL"}
CONFIGURATION |= {"MEDIA_URL", "AWS_STORAGE_BUCKET_NAME", "AWS_S3_CUSTOM_DOMAIN"}
CONFIGURATION |= {"DATABASE_REPLICA_URL"}
PRINT_DATABASE_SETTINGS = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({'hosts': {alias: db['HOST'] for alias, db in settings.DATABASES.items()}, "
    "'routers': settings.DATABASE_ROUTERS}))"
)


def load_settings(program=PRINT_SETTINGS, **env):
    clean = {k: v for k, v in os.environ.items() if k not in CONFIGURATION}
    clean.update(env, DJANGO_SETTINGS_MODULE="khabarayn.settings")
    return subprocess.run(
        [sys.executable, "-c", program],
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


def production_settings(program, **env):
    """What `program` prints with production settings and `env`; fails if they do not load."""
    result = load_settings(program, SECRET_KEY="x" * 50, ALLOWED_HOSTS="news.example", **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_bucket_name_puts_photos_on_s3_compatible_storage():
    loaded = production_settings(
        PRINT_MEDIA_SETTINGS,
        AWS_STORAGE_BUCKET_NAME="khabarayn-photos",
        AWS_S3_CUSTOM_DOMAIN="photos.news.example",
    )
    assert loaded["storage"] == "storages.backends.s3.S3Storage"
    assert loaded["media_url"] == "https://photos.news.example/"
    assert loaded["rendition"] == "https://photos.news.example/renditions/photos/a/b.jpg"
    assert "https://photos.news.example" in loaded["img_src"]


def test_photos_stay_on_disk_without_a_bucket():
    loaded = production_settings(PRINT_MEDIA_SETTINGS)
    assert loaded["storage"] == "django.core.files.storage.FileSystemStorage"
    assert loaded["media_url"] == "/media/" and loaded["rendition"].startswith("/media/")


def test_a_replica_url_sends_readers_reads_to_it():
    loaded = production_settings(
        PRINT_DATABASE_SETTINGS,
        DATABASE_URL="postgres://u:p@primary:5432/khabarayn",
        DATABASE_REPLICA_URL="postgres://u:p@standby:5432/khabarayn",
    )
    assert loaded == {
        "hosts": {"default": "primary", "replica": "standby"},
        "routers": ["lib.page_cache.replicas.ReplicaRouter"],
    }
    assert production_settings(PRINT_DATABASE_SETTINGS)["routers"] == []
