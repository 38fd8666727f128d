import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.admin_forms import links_management
from tests.factories import ArticleFactory


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def form_data(article, **overrides):
    """The story's change form as the admin would post it back; `_step="submit"` and the
    like press a workflow button (without one, the first: "save draft" or "save")."""
    data = {
        "title": article.title,
        "summary": article.summary,
        "body": article.body,
        "main_image": article.main_image_id,
        "category": article.category_id,
        "tags": ", ".join(article.tags.names()) if article.pk else "",
        "authors": [author.pk for author in article.authors.all()] if article.pk else [],
        "published_at_0": "",
        "published_at_1": "",
        "expires_at_0": "",
        "expires_at_1": "",
        "slug": article.slug,
        "loaded_version": str(article.version),
        **links_management(0),
        "_save": "حفظ",
    }
    if article.published_at:
        local = timezone.localtime(article.published_at)
        data["published_at_0"] = local.strftime("%Y-%m-%d")
        data["published_at_1"] = local.strftime("%H:%M:%S")
    if article.expires_at:
        local = timezone.localtime(article.expires_at)
        data["expires_at_0"] = local.strftime("%Y-%m-%d")
        data["expires_at_1"] = local.strftime("%H:%M:%S")
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def own_draft(journalist):
    story = ArticleFactory(status=Article.Status.DRAFT, published_at=None, created_by=journalist)
    story.authors.add(journalist)
    return story


@pytest.fixture
def nobody_editing():
    """Who has a story open lives in the cache, which outlives each test's database."""
    cache.clear()
    yield
    cache.clear()
