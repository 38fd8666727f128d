"""Live coverage ("مباشر", issue 16): a story marked live carries timestamped updates,
posted from the live desk's compact form, shown newest first with "مهم" pinned, served
again by a cacheable endpoint for our own script; JSON-LD LiveBlogPosting; closing the
coverage keeps the updates."""

import json
import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, LiveUpdate
from tests.admin_forms import jpeg_upload
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_story():
    started = timezone.now() - timedelta(hours=1)
    with time_machine.travel(started, tick=False):
        story = ArticleFactory(title="تغطية مباشرة للانتخابات", is_live=True)
    return story


def desk_url(story):
    return reverse("admin:articles_article_live", args=[story.pk])


def json_ld(page):
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S):
        document = json.loads(block)
        if document["@type"] in ("NewsArticle", "LiveBlogPosting"):
            return document
    raise AssertionError("no story JSON-LD")


def test_turning_coverage_on_and_off_sets_its_times(live_story):
    assert live_story.live_started_at is not None and live_story.live_ended_at is None
    live_story.is_live = False
    live_story.save()
    assert live_story.live_ended_at is not None
    live_story.is_live = True
    live_story.save()
    assert live_story.live_ended_at is None


def test_the_desk_form_posts_an_update_and_puts_the_cursor_back(editor_client, editor, live_story):
    page = editor_client.get(desk_url(live_story)).content.decode()
    assert re.search(r"<textarea[^>]*autofocus", page)
    response = editor_client.post(desk_url(live_story), {"text": "فتح مراكز الاقتراع"})
    assert response.status_code == 302 and response["Location"] == desk_url(live_story)
    update = live_story.live_updates.get()
    assert update.text == "فتح مراكز الاقتراع" and update.created_by == editor
    page = editor_client.get(response["Location"]).content.decode()
    assert "نُشر التحديث." in page and re.search(r"<textarea[^>]*autofocus", page)


def test_an_update_with_a_photo_needs_its_credit(editor_client, live_story):
    response = editor_client.post(
        desk_url(live_story), {"text": "صورة من الميدان", "photo_file": jpeg_upload()}
    )
    assert response.status_code == 200
    assert "تحتاج الصورة إلى وصفها ومصدرها." in response.content.decode()
    assert not LiveUpdate.objects.exists()
    response = editor_client.post(
        desk_url(live_story),
        {"text": "صورة من الميدان", "photo_file": jpeg_upload(),
         "photo_alt_text": "طابور الناخبين أمام مركز اقتراع", "photo_credit": "رويترز"},
    )  # fmt: skip
    assert response.status_code == 302
    assert LiveUpdate.objects.get().photo.credit == "رويترز"


def test_a_journalist_cannot_post_to_a_published_story(journalist_client, live_story):
    assert journalist_client.post(desk_url(live_story), {"text": "تحديث"}).status_code == 403
    assert not LiveUpdate.objects.exists()


def test_readers_see_the_label_and_updates_newest_first_with_important_pinned(client, live_story):
    now = timezone.now()
    for minutes, text, important in [(50, "تحديث مهم قديم", True), (40, "تحديث أول", False),
                                     (10, "تحديث أحدث", False)]:  # fmt: skip
        with time_machine.travel(now - timedelta(minutes=minutes), tick=False):
            LiveUpdate.objects.create(article=live_story, text=text, is_important=important)
    page = client.get(live_story.get_absolute_url()).content.decode()
    assert 'class="live-label"' in page and "مباشر" in page
    order = [page.index(text) for text in ("تحديث مهم قديم", "تحديث أحدث", "تحديث أول")]
    assert order == sorted(order)
    assert f'data-live-url="{reverse("articles:live_updates", args=[live_story.pk])}"' in page
    assert "/static/js/live." in page


def test_the_updates_endpoint_is_a_cacheable_fragment(client, live_story):
    LiveUpdate.objects.create(article=live_story, text="تحديث للمتصفح")
    response = client.get(reverse("articles:live_updates", args=[live_story.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "تحديث للمتصفح" in html and "<html" not in html
    assert f"live:{live_story.pk}" in response["Surrogate-Key"].split()
    assert client.get(reverse("articles:live_updates", args=[999999])).status_code == 404
    plain = ArticleFactory()
    assert client.get(reverse("articles:live_updates", args=[plain.pk])).status_code == 404


def test_json_ld_is_a_live_blog_posting(client, live_story):
    LiveUpdate.objects.create(article=live_story, text="السطر الأول\nتفاصيل")
    document = json_ld(client.get(live_story.get_absolute_url()).content.decode())
    assert document["@type"] == "LiveBlogPosting"
    assert document["coverageStartTime"] == live_story.live_started_at.isoformat()
    assert "coverageEndTime" not in document
    [update] = document["liveBlogUpdate"]
    assert update["@type"] == "BlogPosting" and update["headline"] == "السطر الأول"
    assert update["articleBody"] == "السطر الأول\nتفاصيل"


def test_closing_the_coverage_keeps_the_updates(editor_client, live_story):
    LiveUpdate.objects.create(article=live_story, text="تحديث يبقى")
    response = editor_client.post(desk_url(live_story), {"coverage": "end"})
    assert response.status_code == 302
    live_story.refresh_from_db()
    assert not live_story.is_live and live_story.live_ended_at
    page = Client().get(live_story.get_absolute_url()).content.decode()
    assert "تحديث يبقى" in page
    assert 'class="live-label"' not in page and "data-live-url" not in page
    document = json_ld(page)
    assert document["coverageEndTime"] == live_story.live_ended_at.isoformat()


def test_a_story_without_coverage_costs_no_updates_query(
    published_article, django_assert_num_queries
):
    with django_assert_num_queries(0):
        assert published_article.shown_live_updates == []


def test_pin_and_delete_from_the_desk(editor_client, live_story):
    update = LiveUpdate.objects.create(article=live_story, text="تحديث للتثبيت")
    editor_client.post(desk_url(live_story), {"update": update.pk, "pin": "1"})
    update.refresh_from_db()
    assert update.is_important
    editor_client.post(desk_url(live_story), {"update": update.pk, "delete": "1"})
    assert not LiveUpdate.objects.exists()
    assert editor_client.post(desk_url(live_story), {"update": "x", "pin": "1"}).status_code == 404


def test_the_story_form_has_the_live_flag(editor_client, published_article):
    page = editor_client.get(
        reverse("admin:articles_article_change", args=[published_article.pk])
    ).content.decode()
    assert 'name="is_live"' in page
    assert desk_url(published_article) in page
    assert Article.objects.filter(is_live=True).count() == 0


def test_a_photo_of_a_live_update_is_not_abandoned(live_story):
    """delete_abandoned_photos leaves it: the update shows it (and protects it)."""
    from articles.models import Image
    from tests.factories import ImageFactory

    photo = ImageFactory()
    LiveUpdate.objects.create(article=live_story, text="صورة من الميدان", photo=photo)
    later = timezone.now() + timedelta(days=30)
    assert photo not in Image.objects.abandoned(later)
