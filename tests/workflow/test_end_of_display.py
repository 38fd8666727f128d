"""A story with an end of display leaves readers' pages at that second, without any job
(issue 16): an embargoed wire story, a time-limited notice."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article
from tests.factories import ArticleFactory
from tests.workflow.conftest import change_url, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def ending_story():
    ends = timezone.now().replace(microsecond=0) + timedelta(hours=2)
    return ArticleFactory(title="إعلان محدود المدة", expires_at=ends)


def test_readers_see_the_story_until_its_end_and_not_a_second_after(client, ending_story):
    ends = ending_story.expires_at
    with time_machine.travel(ends - timedelta(seconds=1), tick=False):
        assert client.get(ending_story.get_absolute_url()).status_code == 200
        assert "إعلان محدود المدة" in client.get("/").content.decode()
        assert ending_story.is_published()
    with time_machine.travel(ends, tick=False):
        assert client.get(ending_story.get_absolute_url()).status_code == 404
        assert "إعلان محدود المدة" not in client.get("/").content.decode()
        assert "إعلان محدود المدة" not in client.get("/feeds/rss/").content.decode()
        assert not ending_story.is_published()
        assert not Article.objects.published().filter(pk=ending_story.pk).exists()


def test_the_newsroom_still_opens_an_ended_story(editor_client, ending_story):
    with time_machine.travel(ending_story.expires_at + timedelta(minutes=1), tick=False):
        assert editor_client.get(ending_story.get_absolute_url()).status_code == 200
        page = editor_client.get(change_url(ending_story)).content.decode()
        assert "انتهى عرضه" in page
        # Still the editors' live story: they may update it or unpublish it.
        steps = [step.name for step in workflow.steps_for(ending_story, True)]
        assert "unpublish" in steps


def test_the_next_due_time_is_the_nearest_publication_or_end(ending_story):
    assert Article.objects.next_publication_time() == ending_story.expires_at
    sooner = timezone.now().replace(microsecond=0) + timedelta(minutes=30)
    ArticleFactory(published_at=sooner)
    assert Article.objects.next_publication_time() == sooner


def test_an_ended_story_comes_due_for_its_pages(ending_story):
    since = ending_story.expires_at - timedelta(seconds=1)
    with time_machine.travel(ending_story.expires_at + timedelta(seconds=1), tick=False):
        assert list(Article.objects.came_due_since(since)) == [ending_story]
    with time_machine.travel(ending_story.expires_at - timedelta(seconds=2), tick=False):
        assert list(Article.objects.came_due_since(since)) == []


def test_the_end_must_come_after_the_publication():
    story = ArticleFactory.build(
        published_at=timezone.now(), expires_at=timezone.now() - timedelta(minutes=1)
    )
    with pytest.raises(ValidationError, match="بعد وقت النشر"):
        story.full_clean(exclude=["category", "main_image"])


def test_an_editor_sets_the_end_in_the_story_form(editor_client, published_article):
    ends = timezone.localtime() + timedelta(days=1)
    data = form_data(
        published_article,
        expires_at_0=ends.strftime("%Y-%m-%d"),
        expires_at_1=ends.strftime("%H:%M:%S"),
    )
    response = editor_client.post(change_url(published_article), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    published_article.refresh_from_db()
    assert published_article.expires_at.replace(microsecond=0) == ends.replace(microsecond=0)


def test_an_end_before_the_publication_is_a_form_error(editor_client, published_article):
    data = form_data(published_article, expires_at_0="2000-01-01", expires_at_1="10:00:00")
    response = editor_client.post(change_url(published_article), data)
    assert response.status_code == 200
    assert "يجب أن يأتي انتهاء العرض بعد وقت النشر" in response.content.decode()


def test_publishing_in_bulk_leaves_a_story_past_its_end(editor_client):
    story = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    Article.objects.filter(pk=story.pk).update(expires_at=timezone.now() - timedelta(hours=1))
    response = editor_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_selected", "_selected_action": [story.pk]},
        follow=True,
    )
    story.refresh_from_db()
    assert story.status == Article.Status.DRAFT
    assert "انتهى وقت عرضه" in response.content.decode()


def test_a_restore_keeps_the_end_of_display_and_the_live_coverage(editor):
    """Restoring an older text never changes when the story leaves readers, nor its live
    coverage: both are publishing decisions (articles/revisions/restore.py restores content
    only)."""
    import reversion
    from reversion.models import Version

    from articles.revisions.restore import restore_content

    story = ArticleFactory(title="النص القديم")
    with reversion.create_revision():
        story.save()
    ends = timezone.now().replace(microsecond=0) + timedelta(days=2)
    story.title, story.expires_at, story.is_live = "النص الجديد", ends, True
    story.save()
    restore_content(story, Version.objects.get_for_object(story).last())
    story.refresh_from_db()
    assert story.title == "النص القديم"
    assert story.expires_at == ends and story.is_live and story.live_started_at
