"""The light stemmer: the one place a word becomes the stem that search stores and compares.

Stories are indexed and queries parsed with the same `stem()`, and PostgreSQL is given
the stems under its `simple` configuration (articles/search/index.py), which only
lower-cases: nothing is stemmed twice, and nothing is stemmed differently on either side.

It takes off what an Arabic reader drops without thinking, and only when enough of the
word is left that the rest cannot be another word:

- the article, with the و ف ب ك ل written onto it ("والانتخابات", "للمزارعين");
- one ending: the plural "ات" ("اللقاحات", "شركات"), "ون"/"ين" ("المزارعون",
  "المزارعين") and the feminine dual "تين" ("شركتين"), the feminine ة (folded to ه by
  the normalisation: "شركة", "ذكية", "وزيرة"), the pronouns "ها" and "ه" ("هاتفها") or
  the alef of the accusative's tanwin ("ذكياً").

A و ف ب ك ل without the article stays: no rule tells the conjunction in "وزير" or the
preposition in "بطولة" from the first letter of "وزير" ("minister") or "بطولة"
("championship"), and stripping it makes "وزير" the jug "زير", "بطولة" length "طول",
"فيلم" "يلم". The price of merging masculine and feminine is paid by a few nouns whose
feminine is another word ("مدرسة" school and "مدرس" teacher meet at 'مدرس', "مكتبة" and
"مكتب" at 'مكتب'), as in every light stemmer without a dictionary. Broken plurals
("هواتف", "أسعار") are no ending at all: editors list them as equivalent terms
(articles/search/synonyms.py).

Why our own and not a library's, measured on these words (tests/search/test_stemming.py):
Snowball's Arabic stemmer (PostgreSQL's `arabic`, and the `snowballstemmer` package)
strips "ات" only while the article is on ("انتخابات" gives 'انتخابا', "الانتخابات"
'انتخاب') and takes a leading و/ف/ب/ك off any word ("وزير" → 'زير', "بطولة" → 'طول',
"فيلم" → 'يلم', "فرنسا" → 'رنس'); Tashaphyne's light stemmer merges the pairs but strips
a prefix letter from nearly every word ("فيلم" → 'لم', "وطن" → 'طن', "لون" → 'ون',
"كتاب" → 'تاب'); PyArabic normalises (harakat, hamza, tatweel) and has no stemmer.
"""

import functools
import unicodedata


def letters(*names):
    """Arabic letters by their Unicode names: no Arabic literals in the code."""
    return "".join(unicodedata.lookup(f"ARABIC LETTER {name}") for name in names)


ALEF, LAM, WAW, FEH, BEH, KAF = letters("ALEF", "LAM", "WAW", "FEH", "BEH", "KAF")
TEH, HEH, YEH, NOON = letters("TEH", "HEH", "YEH", "NOON")
# The article, alone or after a conjunction (و ف) and/or a preposition (ب ك ل; ل + ال is
# written "لل"), longest first.
ARTICLE_PREFIXES = tuple(
    sorted(
        {
            conjunction + preposition
            for conjunction in ("", WAW, FEH)
            for preposition in (ALEF + LAM, BEH + ALEF + LAM, KAF + ALEF + LAM, LAM + LAM)
        },
        key=len,
        reverse=True,
    )
)
# Endings, each with the fewest letters that must remain once it is off. "ون"/"ين" need
# four: "زيتون" and "قانون" are no plurals of "زيت" and "قان", "أمين" none of "أم".
SUFFIXES = (
    (TEH + YEH + NOON, 3),  # the feminine dual, oblique: "شركتين"
    (ALEF + TEH, 3),  # the feminine plural: "شركات", "مستشفيات"
    (WAW + NOON, 4),  # the masculine plural: "المزارعون"
    (YEH + NOON, 4),  # the masculine plural (and dual), oblique: "المزارعين"
    (HEH + ALEF, 3),  # the pronoun "her", "its": "هاتفها"
    (HEH, 3),  # ة, folded to ه: "شركة", "ذكية"; and the pronoun "his"
    (ALEF, 3),  # the accusative's tanwin, its mark gone: "ذكياً"
)
# The article needs this much left: "الام" is "the mother", not an article on "ام".
MIN_AFTER_ARTICLE = 3


def without_article(word):
    """`word` (normalised) without a leading article, if enough of it remains."""
    for prefix in ARTICLE_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= MIN_AFTER_ARTICLE:
            return word[len(prefix) :]
    return word


def without_ending(word):
    """`word` without one plural, dual, feminine or tanwin ending, if enough remains."""
    for suffix, remaining in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= remaining:
            return word[: -len(suffix)]
    return word


@functools.lru_cache(maxsize=100_000)
def stem(word):
    """The stem of a normalised word (articles/search/words.py `normalize`): the word
    without its article and one ending. Latin words and numbers are kept as they are."""
    if not word or not ("\u0621" <= word[0] <= "\u064a"):
        return word
    return without_ending(without_article(word))
