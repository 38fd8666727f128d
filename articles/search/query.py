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
# Up to this many words, a story must hold every one. A longer query ("ارتفاع أسعار الذهب
# والنفط في أسواق الخليج") is rarely held whole by any story: it finds the stories holding
# any of its words, those holding the most first.
ALL_TERMS_UP_TO = 3
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class ReaderQuery:
    """What a reader typed: `text` tidied and cut to `max_length`, `terms` its keywords.

    A story is found when it contains every term, or for a query of more than
    ALL_TERMS_UP_TO terms any of them; stop words and words that only say "news" are no
    terms.
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
    `query` (any term of a long query), best first: by how many of the terms they hold,
    then by text rank, then newest.

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
    every_term = len(query.terms) <= ALL_TERMS_UP_TO
    if postgresql:
        words = [SearchQuery(term, config=CONFIG, search_type="plain") for term in query.terms]
        tsquery = functools.reduce(operator.and_ if every_term else operator.or_, words)
        matches = queryset.filter(search_vector=tsquery)
        holds = [models.Q(search_vector=word) for word in words]
    else:
        holds = [models.Q(search_text__contains=term) for term in query.terms]
        matches = queryset.filter(
            functools.reduce(operator.and_ if every_term else operator.or_, holds)
        )
    # PostgreSQL reads these from the GIN index, or for a common word walks the stories
    # newest first until it has enough.
    newest = matches.newest_first().values("pk")[:RANKED_MATCHES]
    queryset = queryset.filter(pk__in=newest)
    if not every_term:
        queryset = queryset.annotate(
            terms_held=functools.reduce(
                operator.add,
                (models.Case(models.When(held, then=1), default=0) for held in holds),
            )
        )
    if postgresql:
        queryset = queryset.annotate(
            search_rank=SearchRank(models.F("search_vector"), tsquery),
            search_lexemes=models.Func(
                tsquery, function="querytree", output_field=models.TextField()
            ),
        )
    else:
        queryset = queryset.annotate(search_rank=_terms_in_title(query.terms))
    order = ("-search_rank", "-published_at", "-pk")
    return queryset.order_by(*order if every_term else ("-terms_held", *order))


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
