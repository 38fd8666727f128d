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


def sanitize_html(html):
    """Keep the editor's structure, drop everything that could run or restyle the page.

    Links keep http, https and mailto only and get rel="noopener"; the contents of
    <script> and <style> go with the tags. Photos keep only addresses in our own media
    storage (where the editor's uploads go): an image from another host would tell it who
    reads the story.
    """
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener",
        strip_comments=True,
        attribute_filter=_own_photos_only,
    ).strip()


def _own_photos_only(element, attribute, value):
    if element == "img" and attribute == "src" and not value.startswith(settings.MEDIA_URL):
        return None
    return value
