"""The allow-list every article body passes through before it is stored."""

import nh3
from django.conf import settings

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "ul", "ol", "li", "blockquote", "a", "figure", "figcaption", "img",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
}
ALLOWED_CLASSES = {"figure": {"image", "image_resized", "image-style-side"}}


# Python's str.splitlines() ends a line at each of these and HTML at none of them, and
# pasted text holds them: they are made plain markup before nh3 reads the body, so that
# nh3 judges (and the page shows) exactly what is stored. A line separator is the line
# break it stands for; a paragraph separator or NEL inside a <p> only whitespace, since
# the editor has made its own paragraphs. In an attribute value (rare: pasted alt text)
# the <br> is only text, and nh3 escapes it there.
_LINE_BREAKS = str.maketrans({"\u2028": "<br>", "\u2029": "\n", "\u0085": "\n", "\r": "\n"})
_LINE_BREAK_CHARACTERS = "".join(map(chr, _LINE_BREAKS))


def sanitize_html(html):
    """Keep the editor's structure, drop everything that could run or restyle the page.

    Links keep http, https and mailto only and get rel="noopener"; the contents of
    <script> and <style> go with the tags. Photos keep only addresses in our own media
    storage (where the editor's uploads go): an image from another host would tell it who
    reads the story. A line ends in a newline or a <br>: no U+2028, U+2029, U+0085 or
    carriage return is kept.
    """
    clean = _clean(html or "")
    if any(character in clean for character in _LINE_BREAK_CHARACTERS):
        # A character reference (&#x2028;, &#13;) became one as nh3 read it: nh3 writes
        # characters out as themselves, so a second pass finds them as such.
        clean = _clean(clean)
    return clean


def _clean(html):
    return nh3.clean(
        html.replace("\r\n", "\n").translate(_LINE_BREAKS),
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener",
        strip_comments=True,
        attribute_filter=_own_images_only,
    ).strip()


def _own_images_only(element, attribute, value):
    if element == "img" and attribute == "src" and not value.startswith(settings.MEDIA_URL):
        return None
    return value
