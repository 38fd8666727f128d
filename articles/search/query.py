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
from .synonyms import query_words
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
    """`queryset` narrowed to the newest RANKED_MATCHES stories containing every word of
    `query` (any word of a long query), best first: by how many of the words they hold,
    then by how many as typed rather than as an equivalent term, then by text rank, then
    newest.

    A word is held as typed or as any of its equivalent terms (synonyms.query_words: one
    query for the groups). On PostgreSQL each row also carries `search_lexemes`, the
    query's terms as it ran (the same for every row; carried along so highlighting costs
    no extra query).
    """
    if isinstance(query, str):
        query = ReaderQuery.parse(query)
    if not query.terms:
        return queryset.none()
    # Results are shown from the body; the stored search fields are not needed.
    queryset = queryset.defer("search_text", "search_vector")
    postgresql = connections[queryset.db].vendor == "postgresql"
    words = query_words(query.terms, queryset.db)
    every_word = len(words) <= ALL_TERMS_UP_TO
    combine = operator.and_ if every_word else operator.or_
    if postgresql:
        any_form = [_any(map(_tsquery, word.forms), operator.or_) for word in words]
        tsquery = functools.reduce(combine, any_form)
        matches = queryset.filter(search_vector=tsquery)
        holds = [models.Q(search_vector=form) for form in any_form]
        held_as_typed = [models.Q(search_vector=_tsquery(word.typed)) for word in words]
    else:
        holds = [_any(map(_contains, word.forms), operator.or_) for word in words]
        matches = queryset.filter(functools.reduce(combine, holds))
        held_as_typed = [_contains(word.typed) for word in words]
    # PostgreSQL reads these from the GIN index, or for a common word walks the stories
    # newest first until it has enough.
    newest = matches.newest_first().values("pk")[:RANKED_MATCHES]
    queryset = queryset.filter(pk__in=newest)
    order = ["-search_rank", "-published_at", "-pk"]
    # Counted only where they can differ between matches.
    typed_only = [held for held, word in zip(held_as_typed, words, strict=True) if word.equivalents]
    if typed_only:
        queryset = queryset.annotate(words_as_typed=_count(typed_only))
        order.insert(0, "-words_as_typed")
    if not every_word:
        queryset = queryset.annotate(words_held=_count(holds))
        order.insert(0, "-words_held")
    if postgresql:
        queryset = queryset.annotate(
            search_rank=SearchRank(models.F("search_vector"), tsquery),
            search_lexemes=models.Func(
                tsquery, function="querytree", output_field=models.TextField()
            ),
        )
    else:
        queryset = queryset.annotate(search_rank=_terms_in_title(query.terms))
    return queryset.order_by(*order)


def _any(parts, combine):
    return functools.reduce(combine, parts)


def _tsquery(terms):
    """Stories holding every one of `terms` (already stemmed: `simple` only splits them)."""
    return SearchQuery(" ".join(terms), config=CONFIG, search_type="plain")


def _contains(terms):
    """SQLite: stories whose stored text holds every one of `terms`."""
    return _any((models.Q(search_text__contains=term) for term in terms), operator.and_)


def _count(conditions):
    """How many of `conditions` a row meets."""
    return functools.reduce(
        operator.add,
        (models.Case(models.When(condition, then=1), default=0) for condition in conditions),
    )


def _terms_in_title(terms):
    """SQLite's ranking: how many terms the headline (search_text's first line) holds."""
    title = Left("search_text", StrIndex("search_text", models.Value("\n")))
    return _count(GreaterThan(StrIndex(title, models.Value(term)), 0) for term in terms)
