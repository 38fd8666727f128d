"""Reading an article body as the sequence of top-level blocks it is made of.

The body is parsed, never cut at character offsets: each block is written out again from
the parser's tokens, every text and attribute value escaped, so a block is whole markup
whatever characters the body holds. (Offsets from str.splitlines() once disagreed with the
parser's line count at U+2028, and the cuts fell inside tags.)
"""

import re
from html import escape, unescape
from html.parser import HTMLParser

from django.utils.html import strip_tags
from django.utils.text import Truncator

# Elements with no end tag: a block of their own when at the top level.
_VOID_TAGS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
# The names the sanitiser can let through; anything else might be read differently by a
# browser than by this parser, so it is left out.
_NAME = re.compile(r"[a-z][a-z0-9]*(?:[-_:.][a-z0-9]+)*\Z")
_HTML_SPACE = " \t\n\f\r"


def split_blocks(html):
    """Return [(tag, html)] for each top-level element of `html`, in order.

    Text between top-level elements is a block of its own, with tag "". Each block is
    well-formed: what a block opens, it closes.
    """
    parser = _Blocks()
    parser.feed(html or "")
    parser.close()
    return parser.finish()


class _Blocks(HTMLParser):
    """Writes each top-level element out again, token by token, as the parser read it.

    Text is escaped and attribute values quoted and escaped, so nothing in the body's text
    can become markup. Comments, declarations, stray end tags and oddly named tags or
    attributes are dropped: the sanitiser emits none of them.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []  # [tag, [pieces of html]]
        self.open = []  # the names of the elements open in the current block

    def handle_starttag(self, tag, attrs):
        if not _NAME.match(tag):
            return
        if not self.open:
            self.blocks.append([tag, []])
        self.blocks[-1][1].append(_start_tag(tag, attrs))
        if tag not in _VOID_TAGS:
            self.open.append(tag)

    # "<br/>": HTML ignores the slash, so "<p/>" opens a paragraph like "<p>".
    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag not in self.open:
            return
        while self.open:
            name = self.open.pop()
            self.blocks[-1][1].append(f"</{name}>")
            if name == tag:
                break

    def handle_data(self, data):
        text_block = bool(self.blocks) and self.blocks[-1][0] == ""
        if not self.open and not text_block:
            if not data.strip(_HTML_SPACE):
                return  # the layout between two blocks
            self.blocks.append(["", []])
        self.blocks[-1][1].append(escape(data, quote=False))

    def finish(self):
        """The blocks, any element left open at the end closed."""
        while self.open:
            self.blocks[-1][1].append(f"</{self.open.pop()}>")
        blocks = []
        for tag, pieces in self.blocks:
            chunk = "".join(pieces)
            if not tag:
                chunk = chunk.strip(_HTML_SPACE)
            if chunk:
                blocks.append((tag, chunk))
        return blocks


def _start_tag(tag, attrs):
    parts = [tag]
    for name, value in attrs:
        if not _NAME.match(name):
            continue
        parts.append(name if value is None else f'{name}="{escape(value, quote=True)}"')
    return f"<{' '.join(parts)}>"


def paragraph_openings(html, words=6):
    """The first words of each top-level paragraph, in order: the paragraphs a see-also
    link can follow (place_after_paragraphs() numbers them from 1 in this order)."""
    return [
        # Text, not HTML: the options escape it again when they are shown.
        Truncator(unescape(strip_tags(chunk))).words(words, truncate="…")
        for tag, chunk in split_blocks(html)
        if tag == "p"
    ]


def place_after_paragraphs(html, items):
    """Interleave `items` with the body's blocks.

    Each item is a pair (paragraph number or None, value). A number n places the
    value after the n-th top-level paragraph (past the last one, after the last);
    items without a number are spread evenly between the paragraphs. Returns
    [(block_html, [values placed after it])].
    """
    blocks = split_blocks(html)
    if not blocks:
        return []
    paragraph_ends = [i for i, (tag, _) in enumerate(blocks) if tag == "p"] or [len(blocks) - 1]
    after = [[] for _ in blocks]
    unplaced = [value for number, value in items if not number]
    for number, value in items:
        if number:
            index = paragraph_ends[min(number, len(paragraph_ends)) - 1]
            after[index].append(value)
    count = len(paragraph_ends)
    for i, value in enumerate(unplaced, start=1):
        position = max(1, round(i * count / (len(unplaced) + 1)))
        after[paragraph_ends[position - 1]].append(value)
    return [(chunk, after[i]) for i, (_, chunk) in enumerate(blocks)]
