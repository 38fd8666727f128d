"""What search engines and social networks read from every page."""

import json
import re
from html.parser import HTMLParser

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

from tests.factories import ArticleFactory, CategoryFactory, UserFactory

pytestmark = pytest.mark.django_db


class Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta, self.links, self.json_ld, self._in_json = {}, {}, [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta.setdefault(key, []).append(attrs.get("content"))
        elif tag == "link":
            self.links.setdefault(attrs.get("rel"), []).append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json = True

    def handle_endtag(self, tag):
        self._in_json = False

    def handle_data(self, data):
        if self._in_json:
            self.json_ld.append(json.loads(data))


def head(response):
    parser = Head()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def story():
    article = ArticleFactory(
        title="قمة باريس لتعزيز الدفاعات",
        summary="وزير الخارجية يلتقي المسؤولين في باريس.",
        category=CategoryFactory(name="أوروبا", parent=CategoryFactory(name="العالم")),
        tags=["أوكرانيا", "باريس"],
    )
    article.authors.add(UserFactory(username="laila", first_name="ليلى", last_name="حداد"))
    return article


def test_article_open_graph_and_twitter(client, story):
    page = head(client.get(story.get_absolute_url(), {"utm_source": "x"}))
    canonical = f"http://testserver{story.get_absolute_url()}"
    assert page.links["canonical"][0]["href"] == canonical
    assert page.meta["description"] == [story.summary]
    assert page.meta["og:type"] == ["article"]
    assert page.meta["og:title"] == [story.title]
    assert page.meta["og:description"] == [story.summary]
    assert page.meta["og:url"] == [canonical]
    assert page.meta["og:locale"] == ["ar_AR"]
    image = page.meta["og:image"][0]
    assert image.startswith("http://testserver/") and image.endswith(".jpg")
    # The original is narrower than 1200: its whole width, cropped to 1.91:1.
    assert page.meta["og:image:width"] == ["800"]
    assert page.meta["og:image:height"] == ["420"]
    assert page.meta["article:section"] == ["أوروبا"]
    assert sorted(page.meta["article:tag"]) == ["أوكرانيا", "باريس"]
    assert page.meta["article:published_time"][0].startswith(
        story.published_at.astimezone().strftime("%Y")
    )
    assert page.meta["twitter:card"] == ["summary_large_image"]


def test_photos_on_a_bucket_keep_their_own_address(client, story, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"base_url": "https://photos.news.example/"},
        },
    }
    page = head(client.get(story.get_absolute_url()))
    assert page.meta["og:image"][0].startswith("https://photos.news.example/renditions/")
    assert page.meta["twitter:image"] == page.meta["og:image"]


def test_article_json_ld(client, story):
    news, trail = head(client.get(story.get_absolute_url())).json_ld
    assert news["@type"] == "NewsArticle"
    assert news["headline"] == story.title
    assert news["description"] == story.summary
    assert news["image"][0]["url"].startswith("http://testserver/")
    assert news["datePublished"] and news["dateModified"]
    assert news["author"][0]["name"] == "ليلى حداد"
    assert news["author"][0]["url"] == "http://testserver/author/laila/"
    assert news["publisher"]["logo"]["url"].endswith(".png")
    assert news["articleSection"] == "أوروبا"
    assert sorted(news["keywords"]) == ["أوكرانيا", "باريس"]
    assert news["inLanguage"] == "ar"
    assert news["mainEntityOfPage"]["@id"] == f"http://testserver{story.get_absolute_url()}"
    assert trail["@type"] == "BreadcrumbList"
    assert [item["name"] for item in trail["itemListElement"]] == [
        "الرئيسية", "العالم", "أوروبا", story.title,
    ]  # fmt: skip


def test_json_ld_cannot_be_closed_by_a_headline(client):
    story = ArticleFactory(title="</script><script>alert(1)</script>")
    html = client.get(story.get_absolute_url()).content.decode()
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", html, re.S)
    assert all("alert(1)" not in script or "\\u003C" in script for script in scripts)
    assert "<script>alert(1)" not in html


def test_home_describes_the_website_and_its_search(client, published_article):
    page = head(client.get("/"))
    (website,) = page.json_ld
    assert website["@type"] == "WebSite"
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == "http://testserver/search/?q={search_term_string}"
    assert page.meta["og:type"] == ["website"]
    assert page.links["canonical"][0]["href"] == "http://testserver/"


def test_list_pages_have_their_own_title_and_canonical(client, story):
    ArticleFactory.create_batch(21, category=story.category)
    response = client.get(story.category.get_absolute_url(), {"page": 2})
    page = head(response)
    assert page.links["canonical"][0]["href"].endswith("/?page=2")
    assert page.meta["og:title"] == ["أوروبا"]
    assert "<title>أوروبا | خَبَرَيْن</title>" in response.content.decode()


def test_unpublished_preview_is_not_indexed(client, editor, draft_article):
    client.force_login(editor)
    assert head(client.get(draft_article.get_absolute_url())).meta["robots"] == ["noindex"]


def test_bad_host_gets_a_400_not_a_500(client, published_article):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "طلب غير صالح" in response.content.decode()


def test_server_error_page_is_arabic_and_needs_no_database(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "حدث خطأ غير متوقع" in html and 'dir="rtl"' in html


def test_the_home_page_and_the_feed_describe_the_site_in_the_same_words(client):
    tagline = "آخر الأخبار العربية والعالمية في السياسة والاقتصاد والرياضة والتكنولوجيا."
    page = head(client.get("/"))
    for key in ("description", "og:description", "twitter:description"):
        assert page.meta[key] == [tagline]
    assert page.meta["og:title"] == page.meta["twitter:title"] == ["خَبَرَيْن: آخر الأخبار"]
    feed = client.get("/feeds/rss/").content.decode()
    assert f"<description>{tagline}</description>" in feed
    assert "<title>خَبَرَيْن: آخر الأخبار</title>" in feed


def test_the_seo_title_and_description_replace_the_headline_where_the_story_is_shared(
    client, story
):
    """Search results and shared links read the SEO fields when the desk wrote them; the
    page itself keeps its headline and standfirst (#14)."""
    story.seo_title = "قمة باريس: دعم دفاعات أوكرانيا"
    story.seo_description = "ما اتفق عليه الوزراء في باريس، باختصار."
    story.save()
    response = client.get(story.get_absolute_url())
    page = head(response)
    html = response.content.decode()
    assert "<title>قمة باريس: دعم دفاعات أوكرانيا | خَبَرَيْن</title>" in html
    assert page.meta["description"] == ["ما اتفق عليه الوزراء في باريس، باختصار."]
    assert page.meta["og:title"] == page.meta["twitter:title"] == [story.seo_title]
    assert (
        page.meta["og:description"] == page.meta["twitter:description"] == [story.seo_description]
    )
    assert '<h1 class="story__title">قمة باريس لتعزيز الدفاعات</h1>' in html


def test_without_seo_fields_the_headline_and_standfirst_are_shared(client, story):
    page = head(client.get(story.get_absolute_url()))
    assert page.meta["og:title"] == ["قمة باريس لتعزيز الدفاعات"]
    assert page.meta["description"] == ["وزير الخارجية يلتقي المسؤولين في باريس."]
