"""A WordPress post's content made into a story's body.

WordPress stores content in one of two forms: the block editor's (Gutenberg: HTML between
`<!-- wp:name {attributes} -->` comments) or the classic editor's (text whose paragraphs
are blank lines, turned into HTML only when a page is shown, by `wpautop`), and either
may hold shortcodes (`[caption]`, `[gallery]`, `[embed]` …). `convert()` turns both into
the HTML our editor writes:

- block comments go (their HTML stays); an embed becomes a link to what it embedded;
  blocks WordPress renders from the database (latest posts, archives, a form) have no HTML
  to keep and are dropped;
- `[caption]` and `[gallery]` become our photo figures, `[embed]` and a bare address on a
  line of its own (which WordPress embeds) a link; audio, video and playlists are dropped;
- classic content gets its paragraphs (a simplified `wpautop`);
- a photo of the export's media library points at the imported photo's rendition, which
  the story page describes from the library (articles/photos/in_text.py); an image from
  anywhere else is dropped by the sanitiser (it would tell another site who reads us);
- a link to a post, section or tag of the old site points at its new address;

and then the body goes through the sanitiser every story body goes through
(articles/sanitizer.py). Each thing converted or dropped is counted.

Regular expressions are enough here: what they produce is only ever the sanitiser's
input, which decides what markup is kept.
"""

import re
from collections import Counter
from html import escape, unescape
from urllib.parse import unquote, urlsplit

from django.utils.html import strip_tags

from ..sanitizer import sanitize_html

_BLOCK_COMMENT = re.compile(
    r"<!--\s+(?P<end>/)?wp:(?P<name>[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)"
    r"(?P<attributes>\s+\{.*?\})?\s+(?P<self_closing>/)?-->",
    re.DOTALL,
)
_EMBED_BLOCK = re.compile(
    r"<!--\s+wp:(?:core-)?embed(?:/[a-z0-9-]+)?\b.*?-->(?P<inner>.*?)<!--\s+/wp:(?:core-)?embed"
    r"(?:/[a-z0-9-]+)?\s+-->",
    re.DOTALL,
)
_URL = re.compile(r"https?://[^\s<>\"'\]]+")
# Shortcodes WordPress itself registers. Any other bracketed text stays text: "[1]" or
# "[…]" in an article is no shortcode.
_SHORTCODE = re.compile(
    r"\[(?P<name>caption|wp_caption|gallery|embed|audio|video|playlist)\b(?P<attributes>[^\]]*)\]"
    r"(?:(?P<inner>.*?)\[/(?P=name)\])?",
    re.DOTALL,
)
_SHORTCODE_ATTRIBUTE = re.compile(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))""")
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_WP_IMAGE_CLASS = re.compile(r"\bwp-image-(\d+)\b")
# An image's resized copy: photo-300x200.jpg is a size of photo.jpg.
_SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.\w+$)")
_LINKED_IMAGE = re.compile(r"<a\b[^>]*>\s*(<img\b[^>]*>)\s*</a>", re.IGNORECASE)
_FIGURE_OR_IMG = re.compile(
    r"<figure\b[^>]*>(?P<inside>.*?)</figure>|<img\b[^>]*>", re.IGNORECASE | re.DOTALL
)
_HREF = re.compile(r"""(<a\b[^>]*?\bhref\s*=\s*)(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_LONE_URL_LINE = re.compile(r"^[ \t]*(https?://[^\s<>\"']+)[ \t]*$", re.MULTILINE)
# Block-level elements, after WordPress's wpautop: text outside them becomes paragraphs.
_BLOCK_TAGS = (
    "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|"
    "map|area|blockquote|address|math|style|script|p|h[1-6]|hr|fieldset|legend|section|"
    "article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary"
)
_BLOCK_TAG = re.compile(rf"(</?(?:{_BLOCK_TAGS})\b[^>]*>)", re.IGNORECASE)
_VOID_BLOCKS = {"hr", "col", "area"}


def _shortcode_attributes(text):
    return {
        name.lower(): next(value for value in values if value is not None)
        for name, *values in _SHORTCODE_ATTRIBUTE.findall(text or "")
    }


def _tag_attributes(tag):
    return {
        name.lower(): unescape(next(value for value in values if value is not None))
        for name, *values in _ATTRIBUTE.findall(tag)
    }


def _link(url):
    url = escape(url, quote=True)
    return f'<p><a href="{url}">{url}</a></p>'


class BodyConverter:
    """Converts post contents for one import.

    `images` finds an imported image: `by_id(attachment id)`, `by_path(upload path)` and
    `of_post(post id)` (a post's attached images, for a [gallery] without ids), each
    giving an object with `src` and `alt` or None. `addresses` gives the new address of
    an old one (`new_address(path, query)`) or None, and says whether an old address is
    a post's not imported yet (`is_pending_post(path, query)`). `site_hosts` are the old
    site's host names: a link to any of them is internal.
    """

    def __init__(self, images, addresses, site_hosts):
        self.images, self.addresses = images, addresses
        self.site_hosts = {host.lower() for host in site_hosts if host}
        self.made = set()  # the addresses of the images placed so far
        self.placed = []  # the images of the body converted last, in order

    def convert(self, content, post_id=0):
        """(sanitised body, Counter of what was converted or dropped, whether a link
        points at a post not imported yet)."""
        counts = Counter()
        self.placed = []
        html = (content or "").replace("\r\n", "\n")
        is_blocks = "<!-- wp:" in html
        if is_blocks:
            html = self._blocks(html, counts)
        html = self._shortcodes(html, counts, post_id)
        if not is_blocks:
            html = self._lone_urls(html, counts)
            html = autop(html)
        html = self._images(html, counts)
        html, pending = self._links(html, counts)
        return _tidy(sanitize_html(html)), counts, pending

    def relink(self, html, counts):
        """A stored body's links to old addresses made new (the posts imported since)."""
        return self._links(html, counts)[0]

    # Blocks and shortcodes -----------------------------------------------------------

    def _blocks(self, html, counts):
        def embed(match):
            found = _URL.search(strip_tags(match["inner"])) or _URL.search(match.group())
            counts["embeds made links"] += 1
            return _link(unescape(found.group())) if found else ""

        html = _EMBED_BLOCK.sub(embed, html)

        def comment(match):
            if match["self_closing"]:
                counts[f"blocks dropped ({match['name']})"] += 1
            elif not match["end"]:
                counts["blocks converted"] += 1
            return ""

        return _BLOCK_COMMENT.sub(comment, html)

    def _shortcodes(self, html, counts, post_id):
        def replace(match):
            name = match["name"]
            attributes = _shortcode_attributes(match["attributes"])
            inner = match["inner"] or ""
            if name in ("caption", "wp_caption"):
                counts["captions converted"] += 1
                img = _IMG.search(inner)
                if img is None:
                    return ""
                attachment = re.search(r"(\d+)$", attributes.get("id", ""))
                image = self.images.by_id(int(attachment.group(1))) if attachment else None
                return self._figure(image or self._image_of_tag(img.group()), counts)
            if name == "gallery":
                counts["galleries converted"] += 1
                ids = [int(part) for part in re.findall(r"\d+", attributes.get("ids", ""))]
                images = [self.images.by_id(pk) for pk in ids] if ids else []
                if not ids:
                    images = self.images.of_post(post_id)
                return "".join(self._figure(image, counts) for image in images)
            if name == "embed":
                found = _URL.search(inner) or _URL.search(attributes.get("src", ""))
                counts["embeds made links"] += 1
                return _link(unescape(found.group())) if found else ""
            counts[f"shortcodes dropped ({name})"] += 1
            return ""

        return _SHORTCODE.sub(replace, html)

    def _lone_urls(self, html, counts):
        """A bare address on a line of its own: WordPress embeds it; here it is a link."""

        def replace(match):
            counts["embeds made links"] += 1
            return f"\n\n{_link(unescape(match[1]))}\n\n"

        return _LONE_URL_LINE.sub(replace, html)

    # Images ------------------------------------------------------------------------

    def _figure(self, image, counts):
        if image is None:
            counts["images from elsewhere dropped"] += 1
            return ""
        return f'\n\n<figure class="image">{self._img(image)}</figure>\n\n'

    def _img(self, image):
        self.made.add(image.src)
        self.placed.append(image)
        return f'<img src="{escape(image.src)}" alt="{escape(image.alt)}">'

    def _image_of_tag(self, tag):
        attributes = _tag_attributes(tag)
        wp_image = _WP_IMAGE_CLASS.search(attributes.get("class", ""))
        image = self.images.by_id(int(wp_image.group(1))) if wp_image else None
        if image is None and attributes.get("src"):
            path = unquote(urlsplit(attributes["src"]).path)
            image = self.images.by_path(_SIZE_SUFFIX.sub("", path))
        return image

    def _images(self, html, counts):
        """Images of the media library point at the imported image, in a figure of its
        own; any other image is dropped (the sanitiser would drop it anyway)."""
        html = _LINKED_IMAGE.sub(lambda match: match[1], html)

        def replace(match):
            if match["inside"] is None:  # an image outside a figure
                tag = match.group()
                if _tag_attributes(tag).get("src") in self.made:
                    return tag  # one of ours, from a [caption] or [gallery]
                image = self._image_of_tag(tag)
                if image is None:
                    counts["images from elsewhere dropped"] += 1
                    return ""
                return self._img(image)
            img = _IMG.search(match["inside"])
            if img is None:
                return match.group()
            if _tag_attributes(img.group()).get("src") in self.made:
                return match.group()
            return self._figure(self._image_of_tag(img.group()), counts)

        return _FIGURE_OR_IMG.sub(replace, html)

    # Links -------------------------------------------------------------------------

    def _links(self, html, counts):
        pending = False

        def replace(match):
            nonlocal pending
            href = unescape(match[2] if match[2] is not None else match[3])
            parts = urlsplit(href)
            internal = (
                parts.hostname.lower() in self.site_hosts
                if parts.hostname
                else href.startswith("/") and not href.startswith("//")
            )
            if not internal:
                return match.group()
            path, query = unquote(parts.path) or "/", _query(parts.query)
            new = self.addresses.new_address(path, query)
            if new is None:
                if self.addresses.is_pending_post(path, query):
                    pending = True
                else:
                    counts["links to old pages not imported"] += 1
                return match.group()
            counts["internal links rewritten"] += 1
            fragment = f"#{parts.fragment}" if parts.fragment else ""
            return f'{match[1]}"{escape(new + fragment)}"'

        return _HREF.sub(replace, html), pending


def _query(query):
    """The part of a query string that names a WordPress item: "p=123", or nothing."""
    for part in query.split("&"):
        name, _, value = part.partition("=")
        if name == "p" and value.isdigit():
            return f"p={value}"
    return ""


def _tidy(html):
    """No empty paragraph (what was dropped leaves some), one newline between blocks."""
    html = re.sub(r"<p>(?:\s|<br>)*</p>", "", html)
    return re.sub(r"\n\s*\n", "\n", html).strip()


def old_address(url):
    """(path, query) of an old site's address, as LegacyAddress stores it."""
    parts = urlsplit(url or "")
    return unquote(parts.path) or "/", _query(parts.query)


def autop(text):
    """Paragraphs from blank lines and line breaks from single newlines, outside block
    elements: what WordPress's wpautop does to classic content before showing it."""
    pieces = _BLOCK_TAG.split(text)
    blocks, depth, paragraph = [], 0, []

    def flush():
        for part in re.split(r"\n\s*\n", "".join(paragraph)):
            part = part.strip()
            if part:
                blocks.append("<p>" + re.sub(r"\s*\n\s*", "<br>\n", part) + "</p>")
        paragraph.clear()

    for index, piece in enumerate(pieces):
        if index % 2 == 0:  # text between block tags
            if depth == 0:
                paragraph.append(piece)
            else:
                blocks[-1] += piece
            continue
        name = re.match(r"</?\s*([a-zA-Z0-9]+)", piece)[1].lower()
        if depth == 0:
            flush()
            blocks.append(piece)
        else:
            blocks[-1] += piece
        if piece.startswith("</"):
            depth = max(0, depth - 1)
        elif name not in _VOID_BLOCKS and not piece.endswith("/>"):
            depth += 1
    flush()
    return "\n".join(blocks)
