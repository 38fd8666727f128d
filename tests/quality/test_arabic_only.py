"""No English on any screen a journalist, an editor or a reader meets.

Every page a person of each role reaches is read as they see it (text, and the
attributes a screen shows or reads out: alt, title, placeholder, aria-label, button
labels); a Latin word that is not a brand or a format's name fails the test.
"""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from reversion.models import Version

from articles.models import Article, Tag
from tests.factories import ArticleFactory, ImageFactory
from tests.workflow.conftest import change_url, form_data

pytestmark = pytest.mark.django_db

# Names written in Latin letters in Arabic too.
ALLOWED = {"Facebook", "X", "Twitter", "LinkedIn", "WhatsApp", "Telegram", "RSS", "Atom",
           "JPEG", "PNG", "WebP", "AVIF"}  # fmt: skip
SHOWN_ATTRIBUTES = {"alt", "title", "placeholder", "aria-label"}
# Not read as shown: code, and what a person typed (a textarea; CKEditor hides the body's).
HIDDEN_ELEMENTS = {"script", "style", "template", "code", "pre", "noscript", "textarea"}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
# The site's host name ("testserver" here) is an address too: the story form's preview of
# a shared link shows it.
ADDRESS = re.compile(r"(?:https?://|mailto:|/)\S*|\S+@\S+|\btestserver\b")


class ShownText(HTMLParser):
    """The text of a page as a person sees or hears it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in HIDDEN_ELEMENTS:
            self.hidden += 1
        if self.hidden or "hidden" in attrs or attrs.get("type") == "hidden":
            return
        self.parts += [value for name, value in attrs.items() if name in SHOWN_ATTRIBUTES and value]
        if tag == "input" and attrs.get("type") in {"submit", "button"} and attrs.get("value"):
            self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in HIDDEN_ELEMENTS:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def latin_words(html):
    parser = ShownText()
    parser.feed(html)
    text = ADDRESS.sub(" ", " ".join(parser.parts))
    return sorted({word for word in LATIN_WORD.findall(text) if word not in ALLOWED})


def assert_arabic(client, urls):
    found = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
        words = latin_words(response.content.decode())
        if words:
            found[url] = words
    assert found == {}, "\n".join(f"{url}: {' '.join(words)}" for url, words in found.items())


@pytest.fixture
def newsroom(client, journalist, editor):
    """A story with a history (a revision to compare), a photo and a tag."""
    story = ArticleFactory(
        status=Article.Status.DRAFT, published_at=None, created_by=journalist, tags=["باريس"]
    )
    story.authors.add(journalist)
    client.force_login(journalist)
    for status in ["draft", "review"]:
        story.refresh_from_db()
        data = form_data(story, status=status, body=f"<p>نص &lt;{len(status)}&gt; &amp; تعديل</p>")
        assert client.post(change_url(story), data).status_code == 302
    published = ArticleFactory()
    version = Version.objects.get_for_object(story).last()
    return {
        "story": story,
        "published": published,
        "version": version,
        "photo": ImageFactory(),
        "tag": Tag.objects.get(name="باريس"),
    }


def staff_screens(newsroom):
    story, version = newsroom["story"], newsroom["version"]
    history = reverse("admin:articles_article_history", args=[story.pk])
    return [
        reverse("admin:index"),
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_changelist") + "?status__exact=review",
        reverse("admin:articles_article_changelist") + "?desk=drafts",
        reverse("admin:articles_article_add"),
        change_url(story),
        change_url(newsroom["published"]),
        history,
        f"{history}{version.pk}/compare/",
        reverse("admin:articles_image_changelist"),
        reverse("admin:articles_image_add"),
        reverse("admin:articles_tag_changelist"),
    ]


@pytest.mark.parametrize("role", ["journalist", "editor"])
def test_staff_screens_are_in_arabic(client, newsroom, role, request):
    client.force_login(request.getfixturevalue(role))
    assert_arabic(client, staff_screens(newsroom))


def test_the_story_history_names_fields_and_steps_in_arabic(client, newsroom, editor):
    client.force_login(editor)
    history = reverse("admin:articles_article_history", args=[newsroom["story"].pk])
    html = client.get(history).content.decode()
    assert "نص الخبر" in html
    assert latin_words(html) == []


def test_reader_pages_are_in_arabic(client, reader_pages):
    assert_arabic(client, [*reader_pages.values(), reverse("feeds:index")])


def test_the_checker_finds_english(client):
    """The test above would catch a stray English word, in text or in an attribute."""
    html = '<p>نص <b>Body</b></p><img alt="Email"><a href="https://example.org/x">RSS</a>'
    assert latin_words(html) == ["Body", "Email"]
