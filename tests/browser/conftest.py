import importlib
import os
import shutil
import threading
import time
from concurrent.futures import ThreadPoolExecutor

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


def require_chromium():
    if not shutil.which(CHROMIUM):
        message = f"Chromium not found at {CHROMIUM}; `make test` installs Debian's chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def in_chromium_thread(work):
    """`work(browser)` in Debian's Chromium, on a thread of its own.

    Playwright's sync API runs one instance per thread, and the `browser` fixture keeps
    its own for the whole session on the main one. Everything touching the database stays
    on the main thread; the browser thread only browses.
    """
    require_chromium()
    from playwright.sync_api import sync_playwright

    def run():
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return work(browser)
            finally:
                browser.close()

    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(run).result()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser build)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class _ThroughTheApp:
    """Static files come through WhiteNoise and the hashed manifest, as in production.

    It also counts the requests being answered: a page closed at the end of a test sends
    the story form's last beat (autosave.js on pagehide), and a flush of the database
    while that request reads it can deadlock."""

    answering = 0
    changed = threading.Condition()

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        with self.changed:
            type(self).answering += 1
        try:
            return self.application(environ, start_response)
        finally:
            with self.changed:
                type(self).answering -= 1
                self.changed.notify_all()

    @classmethod
    def wait_until_idle(cls, grace=0.3, timeout=10):
        time.sleep(grace)  # a beacon sent as the page closed is on its way
        with cls.changed:
            cls.changed.wait_for(lambda: cls.answering == 0, timeout=timeout)


@pytest.fixture(autouse=True)
def requests_answered_before_the_flush(request):
    """Set up after the test's database (and so torn down before it is emptied): the
    live server's last requests finish first."""
    if "site_url" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("transactional_db")
    yield
    _ThroughTheApp.wait_until_idle()


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
        # The later migrations that gave the roles more (corrections, breaking news).
        for name in ("0021_corrections", "0022_breaking_news"):
            later = importlib.import_module(f"articles.migrations.{name}")
            state = MigrationExecutor(connection).loader.project_state(("articles", name))
            later.grant(state.apps, None)


@pytest.fixture
def screenshots(tmp_path):
    folder = tmp_path / "screenshots"
    folder.mkdir()
    return folder
