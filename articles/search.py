"""Reader search: what is indexed, how a query is read, matched, ranked and highlighted.

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

On SQLite (the zero-setup demo database) there is no text search: a story matches when
its stored normalised text contains every query word.
"""

import functools
import operator
import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models.functions import Left, StrIndex
from django.db.models.lookups import GreaterThan
from django.utils.html import escape
from django.utils.safestring import mark_safe

from khabarayn.text import DIACRITICS, normalize_arabic

CONFIG = "arabic"
MAX_QUERY_LENGTH = 200
SNIPPET_WORDS = 40
REBUILD_BATCH_SIZE = 500
# Only the newest matches are ranked: ranking reads every ranked story's vector, and a
# common word matches tens of thousands of stories. Readers of news want recent stories;
# older ones are a more precise query away.
RANKED_MATCHES = 500
STOP_WORDS_FILE = Path(__file__).with_name("data") / "arabic_stopwords.txt"

# A word: letters and digits (not "_", which the text search parser treats as a space),
# with any marks inside it.
_WORD_CHAR = rf"(?:[^\W_]|[{DIACRITICS}])"
WORD = re.compile(rf"{_WORD_CHAR}+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _letters(*names):
    """Arabic letters by their Unicode names: no Arabic literals in the code."""
    return "".join(unicodedata.lookup(f"ARABIC LETTER {name}") for name in names)


ALEF, LAM = _letters("ALEF"), _letters("LAM")
# The article with the conjunctions and prepositions written onto it, longest first.
_ARTICLE_PREFIXES = tuple(_letters(letter) + ALEF + LAM for letter in ("WAW", "BEH", "KAF", "FEH"))
_ARTICLE_PREFIXES += (LAM + LAM, ALEF + LAM)
# Letters a word may carry before its stem: conjunctions, prepositions, the article, the
# future's seen and the present tense's prefixes. A highlighted word is made of these,
# then a marker.
_PROCLITICS = _letters("WAW", "FEH", "BEH", "KAF", "LAM", "ALEF", "SEEN", "YEH", "TEH", "NOON")
_PROCLITICS += _letters("ALEF WITH HAMZA ABOVE", "ALEF WITH HAMZA BELOW", "ALEF WITH MADDA ABOVE")
# A normalised or stemmed letter stands for every spelling it folds; the stemmer also
# writes waw and yeh with hamza as waw and yeh, and a hamza on a seat as hamza.
_LETTER_FORMS = {
    ALEF: _letters(
        "ALEF",
        "ALEF WITH HAMZA ABOVE",
        "ALEF WITH HAMZA BELOW",
        "ALEF WITH MADDA ABOVE",
        "ALEF WASLA",
    ),
    _letters("YEH"): _letters("YEH", "ALEF MAKSURA", "YEH WITH HAMZA ABOVE"),
    _letters("WAW"): _letters("WAW", "WAW WITH HAMZA ABOVE"),
    _letters("HEH"): _letters("HEH", "TEH MARBUTA"),
    _letters("HAMZA"): _letters(
        "HAMZA",
        "ALEF WITH HAMZA ABOVE",
        "ALEF WITH HAMZA BELOW",
        "WAW WITH HAMZA ABOVE",
        "YEH WITH HAMZA ABOVE",
    ),
}
_BLOCK_TAGS = frozenset(
    {"p", "br", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote"}
    | {"figure", "figcaption", "table", "tr", "td", "th"}
)


def normalize(text):
    """The one spelling search compares: `normalize_arabic`, and Latin letters lower-cased."""
    return normalize_arabic(text).lower()


@functools.cache
def stop_words():
    """The stop-word list (articles/data/arabic_stopwords.txt), normalised like the text."""
    lines = STOP_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(
        word
        for line in lines
        if not line.lstrip().startswith("#")
        for word in WORD.findall(normalize(line))
    )


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


def index_parts(title, summary, body):
    """The headline, standfirst and body as the words indexed at weights A, B and C."""
    return [" ".join(keywords(text)) for text in (title, summary, plain_text(body))]


# -- The query -------------------------------------------------------------------------


@dataclass(frozen=True)
class ReaderQuery:
    """What a reader typed: `text` tidied and cut to `max_length`, `terms` its keywords.

    A story is found when it contains every term.
    """

    text: str = ""
    terms: tuple = ()
    truncated: bool = False
    max_length = MAX_QUERY_LENGTH

    @classmethod
    def parse(cls, raw):
        text = " ".join(_CONTROL.sub(" ", raw or "").split())
        truncated = len(text) > MAX_QUERY_LENGTH
        if truncated:
            # Cut between words when the limit falls inside one.
            cut = text[:MAX_QUERY_LENGTH]
            if text[MAX_QUERY_LENGTH] != " " and " " in cut:
                cut = cut.rsplit(" ", 1)[0]
            text = cut.strip()
        return cls(text=text, terms=tuple(dict.fromkeys(keywords(text))), truncated=truncated)


def matching(queryset, query):
    """`queryset` narrowed to the newest RANKED_MATCHES stories containing every term of
    `query`, best first.

    On PostgreSQL each row also carries `search_lexemes`, the query as PostgreSQL stemmed
    it (the same for every row; carried along so highlighting costs no extra query).
    """
    if isinstance(query, str):
        query = ReaderQuery.parse(query)
    if not query.terms:
        return queryset.none()
    # Results are shown from the body; the stored search fields are not needed.
    queryset = queryset.defer("search_text", "search_vector")
    postgresql = connections[queryset.db].vendor == "postgresql"
    if postgresql:
        tsquery = SearchQuery(" ".join(query.terms), config=CONFIG, search_type="plain")
        matches = queryset.filter(search_vector=tsquery)
    else:
        matches = queryset
        for term in query.terms:
            matches = matches.filter(search_text__contains=term)
    # PostgreSQL reads these from the GIN index, or for a common word walks the stories
    # newest first until it has enough.
    newest = matches.newest_first().values("pk")[:RANKED_MATCHES]
    queryset = queryset.filter(pk__in=newest)
    if postgresql:
        queryset = queryset.annotate(
            search_rank=SearchRank(models.F("search_vector"), tsquery),
            search_lexemes=models.Func(
                tsquery, function="querytree", output_field=models.TextField()
            ),
        )
    else:
        queryset = queryset.annotate(search_rank=_terms_in_title(query.terms))
    return queryset.order_by("-search_rank", "-published_at", "-pk")


def _terms_in_title(terms):
    """SQLite's ranking: how many terms the headline (search_text's first line) holds."""
    title = Left("search_text", StrIndex("search_text", models.Value("\n")))
    return functools.reduce(
        operator.add,
        (
            models.Case(
                models.When(GreaterThan(StrIndex(title, models.Value(term)), 0), then=1),
                default=0,
            )
            for term in terms
        ),
    )


# -- The index -------------------------------------------------------------------------


class SearchVectorIndex(GinIndex):
    """A GIN index, made on PostgreSQL only.

    SQLite has no GIN (nor tsvector): Django would send it `USING gin` whenever it
    creates or rebuilds the table, so elsewhere the index is an SQL comment.
    """

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return f"-- {self.name}: a PostgreSQL GIN index, not made on this database"
        return super().create_sql(model, schema_editor, using=using, **kwargs)

    def remove_sql(self, model, schema_editor, **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return f"-- {self.name}: a PostgreSQL GIN index, not made on this database"
        return super().remove_sql(model, schema_editor, **kwargs)


_VECTOR_SQL = (
    f"setweight(to_tsvector('{CONFIG}', v.title::text), 'A')"
    f" || setweight(to_tsvector('{CONFIG}', v.summary::text), 'B')"
    f" || setweight(to_tsvector('{CONFIG}', v.body::text), 'C')"
)


def update_index(model, rows, using=DEFAULT_DB_ALIAS):
    """Store the search fields of `rows`, each (pk, title, summary, body), in one UPDATE.

    `search_text` is the three parts' keywords on three lines (SQLite matches it, and
    ranks by its first line); on PostgreSQL `search_vector` weighs them A, B and C.
    `model` may be a migration's historical model: only its table and fields are used.
    """
    connection = connections[using]
    quote = connection.ops.quote_name
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    values = [(row[0], *index_parts(*row[1:])) for row in rows]
    if not values:
        return 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"UPDATE {table} AS a SET"
                " search_text = concat_ws(E'\\n', v.title::text, v.summary::text, v.body::text),"
                f" search_vector = {_VECTOR_SQL}"
                f" FROM (VALUES {', '.join(['(%s, %s, %s, %s)'] * len(values))})"
                f" AS v(id, title, summary, body) WHERE a.{pk} = v.id",
                [value for row in values for value in row],
            )
        else:
            cursor.executemany(
                f"UPDATE {table} SET search_text = %s WHERE {pk} = %s",
                [("\n".join(parts), pk_value) for pk_value, *parts in values],
            )
    return len(values)


def rebuild_index(model, using=DEFAULT_DB_ALIAS, batch_size=REBUILD_BATCH_SIZE):
    """Re-index every row of `model`, `batch_size` rows per UPDATE; return how many.

    Rows are read in primary-key order, one batch at a time, so memory stays flat;
    outside a transaction (the command) each batch commits on its own.
    """
    rows = model._base_manager.using(using).order_by("pk")
    rows = rows.values_list("pk", "title", "summary", "body")
    count, last_pk = 0, None
    while True:
        batch = list((rows if last_pk is None else rows.filter(pk__gt=last_pk))[:batch_size])
        if not batch:
            return count
        count += update_index(model, batch, using)
        last_pk = batch[-1][0]


# -- Highlighting ----------------------------------------------------------------------


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


_LEXEME = re.compile(r"'((?:[^']|'')*)'")


def highlight_results(articles, query):
    """Give each found story `search_title` and `search_snippet`, safe HTML to show.

    What is marked: the query's terms and, on PostgreSQL, their stems, so that a search
    for "الاوكرانيين" also marks "أوكرانيا", which PostgreSQL matched by its stem.
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
