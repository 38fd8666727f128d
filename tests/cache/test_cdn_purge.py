"""A change purges its page keys from the configured CDN, after the commit, in the
background; a CDN that fails is tried again and never fails the editor's save."""

import json
import logging
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from lib.page_cache import cdn
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("redis_page_cache")]


class FakeCdn(ThreadingHTTPServer):
    """Records every purge request; answers `failures` of them with a 503 first."""

    def __init__(self, failures=0, delay=0):
        self.calls, self.planned_failures, self.failures, self.delay = [], failures, 0, delay
        super().__init__(("127.0.0.1", 0), PurgeHandler)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}/service/SERVICE/purge"

    def keys_purged(self):
        keys = set()
        for call in self.calls:
            if call["body"]:
                keys |= set(json.loads(call["body"])["tags"])
            else:
                keys |= set(call["headers"].get("Surrogate-Key", "").split())
        return keys


class PurgeHandler(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 - the name http.server calls
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        time.sleep(self.server.delay)
        self.server.calls.append(
            {"path": self.path, "headers": dict(self.headers), "body": body.decode()}
        )
        failing = self.server.failures > 0
        self.server.failures -= 1
        self.send_response(503 if failing else 200)
        self.end_headers()
        self.wfile.write(b'{"status": "ok"}')

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_cdn(request, settings, monkeypatch):
    options = getattr(request, "param", {})
    server = FakeCdn(**options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.CDN_PURGE_PROVIDER = "fastly"
    settings.CDN_PURGE_URL = server.url
    settings.CDN_PURGE_TOKEN = "secret-token"
    monkeypatch.setattr(cdn, "FIRST_RETRY_SECONDS", 0.05)
    yield server
    assert cdn.wait_until_sent(timeout=10)
    server.shutdown()
    server.server_close()


@pytest.fixture
def story(fake_cdn):
    """A live story, whose publication's purge has gone out before the test begins."""
    published = ArticleFactory(title="خبر للتعديل")
    assert cdn.wait_until_sent()
    fake_cdn.calls.clear()
    fake_cdn.failures = fake_cdn.planned_failures
    return published


def edit(story):
    story.title = "خبر بعد التعديل"
    story.save()


def test_an_edit_purges_its_keys_from_fastly(fake_cdn, story):
    edit(story)
    assert cdn.wait_until_sent()
    call = fake_cdn.calls[-1]
    assert call["path"] == "/service/SERVICE/purge"
    assert call["headers"]["Fastly-Key"] == "secret-token"
    assert f"story:{story.pk}" in call["headers"]["Surrogate-Key"].split()


def test_cloudflare_gets_the_keys_as_tags(fake_cdn, story, settings):
    settings.CDN_PURGE_PROVIDER = "cloudflare"
    edit(story)
    assert cdn.wait_until_sent()
    call = fake_cdn.calls[-1]
    assert call["headers"]["Authorization"] == "Bearer secret-token"
    assert f"story:{story.pk}" in json.loads(call["body"])["tags"]


def test_the_keys_purged_are_those_the_page_carried(client, fake_cdn, story):
    page_keys = set(client.get(story.get_absolute_url())["Surrogate-Key"].split())
    edit(story)
    assert cdn.wait_until_sent()
    assert f"story:{story.pk}" in page_keys & fake_cdn.keys_purged()


def test_nothing_is_sent_before_the_commit_nor_for_a_rollback(fake_cdn, story):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        edit(story)
        raise RuntimeError("the save fails")
    assert cdn.wait_until_sent()
    assert fake_cdn.calls == []


@pytest.mark.parametrize("fake_cdn", [{"failures": 2}], indirect=True)
def test_a_failed_purge_is_logged_and_tried_again(fake_cdn, story, caplog):
    with caplog.at_level(logging.WARNING, logger="lib.page_cache.cdn"):
        edit(story)  # does not raise
        assert cdn.wait_until_sent()
    assert len(fake_cdn.calls) == 3
    assert f"story:{story.pk}" in fake_cdn.calls[-1]["headers"]["Surrogate-Key"].split()
    assert sum("retrying" in record.getMessage() for record in caplog.records) == 2


@pytest.mark.parametrize("fake_cdn", [{"failures": 99}], indirect=True)
def test_a_cdn_that_keeps_failing_is_given_up_on(fake_cdn, story, settings, caplog):
    settings.CDN_PURGE_ATTEMPTS = 3
    with caplog.at_level(logging.WARNING, logger="lib.page_cache.cdn"):
        edit(story)
        assert cdn.wait_until_sent()
    assert len(fake_cdn.calls) == 3
    assert any("giving up" in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize("fake_cdn", [{"delay": 1.5}], indirect=True)
def test_the_editors_save_does_not_wait_for_the_cdn(fake_cdn, story):
    started = time.monotonic()
    edit(story)
    assert time.monotonic() - started < 1.0
    assert cdn.wait_until_sent()
    assert fake_cdn.calls


def test_with_no_cdn_configured_nothing_is_sent(fake_cdn, story, settings):
    settings.CDN_PURGE_PROVIDER = ""
    edit(story)
    assert cdn.wait_until_sent()
    assert fake_cdn.calls == []


def test_a_draft_purges_nothing(fake_cdn):
    from articles.models import Article

    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    assert cdn.wait_until_sent()
    fake_cdn.calls.clear()  # its new section's, which is in the navigation
    draft.tags.add("مسودة")
    edit(draft)
    assert cdn.wait_until_sent()
    assert fake_cdn.calls == []
