import itertools

import pytest

from tests.factories import ArticleFactory

_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Every request here must reach the search view.

    These tests search right after saving, inside a transaction that never commits, so
    the reader page cache (retired on commit) would answer with an earlier page.
    """
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def make_story(db):
    """A published story whose text holds only the words a test gives it."""

    def make(title=None, summary="ملخص قصير للخبر.", body="<p>نص الخبر.</p>", **fields):
        number = next(_numbers)
        return ArticleFactory(
            title=title or f"خبر محلي رقم {number}", summary=summary, body=body, **fields
        )

    return make


@pytest.fixture
def search(client):
    """GET /search/ with these parameters."""

    def get(q=None, **params):
        if q is not None:
            params["q"] = q
        return client.get("/search/", params)

    return get


@pytest.fixture
def found(search):
    """The headlines a reader's search for `q` lists, in order."""

    def titles(q, **params):
        response = search(q, **params)
        assert response.status_code == 200
        return [article.title for article in response.context["results"]]

    return titles
