"""A scheduled story appears on its own at its time, and not a second before."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_scheduled_story_appears_at_its_time_without_any_job(client):
    go_live = timezone.now() + timedelta(hours=2)
    story = ArticleFactory(title="خبر مجدول للنشر", published_at=go_live)

    with time_machine.travel(go_live - timedelta(seconds=1), tick=False):
        assert client.get(story.get_absolute_url()).status_code == 404
        assert "خبر مجدول للنشر" not in client.get("/").content.decode()
        assert (
            "خبر مجدول للنشر" not in client.get(story.category.get_absolute_url()).content.decode()
        )

    with time_machine.travel(go_live, tick=False):
        assert client.get(story.get_absolute_url()).status_code == 200
        assert "خبر مجدول للنشر" in client.get("/").content.decode()
        assert "خبر مجدول للنشر" in client.get(story.category.get_absolute_url()).content.decode()


def test_unpublishing_removes_the_story_at_once(client, published_article):
    published_article.status = Article.Status.DRAFT
    published_article.save()
    assert client.get(published_article.get_absolute_url()).status_code == 404
    assert published_article.title not in client.get("/").content.decode()


def test_fixing_a_typo_keeps_the_publication_time_and_shows_the_update(client):
    published_at = timezone.now() - timedelta(days=1)
    with time_machine.travel(published_at, tick=False):
        story = ArticleFactory(published_at=published_at)
    story.title = story.title + " (مصحح)"
    story.save()
    story.refresh_from_db()
    assert story.published_at == published_at
    html = client.get(story.get_absolute_url()).content.decode()
    assert "آخر تحديث" in html
