"""RSS 2.0 and Atom feeds: the site's and each section's newest published stories."""

from datetime import timedelta
from urllib.parse import unquote, urlsplit

import feedparser
import pytest
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.urls import reverse
from django.utils import timezone

from articles.feeds import FEED_SIZE
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SITE_FEEDS = [("feeds:rss", "application/rss+xml"), ("feeds:atom", "application/atom+xml")]
SECTION_FEEDS = ["feeds:section_rss", "feeds:section_atom"]


def parse(response):
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def entry_titles(feed):
    return [entry.title for entry in feed.entries]


def stored_size(url, media_root):
    """The size of the file a media address points to."""
    path = unquote(urlsplit(url).path)
    assert path.startswith(settings.MEDIA_URL)
    return (media_root / path.removeprefix(settings.MEDIA_URL)).stat().st_size


@pytest.mark.parametrize(("url_name", "content_type"), SITE_FEEDS)
def test_site_feed_describes_each_story(client, media_root, bylined_story, url_name, content_type):
    """Title, standfirst, link, dates, byline, section and tags, and the photo, in Arabic."""
    response = client.get(reverse(url_name))
    assert response["Content-Type"].startswith(content_type)
    feed = parse(response)

    assert feed.feed.title == "خَبَرَيْن: آخر الأخبار"
    assert "آخر الأخبار العربية والعالمية" in (feed.feed.get("subtitle") or feed.feed.description)
    assert feed.feed.language == "ar"
    assert feed.feed.link == "http://testserver/"

    (entry,) = feed.entries
    assert entry.title == "قمة باريس لتعزيز دفاعات أوكرانيا ضد روسيا"
    assert entry.summary == bylined_story.summary
    assert entry.link == f"http://testserver{bylined_story.get_absolute_url()}"
    assert entry.published_parsed[:5] == bylined_story.published_at.utctimetuple()[:5]
    assert [author.name for author in entry.authors] == ["ليلى حداد", "سامر خليل"]
    # The section, then the tags; the tag spelled like the section is not repeated.
    assert [tag.term for tag in entry.tags] == ["أوروبا", "فرنسا"]

    (enclosure,) = entry.enclosures
    assert enclosure.type == "image/jpeg"
    assert enclosure.href.startswith("http://testserver/media/")
    assert enclosure.href.endswith(".jpg")
    assert enclosure.href == f"http://testserver{bylined_story.main_image.og_rendition.url}"
    assert int(enclosure.length) == stored_size(enclosure.href, media_root)


def test_atom_entries_carry_their_update_time(client, bylined_story):
    entry = parse(client.get(reverse("feeds:atom"))).entries[0]
    assert entry.updated_parsed[:5] == bylined_story.updated_at.utctimetuple()[:5]


def test_story_without_byline_is_credited_to_the_publication_in_atom(client, make_story):
    """Atom requires an author for every entry: the feed's own stands in."""
    make_story(title="خبر بلا كاتب")
    feed = parse(client.get(reverse("feeds:atom")))
    assert feed.feed.author == "خَبَرَيْن"
    assert "author" not in feed.entries[0]


def test_section_in_categories_comes_first(client, make_story, sport):
    make_story(category=sport, tags=["كرة القدم"])
    entry = parse(client.get(reverse("feeds:rss"))).entries[0]
    assert [tag.term for tag in entry.tags] == ["رياضة", "كرة القدم"]


def test_standfirst_is_text_not_markup(client, make_story):
    make_story(summary="الفرق بين <b> و & في النص")
    body = client.get(reverse("feeds:rss")).content.decode()
    assert "<description>الفرق بين &amp;lt;b&amp;gt; و &amp;amp; في النص</description>" in body


@pytest.mark.parametrize(("url_name", "content_type"), SITE_FEEDS)
def test_site_feed_lists_only_published_stories(
    client, make_story, hidden_stories, url_name, content_type
):
    make_story(title="خبر منشور")
    assert entry_titles(parse(client.get(reverse(url_name)))) == ["خبر منشور"]


@pytest.mark.parametrize("url_name", SECTION_FEEDS)
def test_section_feed_lists_only_published_stories(
    client, make_story, world, hidden_stories, url_name
):
    make_story(title="خبر منشور", category=world)
    feed = parse(client.get(reverse(url_name, kwargs={"slug": world.slug})))
    assert entry_titles(feed) == ["خبر منشور"]


def test_feeds_list_the_newest_stories_first_and_no_more_than_the_feed_size(client, make_story):
    now = timezone.now()
    for age in range(FEED_SIZE + 2):
        make_story(title=f"خبر رقم {age}", published_at=now - timedelta(minutes=age + 1))
    feed = parse(client.get(reverse("feeds:rss")))
    assert entry_titles(feed) == [f"خبر رقم {age}" for age in range(FEED_SIZE)]


@pytest.mark.parametrize("url_name", SECTION_FEEDS)
def test_section_feed_includes_subsections_and_nothing_else(
    client, make_story, world, europe, sport, url_name
):
    make_story(title="خبر من العالم", category=world)
    make_story(title="خبر من أوروبا", category=europe)
    make_story(title="خبر رياضي", category=sport)

    feed = parse(client.get(reverse(url_name, kwargs={"slug": world.slug})))
    assert sorted(entry_titles(feed)) == ["خبر من أوروبا", "خبر من العالم"]
    assert feed.feed.title == "العالم | خَبَرَيْن"
    assert feed.feed.link == f"http://testserver{world.get_absolute_url()}"

    feed = parse(client.get(reverse(url_name, kwargs={"slug": europe.slug})))
    assert entry_titles(feed) == ["خبر من أوروبا"]


def test_section_feed_describes_the_section(client, world, sport):
    sport.description = "نتائج المباريات وأخبار الأندية."
    sport.save()
    feed = parse(client.get(reverse("feeds:section_atom", kwargs={"slug": sport.slug})))
    assert feed.feed.subtitle == "نتائج المباريات وأخبار الأندية."
    feed = parse(client.get(reverse("feeds:section_rss", kwargs={"slug": world.slug})))
    assert feed.feed.description == "أخبار العالم على خَبَرَيْن."


def test_arabic_section_feed_address(world):
    assert reverse("feeds:section_rss", kwargs={"slug": world.slug}) == (
        "/section/%D8%A7%D9%84%D8%B9%D8%A7%D9%84%D9%85/rss/"
    )


@pytest.mark.parametrize("path", ["/section/لا-يوجد/rss/", "/section/لا-يوجد/atom/"])
def test_unknown_section_feed_is_404(client, path):
    assert client.get(path).status_code == 404


def test_photo_size_comes_from_the_photo_row(client, bylined_story, monkeypatch, media_root):
    """The enclosure's length was stored with the renditions: a feed never asks storage."""
    open_graph = bylined_story.main_image.renditions["open_graph"]
    stored_bytes = (media_root / open_graph["url"].removeprefix(settings.MEDIA_URL)).stat().st_size

    def no_storage(self, name):
        raise AssertionError(f"storage asked for the size of {name}")

    monkeypatch.setattr(FileSystemStorage, "size", no_storage)
    for url_name in ("feeds:rss", "feeds:atom"):
        enclosure = parse(client.get(reverse(url_name))).entries[0].enclosures[0]
        assert int(enclosure.length) == stored_bytes


def test_control_characters_saved_outside_the_newsroom_never_reach_a_feed(
    client, make_story, world
):
    """An import or a script saving pasted text: the XML stays well-formed."""
    world.name = "العالم\x01"
    world.save()
    story = make_story(
        title="عنوان\x0bمن سطرين", summary="ملخص\x1f", category=world, tags=["وسم\x08"]
    )
    story.authors.add(UserFactory(first_name="ليلى\x0c", last_name="حداد"))
    story.refresh_from_db()
    assert story.title == "عنوانمن سطرين" and story.summary == "ملخص"
    for url_name in ("feeds:rss", "feeds:atom", "feeds:section_rss"):
        args = [world.slug] if url_name == "feeds:section_rss" else []
        entry = parse(client.get(reverse(url_name, args=args))).entries[0]
        assert entry.title == "عنوانمن سطرين"
        assert {tag.term for tag in entry.tags} == {"العالم", "وسم"}


def test_site_feed_query_count_does_not_grow(call_view, make_story, django_assert_num_queries):
    make_story(tags=["أوروبا"])
    # the stories with their sections and photos, their authors, their tags
    with django_assert_num_queries(3):
        call_view(reverse("feeds:rss"))
    for n in range(12):
        make_story(tags=["أوروبا", f"وسم {n}"]).authors.add(UserFactory(), UserFactory())
    with django_assert_num_queries(3):
        response = call_view(reverse("feeds:rss"))
    assert len(parse(response).entries) == 13
    with django_assert_num_queries(3):
        call_view(reverse("feeds:atom"))


def test_section_feed_query_count_does_not_grow(
    call_view, make_story, world, europe, django_assert_num_queries
):
    url = reverse("feeds:section_atom", kwargs={"slug": world.slug})
    make_story(category=europe)
    # the section, its sub-sections (one query per level), then the stories as above
    with django_assert_num_queries(6):
        call_view(url)
    for n in range(12):
        story = make_story(category=europe if n % 2 else world, tags=[f"وسم {n}"])
        story.authors.add(UserFactory())
    with django_assert_num_queries(6):
        response = call_view(url)
    assert len(parse(response).entries) == 13


def test_every_page_announces_the_site_feeds(client, make_story):
    html = client.get("/").content.decode()
    head = html[: html.index("</head>")]
    assert '<link rel="alternate" type="application/rss+xml"' in head
    assert f'href="{reverse("feeds:rss")}"' in head
    assert '<link rel="alternate" type="application/atom+xml"' in head
    assert f'href="{reverse("feeds:atom")}"' in head


def test_section_page_announces_its_feeds(client, world):
    html = client.get(world.get_absolute_url()).content.decode()
    head = html[: html.index("</head>")]
    for url_name in SECTION_FEEDS:
        assert f'href="{reverse(url_name, kwargs={"slug": world.slug})}"' in head
    assert f'href="{reverse("feeds:rss")}"' in head
