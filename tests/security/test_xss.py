"""Hostile text saved through the admin reaches readers as text, never as active content.

The payloads (xss_payloads.json) go into every field a reader sees: headline, standfirst,
body, photo caption, credit and alt text, tag names, section names and descriptions,
related-link titles and addresses. Every reader page, feed and sitemap that shows them is
then parsed for active content (tests/security/active_content.py), and the fields are
checked to come back as the very text that was typed.
"""

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from tests.security.active_content import (
    DANGEROUS_SCHEMES,
    html_text,
    problems_in_html,
    problems_in_xml,
    squash,
    url_scheme,
)
from tests.security.conftest import ALL_PAYLOADS, load_payloads

pytestmark = pytest.mark.django_db

OWN_HOSTS = {"testserver"}


def test_the_corpus_is_large_and_covers_every_kind():
    groups = load_payloads()
    assert len(ALL_PAYLOADS) >= 150
    assert {"script", "style", "event_auto", "event_user", "url", "url_in_markup",
            "frames_and_meta", "svg_and_mathml", "malformed", "template_injection",
            "attribute_breaking"} <= set(groups)  # fmt: skip
    handlers = {m.lower() for m in re.findall(r"\b(on[a-z]+)=", " ".join(ALL_PAYLOADS), re.I)}
    assert len(handlers) >= 80


def get_ok(client, path):
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode()


def test_no_reader_page_carries_active_content(client, hostile_site):
    pages = hostile_site.reader_pages()
    assert len(pages) > 30
    for path in pages:
        html = get_ok(client, path)
        assert problems_in_html(html, OWN_HOSTS, own_scripts=True) == [], path
        # The page was not cut short by anything typed into it.
        assert html.rstrip().endswith("</html>"), path
        assert html.count('class="site-footer"') == 1, path


def test_feeds_and_sitemaps_carry_no_active_content(client, hostile_site):
    paths = hostile_site.feeds() + hostile_site.sitemaps()
    for path in hostile_site.sitemaps():  # and every part that an index lists
        root = ET.fromstring(client.get(path).content)
        paths += [
            urlsplit(loc.text).path
            for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
            if loc.text.endswith(".xml")
        ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert problems_in_xml(response.content, OWN_HOSTS) == [], path


def test_every_field_comes_back_as_the_text_typed(client, hostile_site):
    """Escaped once, exactly: not interpreted, not double-escaped, template syntax inert."""
    for story in hostile_site.stories:
        story.refresh_from_db()
        page = Page(get_ok(client, story.get_absolute_url()))
        assert page.texts("h1") == [squash(story.title)]
        assert page.title == squash(f"{story.title} | خَبَرَيْن")
        assert page.texts(".story__standfirst") == [squash(story.summary)]
        assert page.meta("description") == story.summary
        assert page.meta("og:title") == story.title
        photo = story.main_image
        assert page.texts("figcaption") == [squash(f"{photo.caption} {photo.credit}")]
        assert photo.alt_text in page.alts
        tag_names = sorted(squash(t.name) for t in story.tags.all())
        assert sorted(page.texts(".story__tags a")) == tag_names
        assert squash(story.category.name) in page.texts(".story__section a")
        for link in story.links.all():
            if link.is_external:
                assert squash(link.title) in page.texts("a"), link.title
                assert link.url in page.hrefs
        news, breadcrumbs = page.json_ld
        assert news["headline"] == story.title
        assert news["description"] == story.summary
        assert news["image"][0]["caption"] == photo.caption
        assert sorted(map(squash, news["keywords"])) == tag_names
        assert breadcrumbs["itemListElement"][-1]["name"] == story.title

    for section in hostile_site.sections:
        page = Page(get_ok(client, section.get_absolute_url()))
        assert page.texts("h1") == [squash(section.name)]
        assert page.texts(".section-header__description") == [squash(section.description)]


def test_template_syntax_stays_literal(client, hostile_site):
    html = get_ok(client, hostile_site.stories[1].get_absolute_url())
    text = html_text(html)
    for literal in ("{{ 7*7 }}", "{% debug %}", "{{ settings.SECRET_KEY }}", "${7*7}"):
        assert literal in text
    assert "tests-only-secret-key" not in html


def test_every_payload_went_into_a_short_field_too(hostile_site):
    """Besides the long fields (body, caption, description), which take the whole corpus.
    A payload longer than a headline can only go into those."""
    missing = [p for p in ALL_PAYLOADS if p not in hostile_site.short_fields and len(p) <= 200]
    assert missing == []


def test_related_link_addresses_refuse_dangerous_schemes(hostile_site):
    assert hostile_site.accepted_urls, "no hostile address was saved at all"
    for url in hostile_site.accepted_urls:
        assert url_scheme(url.strip()) not in DANGEROUS_SCHEMES, url
    for url in load_payloads()["url"]:
        if url_scheme(url) in DANGEROUS_SCHEMES:
            assert url in hostile_site.rejected_urls, url


class Page(HTMLParser):
    """Just enough of a DOM for the checks above: texts by a simple selector."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.stack, self.nodes = [], []
        self.metas, self.alts, self.hrefs, self.json_ld = {}, [], [], []
        self._title, self._script = None, None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        node = {"tag": tag, "classes": values.get("class", "").split(), "text": []}
        if tag == "meta":
            self.metas[values.get("name") or values.get("property")] = values.get("content")
        if tag == "img":
            self.alts.append(values.get("alt"))
        if tag == "a":
            self.hrefs.append(values.get("href"))
        if tag == "title":
            self._title = []
        if tag == "script" and "src" not in values:  # JSON-LD, not our script files
            self._script = []
        if tag in ("meta", "img", "link", "source", "br", "input", "hr"):
            return
        self.stack.append(node)
        self.nodes.append((node, list(self.stack)))

    def handle_endtag(self, tag):
        if tag == "title":
            self.title = squash("".join(self._title))
            self._title = None
        if tag == "script" and self._script is not None:
            self.json_ld.append(json.loads("".join(self._script)))
            self._script = None
        while self.stack:
            if self.stack.pop()["tag"] == tag:
                break

    def handle_data(self, data):
        if self._title is not None:
            self._title.append(data)
        if self._script is not None:
            self._script.append(data)
        for node in self.stack:
            node["text"].append(data)

    def meta(self, name):
        return self.metas.get(name)

    def texts(self, selector):
        """Texts of the elements matching "tag", ".class" or ".class tag"."""
        *ancestors, last = selector.split()
        found = []
        for node, path in self.nodes:
            if not _matches(node, last):
                continue
            if all(any(_matches(a, want) for a in path[:-1]) for want in ancestors):
                found.append(squash("".join(node["text"])))
        return found


def _matches(node, want):
    if want.startswith("."):
        return want[1:] in node["classes"]
    return node["tag"] == want
