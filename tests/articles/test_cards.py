"""Story cards are rendered once per process and reused while what they show is unchanged."""

from contextlib import contextmanager
from datetime import timedelta

import pytest
import time_machine
from django.test.signals import template_rendered
from django.utils import timezone

from articles.cards import CARD_TEMPLATE, forget_cards
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0
    forget_cards()
    yield
    forget_cards()


@contextmanager
def cards_rendered():
    """Counts the cards rendered from their template inside the block."""
    rendered = []

    def count(sender, template, **kwargs):
        if template.name == CARD_TEMPLATE:
            rendered.append(template)

    template_rendered.connect(count)
    try:
        yield rendered
    finally:
        template_rendered.disconnect(count)


@pytest.fixture
def stories():
    section = CategoryFactory(name="اقتصاد")
    return [
        ArticleFactory(category=section, published_at=timezone.now() - timedelta(hours=n + 1))
        for n in range(6)
    ]


def test_a_page_rendered_again_reuses_its_cards(client, stories):
    client.get("/")
    with cards_rendered() as rendered:
        html = client.get("/").content.decode()
    assert rendered == []
    assert all(story.title in html for story in stories)


def test_a_story_edited_renders_its_own_card_only(client, stories):
    client.get("/")
    stories[2].title = "عنوان بعد التصحيح"
    stories[2].save()
    with cards_rendered() as rendered:
        html = client.get("/").content.decode()
    assert "عنوان بعد التصحيح" in html
    assert 0 < len(rendered) <= 2  # its card in each block that shows it


def test_a_new_caption_section_name_or_photo_shows_on_the_cards(client, stories):
    client.get("/")
    photo = stories[0].main_image
    photo.alt_text = "نص بديل جديد للصورة"
    photo.save()
    section = stories[0].category
    section.name = "الاقتصاد والأعمال"
    section.save()
    html = client.get(section.get_absolute_url()).content.decode()
    assert "نص بديل جديد للصورة" in html
    assert html.count("الاقتصاد والأعمال") >= len(stories)


def test_how_long_ago_is_current_on_a_card_kept_from_before(client, stories):
    moment = stories[0].published_at
    with time_machine.travel(moment + timedelta(minutes=2), tick=False):
        assert "منذ دقيقتين" in client.get("/").content.decode()
    with time_machine.travel(moment + timedelta(minutes=5), tick=False):
        with cards_rendered() as rendered:
            html = client.get("/").content.decode()
        assert rendered == [] and "منذ 5 دقائق" in html and "منذ دقيقتين" not in html
