"""The home page: the newest published stories as cards."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import ArticleFactory, CategoryFactory

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
    sections = CategoryFactory.create_batch(3)
    for section in sections:
        ArticleFactory(category=section)
    # navigation, breaking bar, count, latest, lead, top stories, sections, then one per
    # section
    with django_assert_num_queries(7 + len(sections)):
        client.get("/")
    for section in sections:
        ArticleFactory.create_batch(6, category=section, tags=["وسم"])
    with django_assert_num_queries(7 + len(sections)):
        client.get("/")


def test_the_editors_lead_then_top_stories_then_sections(client):
    world = CategoryFactory(name="العالم", navigation_order=1)
    europe = CategoryFactory(name="أوروبا", parent=world, show_in_navigation=False)
    sport = CategoryFactory(name="رياضة", navigation_order=2)
    lead = ArticleFactory(title="الخبر الرئيسي المختار", is_lead=True,
                          published_at=timezone.now() - timedelta(days=1))  # fmt: skip
    featured = ArticleFactory(title="خبر بارز", is_featured=True, category=sport,
                              published_at=timezone.now() - timedelta(days=2))  # fmt: skip
    in_europe = ArticleFactory(title="خبر من أوروبا", category=europe)
    html = client.get("/").content.decode()
    front = html[html.index('class="front"') : html.index('class="section-block"')]
    assert front.index(lead.title) < front.index(featured.title)
    world_block = html[html.index(f'id="section-{world.pk}"') :]
    assert in_europe.title in world_block[: world_block.index("</section>")]
    sport_block = html[html.index(f'id="section-{sport.pk}"') :]
    assert featured.title in sport_block[: sport_block.index("</section>")]


def test_without_a_chosen_lead_the_newest_leads(client):
    ArticleFactory(title="خبر أقدم", published_at=timezone.now() - timedelta(days=1))
    newest = ArticleFactory(title="أحدث خبر")
    html = client.get("/").content.decode()
    lead = html[html.index('class="front__lead"') : html.index('class="front__top"')]
    assert newest.title in lead


@pytest.mark.parametrize("page", ["0", "-1", "999", "abc"])
def test_impossible_page_numbers_are_404(client, published_article, page):
    assert client.get("/", {"page": page}).status_code == 404


def test_the_lead_photo_is_fetched_first_and_the_others_when_seen(client):
    """The lead's photo is the home page's largest paint: it must not wait to be scrolled to."""
    ArticleFactory.create_batch(3)
    ArticleFactory(is_lead=True)
    html = client.get("/").content.decode()
    lead = html[html.index('class="front__lead"') :]
    lead_img = lead[lead.index("<img ") : lead.index(">", lead.index("<img "))]
    assert 'fetchpriority="high"' in lead_img and "lazy" not in lead_img
    rest = lead[lead.index("</article>") :]
    assert rest.count("<img ") >= 3
    assert rest.count('loading="lazy"') == rest.count("<img ")
    assert html.count('fetchpriority="high"') == 1
    # Only the lead is three fifths of the page wide; the other cards follow the grid.
    assert html.count('sizes="(min-width: 76rem) 44rem') == 2  # its <source> and <img>
