"""Whole numbers from the environment: empty is unset (as .env.example ships them), and
a value that is not a number stops start-up with its name."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Every whole number settings.py reads, with the setting it ends up in and its default.
WHOLE_NUMBERS = {
    "TRUSTED_PROXY_COUNT": ("TRUSTED_PROXY_COUNT", 0),
    "DATABASE_CONN_MAX_AGE": ("DATABASES['default']['CONN_MAX_AGE']", 60),
    "PAGE_CACHE_SECONDS": ("PAGE_CACHE_SECONDS", 60),
    "PAGE_STALE_WHILE_REVALIDATE_SECONDS": ("PAGE_STALE_WHILE_REVALIDATE_SECONDS", 30),
    "PAGE_CACHE_LOCAL_MAX_BYTES": ("PAGE_CACHE_LOCAL_MAX_BYTES", 64 * 2**20),
    "PROXY_CACHE_SECONDS": ("PROXY_CACHE_SECONDS", 1),
    "CDN_PURGE_ATTEMPTS": ("CDN_PURGE_ATTEMPTS", 5),
    "SECURE_HSTS_SECONDS": ("SECURE_HSTS_SECONDS", 31536000),
    "AXES_FAILURE_LIMIT": ("AXES_ADDRESS_FAILURE_LIMIT", 5),
    "AXES_ACCOUNT_FAILURE_LIMIT": ("AXES_ACCOUNT_FAILURE_LIMIT", 30),
    "AXES_COOLOFF_MINUTES": ("AXES_COOLOFF_TIME.total_seconds() // 60", 15),
}
PRINT_WHOLE_NUMBERS = (
    "import json, django; from django.conf import settings as s; django.setup(); "
    "print(json.dumps({"
    + ", ".join(f"{name!r}: s.{setting}" for name, (setting, _) in WHOLE_NUMBERS.items())
    + "}))"
)
# What the settings need to load in production, with Redis (PAGE_CACHE_LOCAL_MAX_BYTES)
# and HTTPS (SECURE_HSTS_SECONDS); nothing is connected to.
PRODUCTION = {
    "SECRET_KEY": "x" * 50,
    "ALLOWED_HOSTS": "news.example",
    "REDIS_URL": "redis://redis.internal:6379/0",
    "HTTPS": "1",
}


def load_settings(**env):
    clean = {k: v for k, v in os.environ.items() if k not in WHOLE_NUMBERS}
    clean = {k: v for k, v in clean.items() if k not in {"DEBUG", "CACHE_URL", "DATABASE_URL"}}
    clean.update(PRODUCTION, **env, DJANGO_SETTINGS_MODULE="khabarayn.settings")
    return subprocess.run(
        [sys.executable, "-c", PRINT_WHOLE_NUMBERS],
        cwd=ROOT, env=clean, capture_output=True, text=True, check=False,
    )  # fmt: skip


def loaded(**env):
    result = load_settings(**env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_an_empty_value_is_the_default():
    """`TRUSTED_PROXY_COUNT=`, as .env.example ships it, is 0, not a crash."""
    defaults = {name: default for name, (_, default) in WHOLE_NUMBERS.items()}
    assert loaded(**dict.fromkeys(WHOLE_NUMBERS, "")) == defaults
    assert loaded(**dict.fromkeys(WHOLE_NUMBERS, "  ")) == defaults
    assert loaded() == defaults


def test_values_are_read():
    values = {name: str(number) for number, name in enumerate(WHOLE_NUMBERS, start=2)}
    assert loaded(**values) == {name: int(value) for name, value in values.items()}


def test_a_value_that_is_not_a_number_names_itself():
    result = load_settings(TRUSTED_PROXY_COUNT="one")
    assert result.returncode != 0
    assert "TRUSTED_PROXY_COUNT must be a whole number, not 'one'" in result.stderr


def test_env_example_loads_as_it_is_shipped():
    """Every variable .env.example lists, with its value (a SECRET_KEY added): settings load."""
    shipped = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            shipped[name.strip()] = value.strip()
    assert shipped["TRUSTED_PROXY_COUNT"] == ""
    shipped.update(SECRET_KEY="x" * 50)
    result = load_settings(**shipped)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["TRUSTED_PROXY_COUNT"] == 0


def test_an_empty_switch_is_its_default_too():
    """`SECURE_SSL_REDIRECT=` behind HTTPS keeps the redirect on rather than turning it off."""
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "CACHE_URL"}}
    clean.update(PRODUCTION, SECURE_SSL_REDIRECT="", SECURE_HSTS_PRELOAD=" ")
    clean["DJANGO_SETTINGS_MODULE"] = "khabarayn.settings"
    script = (
        "import django; from django.conf import settings as s; django.setup(); "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_PRELOAD)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=clean, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True"]
