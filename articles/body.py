"""Reading an article body as the sequence of top-level blocks it is made of."""

from html.parser import HTMLParser

_VOID_TAGS = {"br", "img", "hr", "wbr"}


def split_blocks(html):
    """Return [(tag, html)] for each top-level element of `html`, in order."""
    offsets = _line_offsets(html)
    blocks, start = [], 0
    parser = _BlockEnds(html, offsets)
    parser.feed(html)
    parser.close()
    for tag, end in parser.ends:
        chunk = html[start:end].strip()
        if chunk:
            blocks.append((tag, chunk))
        start = end
    rest = html[start:].strip()
    if rest:
        blocks.append(("", rest))
    return blocks


class _BlockEnds(HTMLParser):
    """Records the character offset just after each top-level element closes."""

    def __init__(self, html, offsets):
        super().__init__(convert_charrefs=False)
        self.html = html
        self.offsets = offsets
        self.depth = 0
        self.current = ""
        self.ends = []

    def _offset(self):
        line, column = self.getpos()
        return self.offsets[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if self.depth == 0:
            self.current = tag
        if tag in _VOID_TAGS:
            if self.depth == 0:
                text = self.get_starttag_text() or ""
                self.ends.append((tag, self._offset() + len(text)))
            return
        self.depth += 1

    def handle_startendtag(self, tag, attrs):
        if self.depth == 0:
            text = self.get_starttag_text() or ""
            self.ends.append((tag, self._offset() + len(text)))

    def handle_endtag(self, tag):
        if tag in _VOID_TAGS:
            return
        self.depth = max(self.depth - 1, 0)
        if self.depth == 0:
            position = self._offset()
            close = self.html.find(">", position)
            self.ends.append((self.current, close + 1 if close >= 0 else len(self.html)))


def _line_offsets(text):
    offsets, total = [], 0
    for line in text.splitlines(keepends=True):
        offsets.append(total)
        total += len(line)
    offsets.append(total)
    return offsets


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
