"""Reading settings from environment variables, for settings.py and gunicorn's config.

An empty value (`NAME=`, as .env.example lists every variable) means the default.
"""

import os

from django.core.exceptions import ImproperlyConfigured


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or not value.strip():  # `NAME=` as .env.example ships it
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    """A whole number; unset or empty (`NAME=`, as .env.example lists it) means `default`."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]
