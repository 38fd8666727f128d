"""A story body, however hostile and whatever line breaks it holds, reaches the page as the
sanitiser left it: split into blocks on a parsed tree, never at character offsets.

The property test saves bodies the way Article.save does (sanitize_html), renders them the
way the story page does (the story__body loop of articles/article_detail.html, with
body_with_see_also and includes/see_also.html), and reads the result with an HTML parser.
"""

import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.template import engines
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from articles.body import place_after_paragraphs, split_blocks
from articles.models import Article, RelatedLink
from articles.sanitizer import ALLOWED_TAGS, sanitize_html
from tests.security.active_content import problems_in_html
from tests.security.conftest import ALL_PAYLOADS

# Every character Python's str.splitlines() ends a line at, and the invisible format
# characters Arabic text carries (marks, isolates, zero widths, the byte order mark).
LINE_BREAKS = ["\n", "\x0b", "\x0c", "\r", "\r\n", "\x1c", "\x1d", "\x1e", "\x85"]
LINE_BREAKS += ["\u2028", "\u2029"]
FORMAT_CHARACTERS = [chr(c) for c in [*range(0x200B, 0x2010), *range(0x202A, 0x202F)]]
FORMAT_CHARACTERS += [chr(c) for c in range(0x2066, 0x206A)] + ["\ufeff", "\u061c"]
SPECIAL = LINE_BREAKS + FORMAT_CHARACTERS
STORED_NEVER = ["\u2028", "\u2029", "\x85", "\r"]

STORY_BODY = re.compile(r'<div class="story__body">(.*?)</div>', re.DOTALL)


def story_body_template():
    """The body loop of the story page, taken from the page's own template."""
    source = Path(django_settings.BASE_DIR, "templates/articles/article_detail.html").read_text(
        encoding="utf-8"
    )
    return engines["django"].from_string(STORY_BODY.search(source).group(1))


BODY_TEMPLATE = None


def render_story_body(body, links):
    """The body as the story page shows it, `links` being its see-also links."""
    global BODY_TEMPLATE
    BODY_TEMPLATE = BODY_TEMPLATE or story_body_template()
    article = SimpleNamespace(body=body, links_of_kind=lambda kind: links)
    article.body_with_see_also = lambda: Article.body_with_see_also(article)
    return BODY_TEMPLATE.render({"article": article})


class Reading(HTMLParser):
    """Every element with its attributes, and the text of each paragraph, in order.

    With `skip_see_also`, the page's see-also lines are counted and set apart from the rest
    (in all_elements only), so what remains is what the body put on the page.
    """

    def __init__(self, skip_see_also=False):
        super().__init__(convert_charrefs=True)
        self.skip_see_also = skip_see_also
        self.all_elements = []  # (tag, [(name, value)])
        self.elements = []  # the same, see-also lines left out
        self.paragraphs = []  # [text] for each <p>, in the order they open
        self.open_paragraphs = []  # indexes into paragraphs, None for a see-also line
        self.text = []
        self.see_also = 0

    def handle_starttag(self, tag, attrs):
        self.all_elements.append((tag, attrs))
        see_also = self.skip_see_also and tag == "p" and ("class", "see-also") in attrs
        if not see_also and None not in self.open_paragraphs:
            self.elements.append((tag, attrs))
        if tag == "p":
            self.see_also += see_also
            self.open_paragraphs.append(None if see_also else len(self.paragraphs))
            if not see_also:
                self.paragraphs.append([])

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "p" and self.open_paragraphs:
            self.open_paragraphs.pop()

    def handle_data(self, data):
        if None in self.open_paragraphs:
            return
        self.text.append(data)
        for index in self.open_paragraphs:
            self.paragraphs[index].append(data)

    def paragraph_texts(self):
        return [" ".join("".join(parts).split()) for parts in self.paragraphs]

    def all_text(self):
        return "".join("".join(self.text).split())


def read(html, skip_see_also=False):
    reading = Reading(skip_see_also)
    reading.feed(html)
    reading.close()
    return reading


def scheme_free(value):
    """An address as a browser might read it, to find its scheme: no whitespace or control
    characters anywhere (browsers drop some at the ends, some inside), case-folded."""
    return "".join(
        c for c in value if not c.isspace() and unicodedata.category(c) != "Cc"
    ).casefold()


# Strategies ------------------------------------------------------------------------------

ARABIC_WORDS = ["الوزير", "قمة", "باريس", "أوكرانيا", "الخارجية", "يلتقي", "في", "مع", "٢٠٢٥"]
ARABIC_PIECES = ARABIC_WORDS + list("ابتجحدرسعفقكلمنهويءأإآىةًَُِّْـ،؛؟") + [" ", " ", " "]
ODD_PIECES = list("<>\"'&=/;:`") + ["&quot;", "&#x2028;", "&#8233;", "&#13;", "&lt;", "&amp;"]

special = st.sampled_from(SPECIAL)
plain_text = st.lists(st.sampled_from(ARABIC_PIECES + SPECIAL), max_size=8).map("".join)
# For attribute values and link titles: quotes, angle brackets and references too.
rough_text = st.lists(st.sampled_from(ARABIC_PIECES + SPECIAL + ODD_PIECES), max_size=8).map(
    "".join
)
urls = st.one_of(
    st.sampled_from(
        [
            "https://example.com/a?b=1&c=2",
            "/news/1/قمة/",
            "mailto:desk@example.com",
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "java&#x09;script:alert(1)",
            "&#x2028;javascript:alert(1)",
            "&#x0A;javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
        ]
    ),
    st.builds("{}javascript:alert(1){}".format, special, special),
)
hostile = st.one_of(
    st.sampled_from(
        [
            *ALL_PAYLOADS,
            "<p onmouseover=alert(1)>",
            '<p onmouseover="alert(1)">مرر</p>',
            "<script>alert(1)</script>",
            "<iframe src=/></iframe>",
            "<svg onload=alert(1)>",
            "<img src=x onerror=alert(1)>",
            '<a href="javascript:alert(1)">اضغط</a>',
            "<p title='x\" onmouseover=\"alert(1)'>",
            '<img alt="a>b<c" src="/media/x.jpg">',
            '<p title="',
            '" onmouseover=alert(1) x="',
            "<!--",
            "-->",
            "</p>",
            "<p",
        ]
    ),
    st.builds("<p{}onmouseover=alert(1){}>".format, special, special),
    st.builds('<a href="/" onclick="{0}" title="{0}">{0}</a>'.format, rough_text),
)
inline = st.one_of(
    plain_text,
    st.just("<br>"),
    plain_text.map("<strong>{}</strong>".format),
    plain_text.map("<em>{}</em>".format),
    st.builds('<a href="{}" title="{}">{}</a>'.format, urls, rough_text, plain_text),
)
inlines = st.lists(inline, max_size=3).map("".join)
paragraph = inlines.map("<p>{}</p>".format)
block = st.one_of(
    paragraph,
    inlines.map("<h2>{}</h2>".format),
    inlines.map("<h3>{}</h3>".format),
    st.lists(inlines, min_size=1, max_size=3).map(
        lambda items: "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
    ),
    st.lists(paragraph, min_size=1, max_size=2).map(
        lambda paragraphs: "<blockquote>" + "".join(paragraphs) + "</blockquote>"
    ),
    st.builds(
        '<figure class="image"><img src="/media/photos/{}.jpg" alt="{}">'
        "<figcaption>{}</figcaption></figure>".format,
        st.sampled_from(["a", "ص", "x y"]),
        rough_text,
        plain_text,
    ),
    st.just("<br>"),
    plain_text,
    special,
    hostile,
)
bodies = st.lists(st.one_of(paragraph, block), max_size=8).map("".join)
see_also_links = st.lists(
    st.builds(
        lambda n, title, after: RelatedLink(
            kind=RelatedLink.Kind.SEE_ALSO,
            url=f"https://example.com/see-also/{n}",
            title=title or "عنوان",
            after_paragraph=after,
        ),
        st.integers(0, 99),
        rough_text,
        st.one_of(st.none(), st.integers(1, 12)),
    ),
    max_size=4,
)


# Tests -----------------------------------------------------------------------------------


@settings(
    max_examples=300,
    deadline=None,
    # The autouse fixtures (media root, empty cache) hold nothing an example relies on.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=bodies, links=see_also_links)
@example(
    body="<p>أ\u2028ب\u2028ج</p>\n<p>&lt;p onmouseover=alert(1)&gt;</p>\n<br>\n<p>د</p>",
    links=[],
)
@example(
    body='<p>\u2028\u2028\u2028\u2028</p><p title="a onmouseover=alert(1) b">t</p>\n'
    '<p>\u2028</p><img src="/media/x.jpg" alt="zz">\n<p>\u2028</p>',
    links=[],
)
def test_a_saved_body_reaches_the_story_page_as_the_sanitiser_left_it(body, links):
    """Whatever is saved, the story page carries no event handler, no javascript: address
    and no element outside the allow-list; every paragraph of the stored body is shown
    once, in order, and so is every see-also line; nothing is stored with a line or
    paragraph separator, a NEL or a carriage return."""
    stored = sanitize_html(body)
    assert not [c for c in STORED_NEVER if c in stored]

    page = render_story_body(stored, links)
    shown = read(page, skip_see_also=True)
    for tag, attrs in shown.all_elements:
        assert tag in ALLOWED_TAGS, page
        for name, value in attrs:
            assert not name.startswith("on"), page
            if name in ("href", "src"):
                assert not scheme_free(value or "").startswith("javascript:"), page
    assert problems_in_html(page, {"testserver"}) == []

    saved = read(stored)
    assert shown.elements == saved.elements
    assert shown.paragraph_texts() == saved.paragraph_texts()
    assert shown.all_text() == saved.all_text()
    assert shown.see_also == (len(links) if split_blocks(stored) else 0)


@settings(max_examples=300, deadline=None)
@given(body=bodies)
def test_blocks_put_together_again_are_the_body(body):
    """The blocks, read one after another, hold the body's elements, attributes and text,
    each once and in order, and each block is whole (it closes what it opens): for a body
    saved now, and for one saved before separators were normalised (U+2028 where <br> is
    now)."""
    stored = sanitize_html(body)
    for html in (stored, stored.replace("<br>", "\u2028")):
        blocks = split_blocks(html)
        joined = read("".join(block for _, block in blocks))
        saved = read(html)
        assert joined.elements == saved.elements
        assert joined.all_text() == saved.all_text()
        assert joined.paragraph_texts() == saved.paragraph_texts()
        for tag, block in blocks:
            assert split_blocks(block) == [(tag, block)]
            if tag:
                assert read(block).elements[0][0] == tag


# Examples --------------------------------------------------------------------------------

LINE_SEPARATOR_THEN_HOSTILE_TEXT = (
    "<p>السطر الأول\u2028السطر الثاني</p>\n<p>&lt;p onmouseover=alert(1)&gt; نص الفقرة</p>"
)


def test_a_line_separator_does_not_move_the_next_paragraph():
    """A paragraph holding U+2028 (as bodies stored before the fix may), then one whose
    text reads <p onmouseover=alert(1)>, stay two paragraphs, the second still text."""
    blocks = split_blocks(LINE_SEPARATOR_THEN_HOSTILE_TEXT)
    assert blocks == [
        ("p", "<p>السطر الأول\u2028السطر الثاني</p>"),
        ("p", "<p>&lt;p onmouseover=alert(1)&gt; نص الفقرة</p>"),
    ]
    for _, html in blocks:
        assert all(attrs == [] for _, attrs in read(html).elements)


def test_saving_makes_a_line_separator_a_line_break():
    """Saved, the line separator is a <br> inside its paragraph; the hostile text stays
    text in a paragraph of its own."""
    stored = sanitize_html(LINE_SEPARATOR_THEN_HOSTILE_TEXT)
    assert stored == (
        "<p>السطر الأول<br>السطر الثاني</p>\n<p>&lt;p onmouseover=alert(1)&gt; نص الفقرة</p>"
    )
    assert [tag for tag, _ in split_blocks(stored)] == ["p", "p"]


def test_blocks_do_not_overlap_after_several_line_separators():
    """Several separators in one paragraph, then more lines: each paragraph is one block,
    once. Offsets from str.splitlines() put the last two paragraphs in an untagged chunk
    that repeated the second."""
    body = (
        "<p>أ\u2028ب\u2028ج\u2028د\u2028هـ</p>\n"
        '<p>" onmouseover=alert(1) x="</p>\n'
        "<p>الفقرة الثالثة</p>"
    )
    assert split_blocks(body) == [
        ("p", "<p>أ\u2028ب\u2028ج\u2028د\u2028هـ</p>"),
        ("p", '<p>" onmouseover=alert(1) x="</p>'),
        ("p", "<p>الفقرة الثالثة</p>"),
    ]


def test_a_body_stored_with_line_separators_shows_no_event_handler():
    """A body stored before separators were normalised, shown on the story page, keeps
    the text of its title attribute inside it. Offsets from str.splitlines() cut that
    attribute open and repeated it, and its text became an onmouseover attribute."""
    stored = (
        "<p>\u2028\u2028\u2028\u2028</p>"
        '<p title="a onmouseover=alert(1) b">t</p>\n'
        '<p>\u2028</p><img src="/media/x.jpg" alt="zz">\n'
        "<p>\u2028</p>"
    )
    page = render_story_body(stored, [])
    shown = read(page)
    assert shown.elements == [
        ("p", []),
        ("p", [("title", "a onmouseover=alert(1) b")]),
        ("p", []),
        ("img", [("src", "/media/x.jpg"), ("alt", "zz")]),
        ("p", []),
    ]
    assert problems_in_html(page, {"testserver"}) == []


def test_see_also_lands_after_the_chosen_paragraph_despite_separators():
    """A see-also line set after paragraph 3 follows paragraph 3, not paragraph 2, when
    an earlier paragraph holds separators python counts as line ends."""
    body = "<p>واحد\u2028\x85\u2029</p>\n<p>اثنان</p>\n<p>ثلاثة</p>\n<p>أربعة</p>"
    placed = place_after_paragraphs(body, [(3, "link")])
    assert [after for _, after in placed] == [[], [], ["link"], []]
    assert placed[2][0] == "<p>ثلاثة</p>"


HREF_WITH_BR = '<a href="&lt;br&gt;javascript:alert(1)" rel="noopener">x</a>'  # relative


@pytest.mark.parametrize(
    "body, stored",
    [
        ("<p>أ\r\nب\rج</p>", "<p>أ\nب\nج</p>"),
        ("<p>أ\u2029ب\x85ج</p>", "<p>أ\nب\nج</p>"),
        ("<p>أ&#x2028;ب&#8233;ج&#13;د</p>", "<p>أ<br>ب\nج\nد</p>"),
        ('<img src="/media/a.jpg" alt="أ\u2028ب">', '<img src="/media/a.jpg" alt="أ&lt;br&gt;ب">'),
        ('<a href="\u2028javascript:alert(1)">x</a>', HREF_WITH_BR),
        ('<a href="&#x2028;javascript:alert(1)">x</a>', HREF_WITH_BR),
        ('<a href="\u2029javascript:alert(1)">x</a>', '<a rel="noopener">x</a>'),
    ],
)
def test_line_and_paragraph_separators_are_not_stored(body, stored):
    """Carriage returns, U+2029 and NEL are stored as newlines and U+2028 as <br>, written
    as characters or as references; none turns an address into a javascript: one."""
    assert sanitize_html(body) == stored


def test_top_level_text_and_void_elements_are_blocks_of_their_own():
    """Text outside any element is a block with tag ""; <br> and <img> have no end tag;
    quotes and angle brackets in attribute values stay inside them."""
    body = 'مقدمة<br><img src="/media/a.jpg" alt="&quot;&gt;&lt;"><p title="أ">نص &amp; نص</p>ختام'
    assert split_blocks(body) == [
        ("", "مقدمة"),
        ("br", "<br>"),
        ("img", '<img src="/media/a.jpg" alt="&quot;&gt;&lt;">'),
        ("p", '<p title="أ">نص &amp; نص</p>'),
        ("", "ختام"),
    ]
