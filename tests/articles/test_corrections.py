"""Corrections (issue 16): an editor adds a dated correction to a published story; it
shows at the end of the story, moves "آخر تحديث", goes into the JSON-LD, and the
corrections page lists them all, newest first."""

import json
import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Correction
from tests.admin_forms import corrections_management
from tests.factories import ArticleFactory
from tests.workflow.conftest import change_url, form_data

pytestmark = pytest.mark.django_db


def json_ld(page, kind):
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S):
        document = json.loads(block)
        if document["@type"] == kind:
            return document
    raise AssertionError(f"no {kind}")


def with_correction(editor_client, story, text):
    data = form_data(
        story,
        **corrections_management(1),
        **{"corrections-0-text": text, "corrections-0-article": story.pk},
    )
    return editor_client.post(change_url(story), data)


def test_an_editor_adds_a_correction_inline(editor_client, editor, published_article):
    response = with_correction(editor_client, published_article, "ورد خطأً أن القمة عقدت في لندن.")
    assert response.status_code == 302, response.content.decode()[:2000]
    correction = published_article.corrections.get()
    assert correction.text == "ورد خطأً أن القمة عقدت في لندن."
    assert correction.created_by == editor
    assert correction.created_at is not None


def test_a_journalist_cannot_add_one(journalist_client, journalist):
    story = ArticleFactory(status=Article.Status.REVIEW, published_at=None, created_by=journalist)
    with_correction(journalist_client, story, "تصحيح من صحفي")
    assert not Correction.objects.exists()


def test_drafts_have_no_corrections_inline(editor_client, draft_article):
    page = editor_client.get(change_url(draft_article)).content.decode()
    assert "corrections-TOTAL_FORMS" not in page
    published = ArticleFactory()
    assert "corrections-TOTAL_FORMS" in editor_client.get(change_url(published)).content.decode()


def test_the_story_ends_with_its_corrections_and_moves_its_last_update(client):
    published = timezone.now() - timedelta(days=2)
    story = ArticleFactory(published_at=published)
    Article.objects.filter(pk=story.pk).update(updated_at=published)
    corrected = timezone.now().replace(microsecond=0) - timedelta(hours=1)
    with time_machine.travel(corrected, tick=False):
        Correction.objects.create(article=story, text="الرقم الصحيح 40 وليس 14.")
    page = client.get(story.get_absolute_url()).content.decode()
    body_end = page.index('class="story__body"')
    assert page.index("تصحيح:", body_end) > body_end
    assert "الرقم الصحيح 40 وليس 14." in page
    updated = re.search(r'آخر تحديث: <time datetime="([^"]+)"', page)[1]
    assert updated == timezone.localtime(corrected).isoformat()
    document = json_ld(page, "NewsArticle")
    assert document["dateModified"] == corrected.isoformat()
    assert document["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "الرقم الصحيح 40 وليس 14.",
            "datePublished": corrected.isoformat(),
            "url": f"http://testserver{story.get_absolute_url()}"
            f"#correction-{story.corrections.get().pk}",
        }
    ]


def test_a_story_without_corrections_has_none_in_its_json_ld(client, published_article):
    page = client.get(published_article.get_absolute_url()).content.decode()
    assert "correction" not in json_ld(page, "NewsArticle")
    assert "story__corrections" not in page


def test_the_corrections_page_lists_them_newest_first(client):
    older, newer = ArticleFactory(title="الخبر الأول"), ArticleFactory(title="الخبر الثاني")
    now = timezone.now()
    with time_machine.travel(now - timedelta(days=1), tick=False):
        Correction.objects.create(article=older, text="تصحيح قديم")
    Correction.objects.create(article=newer, text="تصحيح جديد")
    hidden = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    Correction.objects.create(article=hidden, text="تصحيح خبر غير منشور")
    page = client.get(reverse("articles:corrections")).content.decode()
    assert page.index("تصحيح جديد") < page.index("تصحيح قديم")
    assert "تصحيح خبر غير منشور" not in page
    assert f'href="{older.get_absolute_url()}#correction-' in page


def test_the_corrections_page_past_its_end_is_a_404(client):
    assert client.get(reverse("articles:corrections") + "?page=9").status_code == 404
