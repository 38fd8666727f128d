"""What a signed-in person is shown is kept by no cache; only readers' pages are public."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"  # every UserFactory account's


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    """The page cache as in production: it must not hand signed-in people public pages."""
    settings.PAGE_CACHE_SECONDS = 60


def directives(response):
    return {part.strip().split("=")[0] for part in response.get("Cache-Control", "").split(",")}


def assert_private(response):
    kept = directives(response)
    assert {"private", "no-store"} <= kept, response.get("Cache-Control")
    assert not kept & {"public", "s-maxage", "stale-while-revalidate"}, kept


def test_newsroom_pages_are_private(editor_client, draft_article):
    for url in (
        reverse("admin:index"),
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_change", args=[draft_article.pk]),
    ):
        response = editor_client.get(url)
        assert response.status_code == 200, url
        assert_private(response)


def test_the_preview_of_a_draft_is_private(editor_client, draft_article):
    response = editor_client.get(draft_article.get_absolute_url())
    assert response.status_code == 200
    assert_private(response)


def test_reader_pages_seen_by_staff_are_private(editor_client, published_article):
    for url in (
        "/",
        published_article.get_absolute_url(),
        published_article.category.get_absolute_url(),
        "/search/?q=باريس",
        "/feeds/rss/",
        "/sitemap.xml",
    ):
        response = editor_client.get(url)
        assert response.status_code == 200, url
        assert_private(response)


def test_error_pages_shown_to_staff_are_private(journalist_client):
    assert_private(journalist_client.get("/no-such-page/"))  # 404
    forbidden = journalist_client.get(reverse("admin:auth_user_changelist"))  # 403
    assert forbidden.status_code == 403
    assert_private(forbidden)
    malformed = journalist_client.get("/news/%00/")  # 400, before the session is read
    assert malformed.status_code == 400
    assert_private(malformed)


def test_the_response_that_signs_someone_in_is_private(client, editor):
    """The request had no session yet: it is the response that starts one."""
    response = client.post(
        reverse("admin:login"), {"username": "editor", "password": PASSWORD, "next": "/"}
    )
    assert response.status_code == 302
    assert_private(response)


def test_a_staff_page_is_not_served_to_readers(editor_client, published_article):
    """Nor does it take the place of the readers' copy of the page."""
    url = published_article.get_absolute_url()
    editor_client.get(url)
    response = Client().get(url)
    assert {"public", "max-age", "s-maxage", "stale-while-revalidate"} <= directives(response)
    assert "private" not in directives(response)


def test_readers_pages_stay_public(client, published_article):
    for url in ("/", published_article.get_absolute_url(), "/no-such-page/"):
        for _ in range(2):  # rendered, then from the page cache
            response = client.get(url)
            kept = directives(response)
            assert {"public", "max-age", "s-maxage", "stale-while-revalidate"} <= kept, url
            assert not kept & {"private", "no-store"}, url
