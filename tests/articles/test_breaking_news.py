"""Breaking news ("عاجل", issue 16): editors post a line from the admin home, journalists
propose one, the bar is on every reader page until the line expires or is withdrawn,
and it has its own feed."""

from datetime import timedelta

import feedparser
import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, BreakingNews
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    """A reader without a session, beside the editor's signed-in client."""
    return Client()


def post_line(client, text, **fields):
    return client.post(
        reverse("admin:articles_breakingnews_post"),
        {"text": text, "article": "", "hours": "2", **fields},
    )


def bar(client, url="/"):
    page = client.get(url).content.decode()
    if 'class="breaking"' not in page:
        return ""
    return page.split('class="breaking"')[1].split("</section>")[0]


def test_the_admin_home_has_the_two_field_form(editor_client):
    page = editor_client.get(reverse("admin:index")).content.decode()
    assert 'id="id_breaking_text"' in page and 'id="id_breaking_article"' in page
    assert "ساعتان" in page  # the default duration, chosen


def test_an_editor_puts_a_line_live_for_two_hours(editor_client, editor, reader):
    story = ArticleFactory(title="تفاصيل الانفجار")
    response = post_line(editor_client, "انفجار في ميناء المدينة", article=story.pk)
    assert response.status_code == 302
    line = BreakingNews.objects.get()
    assert line.status == BreakingNews.Status.LIVE and line.published_by == editor
    assert abs(line.expires_at - (timezone.now() + timedelta(hours=2))) < timedelta(minutes=1)
    shown = bar(reader)
    assert "عاجل" in shown and "انفجار في ميناء المدينة" in shown
    assert f'href="{story.get_absolute_url()}"' in shown
    assert "انفجار في ميناء المدينة" in bar(reader, story.get_absolute_url())
    assert "انفجار في ميناء المدينة" in bar(reader, "/no-such-page/")


def test_a_journalist_only_proposes(journalist, editor):
    client, journalist_client, editor_client = Client(), Client(), Client()
    journalist_client.force_login(journalist)
    editor_client.force_login(editor)
    post_line(journalist_client, "اقتراح عاجل من صحفي")
    line = BreakingNews.objects.get()
    assert line.status == BreakingNews.Status.PROPOSED
    assert bar(client) == ""
    # Nor can the journalist put it live through the list's action.
    journalist_client.post(
        reverse("admin:articles_breakingnews_changelist"),
        {"action": "go_live_selected", "_selected_action": [line.pk]},
    )
    line.refresh_from_db()
    assert line.status == BreakingNews.Status.PROPOSED
    # The editor sees it on the admin home and puts it live from there.
    assert "اقتراح عاجل من صحفي" in editor_client.get(reverse("admin:index")).content.decode()
    response = editor_client.post(
        reverse("admin:articles_breakingnews_changelist"),
        {"action": "go_live_selected", "_selected_action": [line.pk], "_desk": "1"},
    )
    assert response["Location"].startswith(reverse("admin:index"))
    assert "اقتراح عاجل من صحفي" in bar(client)


def test_a_journalist_cannot_make_a_line_live_through_the_form(journalist_client):
    until = timezone.localtime() + timedelta(hours=1)
    journalist_client.post(
        reverse("admin:articles_breakingnews_add"),
        {"text": "محاولة نشر", "article": "", "status": "live",
         "expires_at_0": until.strftime("%Y-%m-%d"), "expires_at_1": until.strftime("%H:%M:%S")},
    )  # fmt: skip
    assert BreakingNews.objects.get().status == BreakingNews.Status.PROPOSED


def test_the_line_disappears_at_its_expiry_to_the_second(editor_client, reader):
    post_line(editor_client, "خبر عاجل ينتهي", hours="1")
    line = BreakingNews.objects.get()
    with time_machine.travel(line.expires_at - timedelta(seconds=1), tick=False):
        assert "خبر عاجل ينتهي" in bar(reader)
    with time_machine.travel(line.expires_at, tick=False):
        assert bar(reader) == ""
    assert BreakingNews.objects.next_publication_time() == line.expires_at


def test_withdrawing_removes_it_at_once(editor_client, reader):
    post_line(editor_client, "خبر عاجل يُسحب")
    line = BreakingNews.objects.get()
    editor_client.post(
        reverse("admin:articles_breakingnews_changelist"),
        {"action": "withdraw_selected", "_selected_action": [line.pk]},
    )
    assert bar(reader) == ""


def test_an_empty_line_is_refused_with_an_arabic_message(editor_client):
    response = post_line(editor_client, "", article="")
    assert response.status_code == 302
    assert not BreakingNews.objects.exists()
    page = editor_client.get(response["Location"]).content.decode()
    assert "هذا الحقل مطلوب" in page


def test_a_link_to_an_unpublished_story_is_refused(editor_client):
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    post_line(editor_client, "عاجل", article=draft.pk)
    assert not BreakingNews.objects.exists()


def test_the_get_of_the_form_address_is_405(editor_client):
    assert editor_client.get(reverse("admin:articles_breakingnews_post")).status_code == 405


def test_the_breaking_feed_lists_the_lines_that_went_live(editor_client, reader):
    post_line(editor_client, "أول خبر عاجل")
    post_line(editor_client, "ثاني خبر عاجل")
    BreakingNews.objects.create(text="اقتراح لم يُنشر")
    feed = feedparser.parse(reader.get(reverse("feeds:breaking")).content)
    assert [entry.title for entry in feed.entries] == ["ثاني خبر عاجل", "أول خبر عاجل"]
    assert "عاجل" in feed.feed.title
