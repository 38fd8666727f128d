"""CappedPaginator: page-number pagination whose count never reads the whole list."""

import pytest
from django.core.paginator import EmptyPage
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from lib.pagination import CappedPaginator, count_at_most

pytestmark = pytest.mark.django_db


class ThreePages(CappedPaginator):
    max_pages = 3


@pytest.fixture
def few_pages(monkeypatch):
    """Lists show at most 3 pages, so 200 stories go past the cap."""
    monkeypatch.setattr(CappedPaginator, "max_pages", 3)


def test_count_is_capped_with_one_limited_query(generated):
    stories = Article.objects.published().newest_first()
    paginator = ThreePages(stories, 12)
    with CaptureQueriesContext(connection) as queries:
        assert paginator.count == 36
    assert len(queries) == 1
    sql = queries[0]["sql"]
    assert "LIMIT 37" in sql and "ORDER BY" not in sql
    assert paginator.num_pages == 3 and paginator.truncated
    assert list(paginator.page(3).object_list) == list(stories[24:36])
    with pytest.raises(EmptyPage):
        paginator.page(4)


def test_a_list_shorter_than_the_cap_is_counted_exactly(generated):
    stories = Article.objects.published()
    paginator = CappedPaginator(stories.newest_first(), 20)
    assert paginator.count == stories.count()
    assert not paginator.truncated
    exactly_full = ThreePages(stories.newest_first()[:36], 12)
    assert exactly_full.count == 36 and not exactly_full.truncated


def test_lists_and_counts_at_most():
    assert count_at_most([1, 2, 3], 10) == 3
    assert count_at_most(list(range(50)), 10) == 10
    assert ThreePages(list(range(100)), 10).num_pages == 3


@pytest.mark.parametrize(
    "make_url",
    [
        lambda story: "/",
        lambda story: story.category.get_absolute_url(),
        lambda story: story.tags.order_by("-tagged_articles__id").first().get_absolute_url(),
        lambda story: f"/author/{story.authors.first().username}/",
    ],
    ids=["home", "section", "tag", "author"],
)
def test_deep_pages_work_and_past_the_cap_is_404(client, generated, few_pages, make_url):
    url = make_url(Article.objects.published().first())
    first = client.get(url)
    assert first.status_code == 200
    paginator = first.context["paginator"]
    assert isinstance(paginator, CappedPaginator)
    last = paginator.num_pages
    assert client.get(url, {"page": last}).status_code == 200
    assert client.get(url, {"page": "last"}).status_code == 200
    assert client.get(url, {"page": last + 1}).status_code == 404


def test_home_past_the_cap(client, generated, few_pages):
    response = client.get("/", {"page": 3})
    assert response.status_code == 200
    assert response.context["paginator"].truncated
    assert len(response.context["latest"]) == 12
    assert client.get("/", {"page": 4}).status_code == 404
