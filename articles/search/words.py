"""The words search compares: one spelling of each, without stop words, stemmed.

`keywords()` is the whole way from text to the terms search stores and compares, used
alike for a story's text (articles/search/index.py) and a reader's query (query.py):

1. `normalize`: one spelling of each letter (lib.text.normalize_arabic: hamza seats of
   alef, ى, ة, diacritics, tatweel, Persian and Urdu keyboards' letters and digits,
   invisible marks) and Latin letters lower-cased;
2. the words, less the stop words (articles/data/arabic_stopwords.txt), matched before
   and after the article goes ("الذين" is no article on "ذين");
3. `stem` (articles/search/stemming.py): the article with its attached letters, and one
   plural, dual, feminine or tanwin ending.

PostgreSQL stores and matches these terms as they are (the `simple` configuration):
its own `arabic` Snowball stemmer stems "الانتخابات" and "انتخابات" apart and eats a
leading و/ف/ب/ك ("وزير" → 'زير'), so it is not asked to stem anything.
"""

import functools
import re
from html.parser import HTMLParser
from pathlib import Path

from lib.text import DIACRITICS, normalize_arabic

from .stemming import stem, without_article

STOP_WORDS_FILE = Path(__file__).parents[1] / "data" / "arabic_stopwords.txt"
NEWS_WORDS_FILE = Path(__file__).parents[1] / "data" / "news_words.txt"

# A word: letters and digits (not "_", which the text search parser treats as a space),
# with any marks inside it.
_WORD_CHAR = rf"(?:[^\W_]|[{DIACRITICS}])"
WORD = re.compile(rf"{_WORD_CHAR}+")


_BLOCK_TAGS = frozenset(
    {"p", "br", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote"}
    | {"figure", "figcaption", "table", "tr", "td", "th"}
)


def normalize(text):
    """The one spelling search compares: `normalize_arabic`, and Latin letters lower-cased."""
    return normalize_arabic(text).lower()


def _word_list(path):
    """The words of a list file (one a line, # for comments), normalised like the text."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(
        word
        for line in lines
        if not line.lstrip().startswith("#")
        for word in WORD.findall(normalize(line))
    )


@functools.cache
def stop_words():
    """The stop-word list (articles/data/arabic_stopwords.txt)."""
    return _word_list(STOP_WORDS_FILE)


@functools.cache
def news_words():
    """Words that only say "news" (articles/data/news_words.txt), as query keywords."""
    return frozenset(filter(None, map(_keyword, _word_list(NEWS_WORDS_FILE))))


def keywords(text):
    """The terms of `text` search matches: its words normalised and stemmed, without
    stop words or lone letters."""
    return [word for word in map(_keyword, WORD.findall(normalize(text))) if word]


@functools.lru_cache(maxsize=100_000)
def _keyword(word):
    """A normalised word as it is indexed, its stem, or None for a word search ignores.

    A letter standing alone is a conjunction or preposition written apart, or an
    initial; numbers stay. (Cached: a news vocabulary repeats, and rebuilding the
    index normalises every word of every story.)
    """
    stop = stop_words()
    if word in stop:  # before the article goes: "الذين" is not "ذين"
        return None
    if without_article(word) in stop:
        return None
    word = stem(word)
    if len(word) > 1 or word.isdigit():
        return word
    return None


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in _BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data):
        self.parts.append(data)


def plain_text(html):
    """The text of a story's (sanitised) HTML body, blocks apart, entities decoded.

    Unlike strip_tags, a space stands where a paragraph ends, so the last word of one
    paragraph and the first of the next stay two words.
    """
    extractor = _TextExtractor()
    extractor.feed(html or "")
    extractor.close()
    return " ".join("".join(extractor.parts).split())
