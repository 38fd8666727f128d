from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.urls import resolve
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, CategoryFactory, ImageFactory, UserFactory


@pytest.fixture
def call_view(rf):
    """Answer a GET from the address's view alone, without the middleware.

    Query counts are the view's own work: the reader page cache in the middleware looks
    up its state first, and answers a repeated request without running the view at all.
    """

    def call_view(url):
        match = resolve(unquote(url.split("?")[0]))
        response = match.func(rf.get(url), *match.args, **match.kwargs)
        if hasattr(response, "render"):
            response.render()
        assert response.status_code == 200
        return response

    return call_view


@pytest.fixture
def photo(db):
    """One photo for every story: its renditions are made once, not once per story."""
    return ImageFactory()


@pytest.fixture
def make_story(photo):
    def make_story(**kwargs):
        return ArticleFactory(main_image=photo, **kwargs)

    return make_story


@pytest.fixture
def world(db):
    return CategoryFactory(name="العالم", slug="العالم")


@pytest.fixture
def europe(world):
    """A sub-section of `world`."""
    return CategoryFactory(name="أوروبا", slug="أوروبا", parent=world, show_in_navigation=False)


@pytest.fixture
def sport(db):
    return CategoryFactory(name="رياضة", slug="رياضة")


@pytest.fixture
def hidden_stories(make_story, world):
    """A draft, a story in review and a scheduled story: readers see none of them."""
    return [
        make_story(
            title="مسودة لم تنشر", category=world, status=Article.Status.DRAFT, published_at=None
        ),
        make_story(
            title="خبر قيد المراجعة",
            category=world,
            status=Article.Status.REVIEW,
            published_at=None,
        ),
        make_story(
            title="خبر مجدول للغد",
            category=world,
            published_at=timezone.now() + timedelta(days=1),
        ),
    ]


@pytest.fixture
def bylined_story(make_story, europe):
    """A published story with two authors, tags and a section, as in the reference page."""
    story = make_story(
        title="قمة باريس لتعزيز دفاعات أوكرانيا ضد روسيا",
        summary="وزير الخارجية الأمريكي ماركو روبيو يلتقي المسؤولين الأوروبيين في باريس.",
        category=europe,
        tags=["أوروبا", "فرنسا"],
    )
    story.authors.add(
        UserFactory(username="layla", first_name="ليلى", last_name="حداد"),
        UserFactory(username="samer", first_name="سامر", last_name="خليل"),
    )
    return story
