"""One cached copy of a page for every reader: tracking parameters, unknown parameters,
cookies and browser languages make no copies of their own."""

from urllib.parse import quote

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory

from lib.page_cache.middleware import ReaderPageCacheMiddleware, page_query_string
from tests.factories import ArticleFactory, CategoryFactory

# As in test_page_cache.py: pages in the real Redis, changes committed.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("redis_page_cache")]

TRACKING = [
    "utm_source=newsletter&utm_medium=email&utm_campaign=morning",
    "fbclid=IwAR2xYz",
    "gclid=Cj0KCQ",
    "msclkid=abc123",
    "mc_cid=1a2b&mc_eid=3c4d",
    "_ga=2.1234.5678",
    "yclid=42",
    "igshid=MzRlODBiNWFlZA",
    "ref=twitter&share=1",  # parameters no page knows
]


@pytest.fixture
def story():
    return ArticleFactory(title="مهرجان الزيتون في جرش", category=CategoryFactory(name="ثقافة"))


def cached(client, url, django_assert_num_queries, **headers):
    """The response to `url`, which must come from the cache (no query, no rendering)."""
    with django_assert_num_queries(0):
        response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return response


@pytest.mark.parametrize("tracking", TRACKING)
def test_tracking_parameters_get_the_pages_own_copy(
    client, story, tracking, django_assert_num_queries
):
    for url in ("/", story.get_absolute_url(), story.category.get_absolute_url()):
        first = client.get(url)
        assert first.status_code == 200
        again = cached(client, f"{url}?{tracking}", django_assert_num_queries)
        assert again.content == first.content


def test_a_first_visit_with_tracking_parameters_is_cached_as_the_plain_page(
    client, story, django_assert_num_queries
):
    """What is stored is the page without them: the next plain visit is served from it,
    and the page shows nothing of them."""
    url = story.get_absolute_url()
    first = client.get(f"{url}?utm_source=tracker-xyz&fbclid=abc")
    assert first.status_code == 200
    assert first.wsgi_request.GET.dict() == {}
    assert b"tracker-xyz" not in first.content
    assert cached(client, url, django_assert_num_queries).content == first.content


def test_the_page_and_search_parameters_still_make_their_own_copies(
    client, story, django_assert_num_queries
):
    for _ in range(13):  # a second page of the front page's latest stories
        ArticleFactory(category=story.category)
    front, second = client.get("/"), client.get("/?page=2")
    assert second.status_code == 200 and second.content != front.content
    assert cached(client, "/?page=2&utm_source=x", django_assert_num_queries).content == (
        second.content
    )

    olives = client.get("/search/?q=الزيتون")
    assert list(olives.context["results"]) == [story]
    elsewhere = client.get("/search/?q=لندن")
    assert list(elsewhere.context["results"]) == []
    again = cached(client, "/search/?gclid=1&q=الزيتون", django_assert_num_queries)
    assert again.content == olives.content


def test_the_order_of_the_parameters_makes_no_copy(client, story, django_assert_num_queries):
    olives = quote("الزيتون")  # as browsers send it
    first = client.get(f"/search/?q={olives}&page=1")
    assert first.status_code == 200
    assert first.wsgi_request.META["QUERY_STRING"] == f"page=1&q={olives}"
    again = cached(client, f"/search/?page=1&utm_source=x&q={olives}", django_assert_num_queries)
    assert again.content == first.content


@pytest.mark.parametrize(
    ("query", "kept"),
    [
        ("", ""),
        ("utm_source=a&utm_medium=b", ""),
        ("fbclid=1&page=2&gclid=3", "page=2"),
        ("q=x&page=2", "page=2&q=x"),
        ("page=2&q=x&p=3", "page=2&p=3&q=x"),
        ("q=%D8%A8+%D8%AC", "q=%D8%A8+%D8%AC"),
        # As nginx's $arg_page reads them: the first, its name in any case...
        ("page=2&page=9", "page=2"),
        ("page=&page=999", "page="),
        ("PAGE=2", "page=2"),
        # ... and only `name=value`, the name not percent-decoded.
        ("page&q=x", "q=x"),
        ("%70age=2", ""),
        ("xpage=2&page_size=9", ""),
    ],
)
def test_only_the_parameters_pages_read_are_kept(query, kept):
    assert page_query_string(query) == kept


def test_a_second_value_cannot_stand_in_for_the_first(client, story):
    """nginx keys `/?page=&page=999` as the front page: Django must render the front
    page for it too, not page 999's 404."""
    response = client.get("/?page=&page=999")
    assert response.status_code == 200
    assert "مهرجان الزيتون في جرش" in response.content.decode()


def test_readers_cookies_make_no_copies(story, django_assert_num_queries):
    """The story page reads the session (staff see drafts), so Django says Vary: Cookie;
    without a session the cookies cannot change it."""
    url = story.get_absolute_url()
    first_reader = Client()
    first_reader.cookies["_ga"] = "GA1.1.123.456"
    first = first_reader.get(url)
    assert first.status_code == 200
    assert "cookie" not in first.get("Vary", "").lower()
    assert "public" in first["Cache-Control"]

    second_reader = Client()
    second_reader.cookies["theme"] = "dark"
    again = cached(second_reader, url, django_assert_num_queries)
    assert again.content == first.content
    assert "cookie" not in again.get("Vary", "").lower()
    assert cached(Client(), url, django_assert_num_queries).content == first.content


def test_browser_languages_make_no_copies(story, django_assert_num_queries):
    """The site speaks Arabic only: whatever the browser asks for, the page is the same."""
    url = story.get_absolute_url()
    first = Client().get(url, headers={"accept-language": "ar,en-US;q=0.8"})
    assert "accept-language" not in first.get("Vary", "").lower()
    again = cached(Client(), url, django_assert_num_queries, accept_language="fr-FR,fr;q=0.9")
    assert again.content == first.content


def test_a_page_that_sets_a_cookie_is_never_stored(settings):
    renders = []

    def view(request):
        renders.append(request)
        response = HttpResponse("صفحة")
        response.set_cookie("csrftoken", "secret-of-one-reader")
        return response

    middleware = ReaderPageCacheMiddleware(view)
    for cookies in ({}, {"_ga": "1"}):
        request = RequestFactory().get("/")
        request.COOKIES.update(cookies)
        response = middleware(request)
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]
    assert len(renders) == 2
