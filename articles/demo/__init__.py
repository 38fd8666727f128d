"""The demo newsroom: its words in JSON files beside this module, its photos drawn by
``painter``. ``load_demo`` loads all of it; ``generate_content`` borrows the sections."""

import json
from pathlib import Path

from django.core.management.base import CommandError

DEMO_DIR = Path(__file__).resolve().parent


def read_json(name):
    path = DEMO_DIR / name
    try:
        with path.open(encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError) as error:
        raise CommandError(f"Cannot read {path}: {error}") from error
