"""Lighthouse's performance score is 95 or more on every kind of reader page.

Lighthouse (from npm, `make test` installs it) drives Debian's Chromium as a mid-range
phone on a slow 4G connection (its default, simulated throttling) against the live
server, which renders the pages as in production: hashed static files through WhiteNoise,
DEBUG off, every photo in its renditions.
"""

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, require_chromium
from tests.quality.conftest import reader_pages  # noqa: F401 - the pages under test

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIGHTHOUSE = Path(__file__).resolve().parents[2] / "node_modules/lighthouse/cli/index.js"
PAGES = ("home", "section", "article", "tag", "search")
MINIMUM_SCORE = 95
ATTEMPTS = 3
# What the report says of a page that falls short.
METRICS = (
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "cumulative-layout-shift",
    "speed-index",
)


def lighthouse(url):
    """Lighthouse's performance report of `url` (its JSON, as a dict)."""
    command = [
        "node", str(LIGHTHOUSE), url,
        "--only-categories=performance", "--output=json", "--output-path=stdout", "--quiet",
        f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
    ]  # fmt: skip
    # Lighthouse sometimes fails to record a page load's trace (NO_NAVSTART, "Please run
    # Lighthouse again"): that is its own hiccup, not the page's, so it gets three tries.
    for _ in range(ATTEMPTS):
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=180,
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            check=False,
        )
        if result.returncode == 0:
            return json.loads(result.stdout)
    raise AssertionError(f"Lighthouse failed {ATTEMPTS} times on {url}: {result.stderr[-2000:]}")


def test_every_reader_page_scores_95_or_more(site_url, reader_pages):  # noqa: F811
    require_chromium()
    if not LIGHTHOUSE.exists():
        message = "Lighthouse missing: `make test` installs it from npm"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    scores, details = {}, {}
    for name in PAGES:
        report = lighthouse(site_url + reader_pages[name])
        scores[name] = round(report["categories"]["performance"]["score"] * 100)
        details[name] = {metric: report["audits"][metric]["displayValue"] for metric in METRICS}
    print(f"Lighthouse performance: {scores}; {details}")  # shown with pytest -s
    short = {name: (score, details[name]) for name, score in scores.items() if score < 95}
    assert short == {}, f"Lighthouse performance under {MINIMUM_SCORE}: {short}"
