"""The words search compares: one spelling of each, without stop words or the article.

PostgreSQL's `arabic` text search configuration is Snowball's Arabic stemmer and
nothing else: it has no stop words, and it stems spelling variants of one word
differently. On PostgreSQL 15, to_tsvector('arabic', …) gives 'حكوم' for "الحكومة"
but 'حكومه' for "الحكومه", 'علي' for "على" but 'عل' for "علي", and keeps "في" and
"من" as lexemes. So the application normalises both the stored text and the query
(`normalize`: diacritics, tatweel, hamza seats of alef, ى, ة) and drops stop words
before PostgreSQL stems anything; the stemmer then sees one spelling of each word.

Folding ة into ه has a cost: after the article the stemmer keeps a final ه ("المدرسه"
stays 'مدرسه', since "the school" cannot take the pronoun "his"), while without it
the ه goes ("مدرسه" gives 'مدرس', as "مدرسة" and "المدرسة" do). So the application
also takes the article off ("ال", "وال", "بال", "كال", "فال", "لل"), the light stemming
Arabic retrieval commonly uses; every form of "المدرسة" then meets at 'مدرس'.
"""

import functools
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

from lib.text import DIACRITICS, normalize_arabic

STOP_WORDS_FILE = Path(__file__).parents[1] / "data" / "arabic_stopwords.txt"
NEWS_WORDS_FILE = Path(__file__).parents[1] / "data" / "news_words.txt"

# A word: letters and digits (not "_", which the text search parser treats as a space),
# with any marks inside it.
_WORD_CHAR = rf"(?:[^\W_]|[{DIACRITICS}])"
WORD = re.compile(rf"{_WORD_CHAR}+")


def letters(*names):
    """Arabic letters by their Unicode names: no Arabic literals in the code."""
    return "".join(unicodedata.lookup(f"ARABIC LETTER {name}") for name in names)


ALEF, LAM = letters("ALEF"), letters("LAM")
# The article with the conjunctions and prepositions written onto it, longest first.
_ARTICLE_PREFIXES = tuple(letters(letter) + ALEF + LAM for letter in ("WAW", "BEH", "KAF", "FEH"))
_ARTICLE_PREFIXES += (LAM + LAM, ALEF + LAM)
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
    """The words of `text` search matches: normalised, without the article, stop words
    or lone letters."""
    return [word for word in map(_keyword, WORD.findall(normalize(text))) if word]


@functools.lru_cache(maxsize=100_000)
def _keyword(word):
    """A normalised word as it is indexed, or None for a word search ignores.

    A letter standing alone is a conjunction or preposition written apart, or an
    initial; numbers stay. (Cached: a news vocabulary repeats, and rebuilding the
    index normalises every word of every story.)
    """
    stop = stop_words()
    if word in stop:  # before the article goes: "الذين" is not "ذين"
        return None
    word = without_article(word)
    if (len(word) > 1 or word.isdigit()) and word not in stop:
        return word
    return None


def without_article(word):
    """`word` (normalised) without a leading article, if three letters or more remain."""
    for prefix in _ARTICLE_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return word[len(prefix) :]
    return word


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
