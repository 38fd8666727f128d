"""The reader's query: what they typed, which stories match it, and in what order.

On SQLite (the zero-setup demo database) there is no text search: a story matches when
its stored normalised text contains every query word.
"""

import functools
import operator
import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections, models
from django.db.models.functions import Left, StrIndex
from django.db.models.lookups import GreaterThan

from .index import CONFIG
from .words import keywords, news_words

MAX_QUERY_LENGTH = 200
# Only the newest matches are ranked: ranking reads every ranked story's vector, and a
# common word matches tens of thousands of stories. Readers of news want recent stories;
# older ones are a more precise query away.
RANKED_MATCHES = 500
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class ReaderQuery:
    """What a reader typed: `text` tidied and cut to `max_length`, `terms` its keywords.

    A story is found when it contains every term; stop words and words that only say
    "news" are no terms.
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
        # Words that only say "news" ("آخر أخبار …") would match every story.
        terms = [term for term in keywords(text) if term not in news_words()]
        return cls(text=text, terms=tuple(dict.fromkeys(terms)), truncated=truncated)


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
