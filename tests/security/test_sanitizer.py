"""The body's allow-list holds against the whole corpus, and the checker the other tests
rely on does catch active content (else their silence would prove nothing)."""

import pytest

from articles.sanitizer import sanitize_html
from tests.security.active_content import problems_in_html, problems_in_xml
from tests.security.conftest import ALL_PAYLOADS

OWN = {"testserver"}


@pytest.mark.parametrize("wrap", ["{}", "<p>{}</p>", "<figure>{}</figure>", "<a href='/'>{}"])
def test_no_payload_survives_the_body_sanitiser(wrap):
    for payload in ALL_PAYLOADS:
        clean = sanitize_html(wrap.format(payload))
        assert problems_in_html(clean, OWN) == [], payload


def test_photos_in_a_body_come_from_our_media_only(settings):
    assert sanitize_html('<img src="https://evil.example/pixel.gif">') == "<img>"
    assert sanitize_html('<img src="//evil.example/pixel.gif">') == "<img>"
    own = '<img src="/media/renditions/photo.jpg" alt="صورة">'
    assert sanitize_html(own) == own
    settings.MEDIA_URL = "https://media.khabarayn.example/"
    cdn = '<img src="https://media.khabarayn.example/photo.jpg">'
    assert sanitize_html(cdn) == cdn


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        '<script type="application/ld+json">{"a": "</script><script>x()</script>"}</script>',
        '<img src=x onerror="alert(1)">',
        '<a href="jav&#x09;ascript:alert(1)">x</a>',
        '<a href=" &#14; javascript:alert(1)">x</a>',
        '<a href="VBScript:msgbox(1)">x</a>',
        '<img srcset="/ok.jpg 1x, data:image/svg+xml,x 2x">',
        '<form action="javascript:alert(1)"></form>',
        '<button formaction="/x">x</button>',
        '<base href="https://evil.example/">',
        '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
        '<iframe src="/"></iframe>',
        '<div srcdoc="x"></div>',
        "<object data=x></object>",
        "<embed src=x>",
        '<img src="https://evil.example/pixel.gif">',
        '<link rel="stylesheet" href="//evil.example/x.css">',
        "<svg><a></a></svg>",
        '<p style="color:red">x</p>',
    ],
)
def test_the_checker_catches_active_content(html):
    assert problems_in_html(f"<p>ok</p>{html}", OWN) != []


def test_the_checker_passes_inert_markup():
    html = (
        '<a href="/news/1/x/">x</a><a href="https://example.com/">y</a>'
        '<img src="/media/a.jpg" srcset="/media/a.jpg 1x, http://testserver/b.jpg 2x" alt="">'
        '<script type="application/ld+json">{"headline": "\\u003Cscript\\u003E"}</script>'
        "<p>{{ 7*7 }} javascript:alert(1) &lt;script&gt;</p>"
    )
    assert problems_in_html(html, OWN) == []


def test_the_checker_reads_feeds():
    broken = "<rss><channel><title>x</title><description>a <b>x</b></description>"
    assert problems_in_xml(broken, OWN) != []
    markup = (
        "<rss><channel><description>&lt;script&gt;x&lt;/script&gt;</description></channel></rss>"
    )
    assert problems_in_xml(markup, OWN) != []
    escaped = "<rss><channel><description>&amp;lt;script&amp;gt;</description></channel></rss>"
    assert problems_in_xml(escaped, OWN) == []
