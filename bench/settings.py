"""Settings for `make bench`: production settings plus the bench-only framework ceiling.

Selected with DJANGO_SETTINGS_MODULE=bench.settings by bench/bench.py only; nothing in the
site imports it, so /bench/ceiling/ never ships.
"""

from khabarayn.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
