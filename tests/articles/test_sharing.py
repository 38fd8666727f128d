"""The story form's SEO fields and its preview of the story where it is shared (#14)."""

import pytest
from django.urls import reverse

from articles.models import Article
from articles.sharing import SEARCH_TITLE_CHARS, clip
from tests.workflow.conftest import change_url, form_data, own_draft  # noqa: F401

pytestmark = pytest.mark.django_db


def preview_of(html):
    return html.split('class="sharing-preview"')[1].split('<div class="form-row')[0]


def test_a_journalist_writes_an_seo_title_and_description(journalist_client, own_draft):  # noqa: F811
    data = form_data(
        own_draft, seo_title="عنوان قصير للبحث", seo_description="وصف قصير يظهر في نتائج البحث."
    )
    assert journalist_client.post(change_url(own_draft), data).status_code == 302
    own_draft.refresh_from_db()
    assert own_draft.seo_title == "عنوان قصير للبحث"
    assert own_draft.shared_title() == "عنوان قصير للبحث"
    assert own_draft.shared_description() == "وصف قصير يظهر في نتائج البحث."


def test_an_seo_title_too_long_is_refused_in_arabic(journalist_client, own_draft):  # noqa: F811
    data = form_data(own_draft, seo_title="ب" * 101)
    response = journalist_client.post(change_url(own_draft), data)
    assert response.status_code == 200
    error = response.context["adminform"].form.errors["seo_title"][0]
    assert "100" in error and "Ensure" not in error


def test_the_preview_shows_the_story_as_shared_without_javascript(journalist_client, own_draft):  # noqa: F811
    """Rendered on the server: the search result (title with the site's name, the
    address, the description) and the card (host, title, description, photo)."""
    Article.objects.filter(pk=own_draft.pk).update(seo_description="وصف كتبته الصحفية.")
    preview = preview_of(journalist_client.get(change_url(own_draft)).content.decode())
    assert f"{own_draft.title} | خَبَرَيْن" in preview
    assert f"http://testserver/news/{own_draft.pk}/{own_draft.slug}/" in preview
    assert preview.count("وصف كتبته الصحفية.") == 2
    assert own_draft.summary not in preview
    assert 'class="share-card__image"' in preview
    assert own_draft.main_image.og_rendition.url in preview


def test_the_preview_clips_as_a_search_result_does(journalist_client, own_draft):  # noqa: F811
    headline = "قمة " * 40
    Article.objects.filter(pk=own_draft.pk).update(title=headline.strip())
    preview = preview_of(journalist_client.get(change_url(own_draft)).content.decode())
    title = preview.split('data-preview="search-title">')[1].split("<")[0]
    assert len(title) == SEARCH_TITLE_CHARS and title.endswith("قمة…")


def test_the_add_form_previews_an_empty_story(journalist_client):
    html = journalist_client.get(reverse("admin:articles_article_add")).content.decode()
    preview = preview_of(html)
    assert "عنوان الخبر" in preview and "لا وصف بعد" in preview
    assert "share-card__image" not in preview


def test_a_story_read_only_still_shows_its_preview(journalist_client, own_draft):  # noqa: F811
    Article.objects.filter(pk=own_draft.pk).update(
        status=Article.Status.PUBLISHED, seo_title="عنوان البحث المنشور"
    )
    html = journalist_client.get(change_url(own_draft)).content.decode()
    assert 'name="seo_title"' not in html
    assert "عنوان البحث المنشور | خَبَرَيْن" in preview_of(html)


@pytest.mark.parametrize(
    ("text", "limit", "clipped"),
    [
        ("عنوان قصير", 60, "عنوان قصير"),
        ("  عنوان\n على   سطرين ", 60, "عنوان على سطرين"),
        ("أبجد هوز حطي", 8, "أبجد هو…"),
        ("أبجد هوز حطي", 6, "أبجد…"),
    ],
)
def test_clip(text, limit, clipped):
    assert clip(text, limit) == clipped
