"""The home page: the newest published stories as cards."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_home_lists_published_stories_newest_first(
    client, published_article, draft_article, review_article, scheduled_article
):
    older = ArticleFactory(title="خبر أقدم", published_at=timezone.now() - timedelta(days=2))
    html = client.get("/").content.decode()
    assert html.index(published_article.title) < html.index(older.title)
    for hidden in (draft_article, review_article, scheduled_article):
        assert hidden.get_absolute_url() not in html


def test_cards_show_photo_title_teaser_section_and_time(client, published_article):
    html = client.get("/").content.decode()
    card = html[html.index('<article class="card">') :]
    assert published_article.main_image.alt_text in card
    assert published_article.summary in card
    assert published_article.category.name in card
    assert "<time datetime=" in card
    assert "منذ" in card  # relative time, in Arabic


def test_home_query_count_does_not_grow(client, django_assert_num_queries):
    ArticleFactory.create_batch(2)
    # navigation, count, stories
    with django_assert_num_queries(3):
        client.get("/")
    ArticleFactory.create_batch(20)
    with django_assert_num_queries(3):
        client.get("/")


@pytest.mark.parametrize("page", ["0", "-1", "999", "abc"])
def test_impossible_page_numbers_are_404(client, published_article, page):
    assert client.get("/", {"page": page}).status_code == 404
