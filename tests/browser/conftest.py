import importlib
import os
import shutil

import pytest
from django.test.testcases import LiveServerThread

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser build)."""
    if not shutil.which(CHROMIUM):
        message = f"Chromium not found at {CHROMIUM}; `make test` installs Debian's chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class _ThroughTheApp:
    """Static files come through WhiteNoise and the hashed manifest, as in production."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        return self.application(environ, start_response)


@pytest.fixture(scope="session")
def site_url(collected_static, django_db_setup, django_db_blocker):
    """A live server running the whole middleware stack (pytest-django's serves static
    files through the finders, which know nothing of hashed names)."""
    thread = LiveServerThread("127.0.0.1", static_handler=_ThroughTheApp, port=0)
    thread.daemon = True
    with django_db_blocker.unblock():
        thread.start()
        thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()


@pytest.fixture
def newsroom_roles(transactional_db):
    """The role groups, made again by their data migration after a flush emptied them."""
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    if Group.objects.filter(name__in=["صحفي", "محرر"]).count() < 2:
        roles = importlib.import_module("articles.migrations.0003_roles")
        state = MigrationExecutor(connection).loader.project_state(("articles", "0003_roles"))
        roles.create_roles(state.apps, None)


@pytest.fixture
def screenshots(tmp_path):
    folder = tmp_path / "screenshots"
    folder.mkdir()
    return folder
