"""What a results page shows of a found story: its headline and a passage, matches marked."""

import re
from bisect import bisect_left

from django.utils.html import escape
from django.utils.safestring import mark_safe

from lib.text import DIACRITICS, LETTER_FOLDS

from .stemming import letters
from .words import WORD, plain_text

SNIPPET_WORDS = 40
# Letters a word may carry before its stem: conjunctions, prepositions, the article, the
# future's seen and the present tense's prefixes. A highlighted word is made of these,
# then a marker.
_PROCLITICS = letters("WAW", "FEH", "BEH", "KAF", "LAM", "ALEF", "SEEN", "YEH", "TEH", "NOON")
_PROCLITICS += letters("ALEF WITH HAMZA ABOVE", "ALEF WITH HAMZA BELOW", "ALEF WITH MADDA ABOVE")
# A normalised or stemmed letter stands for every spelling that folds to it
# (lib.text.LETTER_FOLDS): "ا" for "أ", "إ", "آ" and "ٱ" too, "ه" for "ة" …
_LETTER_FORMS = {
    folded: folded + "".join(spelling for spelling, to in LETTER_FOLDS.items() if to == folded)
    for folded in set(LETTER_FOLDS.values())
}
_LEXEME = re.compile(r"'((?:[^']|'')*)'")


def _letter(char):
    forms = _LETTER_FORMS.get(char)
    return f"{f'[{forms}]' if forms else re.escape(char)}[{DIACRITICS}]*"


def marker_pattern(markers):
    """A regex matching a word of the original text that holds a marker (a normalised
    term or a stem): prefix letters, then the marker, then anything.

    Each letter matches every spelling it stands for, with any diacritics or tatweel
    after it. Only prefix letters may stand before the marker, so that the stem 'زير'
    of "الوزير" marks "وزير" but not "الجزيرة"; a marker of one or two letters must
    end the word.
    """
    long, short = [], []
    for marker in sorted({marker for marker in markers if marker}, key=len, reverse=True):
        (long if len(marker) >= 3 else short).append("".join(map(_letter, marker)))
    alternatives = long + ([rf"(?:{'|'.join(short)})\Z"] if short else [])
    if not alternatives:
        return None
    return re.compile(rf"[{_PROCLITICS}{DIACRITICS}]*?(?:{'|'.join(alternatives)})", re.IGNORECASE)


def _hit_words(text, words, pattern):
    """Indexes of the words of `text` (spans) that `pattern` matches."""
    if pattern is None:
        return []
    return [index for index, (start, end) in enumerate(words) if pattern.match(text, start, end)]


def _marked(text, begin, end, spans):
    """text[begin:end], HTML-escaped, with each span wrapped in <mark>."""
    out, position = [], begin
    for start, stop in spans:
        out += [escape(text[position:start]), "<mark>", escape(text[start:stop]), "</mark>"]
        position = stop
    out.append(escape(text[position:end]))
    return "".join(out)


def highlight(text, pattern):
    """`text`, escaped, every word matching `pattern` in <mark>."""
    words = [match.span() for match in WORD.finditer(text)]
    spans = [words[hit] for hit in _hit_words(text, words, pattern)]
    return mark_safe(_marked(text, 0, len(text), spans))  # _marked escaped the text


def snippet(text, pattern, size=SNIPPET_WORDS):
    """The passage of `size` words holding the most matches, escaped, matches in <mark>.

    With no match (a story found by its headline) it is the text's beginning.
    """
    text = " ".join(text.split())
    words = [match.span() for match in WORD.finditer(text)]
    if not words:
        return ""
    hits = _hit_words(text, words, pattern)
    first, best = 0, 0
    for hit in hits:
        # A little context before the first match of the window.
        start = max(0, min(hit - size // 4, len(words) - size))
        found = bisect_left(hits, start + size) - bisect_left(hits, start)
        if found > best:
            first, best = start, found
    last = min(first + size, len(words))
    begin = words[first][0] if first else 0
    end = words[last - 1][1] if last < len(words) else len(text)
    spans = [words[hit] for hit in hits if first <= hit < last]
    passage = _marked(text, begin, end, spans)
    return mark_safe(  # _marked escaped the text
        ("… " if begin else "") + passage + (" …" if end < len(text) else "")
    )


def highlight_results(articles, query):
    """Give each found story `search_title` and `search_snippet`, safe HTML to show.

    What is marked: the query's terms (stems: a search for "الاوكرانيين" marks
    "أوكرانيا" too) and, on PostgreSQL, every term of the query as it ran, its
    equivalent terms included (search_lexemes).
    """
    articles = list(articles)
    if not articles:
        return
    markers = set(query.terms)
    lexemes = getattr(articles[0], "search_lexemes", None) or ""
    markers.update(lexeme.replace("''", "'") for lexeme in _LEXEME.findall(lexemes))
    pattern = marker_pattern(markers)
    for article in articles:
        article.search_title = highlight(article.title, pattern)
        article.search_snippet = snippet(f"{article.summary} {plain_text(article.body)}", pattern)
