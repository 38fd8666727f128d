"""The sitemap index and its parts, the Google News sitemap and robots.txt."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.sitemaps import ArticleSitemap
from tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS = "http://www.google.com/schemas/sitemap-news/0.9"
IMAGE = "http://www.google.com/schemas/sitemap-image/1.1"
NS = {"sm": SITEMAP, "news": NEWS, "image": IMAGE}
ORIGIN = "http://testserver"


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    return ET.fromstring(response.content)


def locations(root):
    return [loc.text for loc in root.iterfind("sm:*/sm:loc", NS)]


def part(client, name):
    return parse(client.get(reverse("sitemap_section", kwargs={"section": name})))


def absolute(obj):
    return ORIGIN + obj.get_absolute_url()


def test_index_lists_its_parts(client, make_story):
    make_story(tags=["أوروبا"])
    root = parse(client.get("/sitemap.xml"))
    assert root.tag == f"{{{SITEMAP}}}sitemapindex"
    assert locations(root) == [
        f"{ORIGIN}/sitemap-stories.xml",
        f"{ORIGIN}/sitemap-sections.xml",
        f"{ORIGIN}/sitemap-tags.xml",
    ]
    # The stories part carries the time of the latest edit.
    stories = root.find("sm:sitemap", NS)
    lastmod = datetime.fromisoformat(stories.find("sm:lastmod", NS).text)
    assert lastmod == Article.objects.get().updated_at


def test_index_lists_every_page_of_a_long_part(client, make_story, monkeypatch):
    """Parts split at Django's limit (50,000); the index names each page."""
    assert ArticleSitemap.limit == 50_000
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    for _ in range(3):
        make_story()
    stories = [url for url in locations(parse(client.get("/sitemap.xml"))) if "stories" in url]
    assert stories == [f"{ORIGIN}/sitemap-stories.xml", f"{ORIGIN}/sitemap-stories.xml?p=2"]
    assert len(locations(parse(client.get("/sitemap-stories.xml?p=2")))) == 1


def test_stories_part_lists_published_stories_at_their_canonical_address(
    client, make_story, hidden_stories
):
    story = make_story(title="قمة باريس")
    root = part(client, "stories")
    assert root.tag == f"{{{SITEMAP}}}urlset"
    assert locations(root) == [absolute(story)]
    assert "/news/" in locations(root)[0] and locations(root)[0].endswith("/")
    lastmod = datetime.fromisoformat(root.find("sm:url/sm:lastmod", NS).text)
    assert lastmod == story.updated_at.replace(microsecond=0)


def test_sections_part_lists_sections_with_published_stories(
    client, make_story, world, europe, sport, hidden_stories
):
    """A parent counts through its sub-section's story; empty and draft-only ones do not."""
    make_story(category=europe)
    empty = CategoryFactory(name="صحة")
    assert set(locations(part(client, "sections"))) == {absolute(world), absolute(europe)}
    assert absolute(sport) not in locations(part(client, "sections"))
    assert absolute(empty) not in locations(part(client, "sections"))


def test_sections_part_leaves_out_sections_with_only_hidden_stories(client, world, hidden_stories):
    assert locations(part(client, "sections")) == []


def test_tags_part_lists_tags_of_published_stories(client, make_story):
    story = make_story(tags=["أوروبا"])
    make_story(tags=["مسودة"], status=Article.Status.DRAFT, published_at=None)
    make_story(tags=["مراجعة"], status=Article.Status.REVIEW, published_at=None)
    make_story(tags=["غدا"], published_at=timezone.now() + timedelta(days=1))
    (tag,) = story.tags.all()
    assert locations(part(client, "tags")) == [absolute(tag)]


def test_unknown_part_is_404(client):
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_news_sitemap_lists_stories_of_the_last_48_hours(client, make_story, hidden_stories):
    now = timezone.now()
    recent = make_story(
        title="قمة باريس لتعزيز دفاعات أوكرانيا", published_at=now - timedelta(hours=2)
    )
    older = make_story(title="خبر من أمس", published_at=now - timedelta(hours=47))
    make_story(title="خبر قديم", published_at=now - timedelta(hours=49))

    root = parse(client.get(reverse("sitemap_news")))
    assert root.tag == f"{{{SITEMAP}}}urlset"
    assert locations(root) == [absolute(recent), absolute(older)]

    entry = root.find("sm:url", NS)
    publication = entry.find("news:news/news:publication", NS)
    assert publication.find("news:name", NS).text == "خَبَرَيْن"
    assert publication.find("news:language", NS).text == "ar"
    assert entry.find("news:news/news:title", NS).text == "قمة باريس لتعزيز دفاعات أوكرانيا"
    published = datetime.fromisoformat(entry.find("news:news/news:publication_date", NS).text)
    assert published == recent.published_at.replace(microsecond=0)
    image = entry.find("image:image/image:loc", NS).text
    assert image == ORIGIN + recent.main_image.og_rendition.url


def test_news_sitemap_escapes_titles(client, make_story):
    make_story(title="الأمن & السلام <تحليل>")
    root = parse(client.get(reverse("sitemap_news")))
    assert root.find("sm:url/news:news/news:title", NS).text == "الأمن & السلام <تحليل>"


def test_news_sitemap_without_recent_stories_is_empty(client, make_story):
    make_story(published_at=timezone.now() - timedelta(days=3))
    assert locations(parse(client.get(reverse("sitemap_news")))) == []


def test_robots_txt_names_both_sitemaps(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /search/" in lines
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in lines
    assert f"Sitemap: {ORIGIN}/sitemap-news.xml" in lines


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # per part: the latest edit (stories only) and a count; sections: two more, below
        ("/sitemap.xml", 6),
        ("/sitemap-stories.xml", 2),  # count, page
        ("/sitemap-sections.xml", 4),  # sections, sections with stories, count, page
        ("/sitemap-tags.xml", 2),
        ("/sitemap-news.xml", 2),
    ],
)
def test_sitemap_query_count_does_not_grow(
    call_view, make_story, world, europe, django_assert_num_queries, url, queries
):
    make_story(category=europe, tags=["أوروبا"])
    with django_assert_num_queries(queries):
        call_view(url)
    for n in range(12):
        make_story(category=europe if n % 2 else world, tags=[f"وسم {n}"])
        CategoryFactory()
    with django_assert_num_queries(queries):
        response = call_view(url)
    assert len(locations(ET.fromstring(response.content))) > 1
