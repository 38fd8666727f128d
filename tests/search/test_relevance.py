"""Reader search on the relevance set (tests/search/relevance/) never slides back.

The set is loaded once for the module and every query run through /search/'s queryset;
the tests then read the results. `make bench-search` prints the same figures, with plain
PostgreSQL text search beside them and the misses query by query.
"""

import pytest
from django.db import transaction
from django.test import override_settings

from tests.search import relevance

# Reader search's figures on the set, measured on 2026-12-01 with `make bench-search`
# (0.9783 and 0.9855 there, after our own light stemmer and the demo's starter list of
# equivalent terms; 0.710 and 0.8647 after keyboard folding, "news" words, tag names and
# partial matches for long queries; 0.449 and 0.604 before), rounded down to three places.
# They are a floor that must only go up: when search improves, raise them to the new
# figures; never lower them to let a change pass.
RECALL_AT_10 = 0.978
MRR = 0.985
# pytest-django makes the test database only for sessions holding a test that asks for it.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def runs(django_db_setup, django_db_blocker, tmp_path_factory):
    """Every query of the set through reader search, on the stories loaded once and
    rolled back afterwards."""
    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, PAGE_CACHE_SECONDS=0),
        transaction.atomic(),
    ):
        ids = relevance.load(relevance.stories())
        found = relevance.run(relevance.ours, relevance.queries(), ids)
        transaction.set_rollback(True)
    return found


def test_the_set_has_what_it_measures():
    stories, queries = relevance.stories(), relevance.queries()
    ids = {story["id"] for story in stories}
    assert len(stories) >= 60 and len(ids) == len(stories)
    assert all(2 <= story["body"].count("<p>") <= 4 for story in stories)
    assert len(queries) >= 40
    assert len([query for query in queries if not query["relevant"]]) >= 5
    assert all(set(query["relevant"]) <= ids for query in queries)


def test_recall_and_mrr_stay_at_or_above_their_floor(runs):
    scores = relevance.score(runs)
    assert scores.recall_at_10 >= RECALL_AT_10
    assert scores.mrr >= MRR


def test_no_answer_queries_find_nothing(runs):
    noise = {run.query["q"]: run.count for run in runs if not run.relevant and run.count}
    assert noise == {}


def test_at_most_one_answerable_query_finds_nothing(runs):
    empty = [run.query["q"] for run in runs if run.relevant and not run.count]
    assert len(empty) <= 1, empty
