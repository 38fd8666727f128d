"""Khabarayn's search relevance set, and how a search is scored on it.

- stories.json: 66 short news stories written for this set (headline, standfirst, body,
  section, tags, publication time), on the topics the queries need;
- queries.json: what readers type, each query with the ids of the stories judged relevant
  to it and a note saying what it exercises (plural and singular, feminine, the article
  and the attached و ف ب ك ل, broken plurals and synonyms, Latin and Arabic names,
  Persian keyboards and digits, diacritics, zero-width marks, words that must not merge,
  long queries no story has every word of, "news" words, stories found only by their
  tags). A query judged to have no relevant story is a no-answer query: anything it
  finds is noise.

`make bench-search` (bench/search.py) prints the scores of reader search and of plain
PostgreSQL text search on the set; tests/search/test_relevance.py holds reader search's.
"""

import io
import json
import statistics
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The measures look at the top 10 (recall, MRR) and top 5 (precision); the search page
# shows 20 (SearchView.paginate_by), and that is the page each search fetches.
PAGE_SIZE = 20
# PostgreSQL's own text search, as a project would write it with no search code at all.
_PLAIN_DOCUMENT = "to_tsvector('arabic', title || ' ' || summary || ' ' || body)"
PLAIN_SQL = f"""
    SELECT id, count(*) OVER () FROM articles_article
    WHERE status = 'published' AND published_at <= now()
      AND {_PLAIN_DOCUMENT} @@ plainto_tsquery('arabic', %(q)s)
    ORDER BY ts_rank({_PLAIN_DOCUMENT}, plainto_tsquery('arabic', %(q)s)) DESC,
      published_at DESC, id DESC
    LIMIT {PAGE_SIZE}
"""


def stories():
    return json.loads((HERE / "stories.json").read_text(encoding="utf-8"))["stories"]


def queries():
    return json.loads((HERE / "queries.json").read_text(encoding="utf-8"))["queries"]


def _photo():
    """A small JPEG for the stories' main photo (every story must have one)."""
    from PIL import Image as PillowImage

    out = io.BytesIO()
    PillowImage.new("RGB", (160, 90), "teal").save(out, "JPEG")
    return out.getvalue()


def load(stories):
    """Store `stories` as the newsroom does: each saved through the model (which indexes
    it), then tagged through its tag manager, as the admin saves a story and then its
    tags; and the equivalent terms the site starts with (the demo's starter list,
    articles/demo/synonyms.json). Returns {primary key: the story's id in the set}."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from articles.demo import read_json
    from articles.models import Article, Image
    from articles.search.synonyms import add_groups
    from categories.models import Category

    add_groups(read_json("synonyms.json")["groups"])
    photo = Image(
        file=SimpleUploadedFile("relevance.jpg", _photo(), content_type="image/jpeg"),
        alt_text="صورة تجريبية",
        credit="خبرين",
    )
    photo.save()
    sections, ids = {}, {}
    for story in stories:
        name = story["section"]
        if name not in sections:
            sections[name], _ = Category.objects.get_or_create(name=name)
        article = Article(
            title=story["title"],
            summary=story["summary"],
            body=story["body"],
            category=sections[name],
            main_image=photo,
            status=Article.Status.PUBLISHED,
            published_at=datetime.fromisoformat(story["published_at"]),
        )
        article.save()
        article.tags.set(story["tags"])
        ids[article.pk] = story["id"]
    return ids


def ours(q):
    """What /search/?q=… lists: SearchView's own queryset, counted and its first page
    fetched as the paginator does. Returns (primary keys in order, how many matched)."""
    from django.test import RequestFactory

    from articles.views import SearchView

    view = SearchView()
    view.setup(RequestFactory().get("/search/", {"q": q}))
    results = view.get_queryset()
    count = results.count()
    return [article.pk for article in results[:PAGE_SIZE]], count


def plain(q):
    """Plain `to_tsvector('arabic', …) @@ plainto_tsquery('arabic', q)` over headline,
    standfirst and body, ranked by ts_rank. Returns (primary keys in order, how many)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(PLAIN_SQL, {"q": q})
        rows = cursor.fetchall()
    return [pk for pk, _ in rows], (rows[0][1] if rows else 0)


@dataclass
class Run:
    """One query through one search: the set's ids of what it found, in order."""

    query: dict
    found: list
    count: int
    ms: float

    @property
    def relevant(self):
        return set(self.query["relevant"])

    @property
    def missed(self):
        """The relevant stories not in the top 10, in the query's order."""
        top = set(self.found[:10])
        return [story for story in self.query["relevant"] if story not in top]

    @property
    def intruders(self):
        """The stories in the top 5 not judged relevant: words merged that should not."""
        return [story for story in self.found[:5] if story not in self.relevant]


def run(search, query_list, ids, rounds=1):
    """Each query of `query_list` through `search` (ours or plain); its time is the
    median of `rounds` runs."""
    runs = []
    for query in query_list:
        times = []
        for _ in range(rounds):
            start = time.perf_counter()
            pks, count = search(query["q"])
            times.append((time.perf_counter() - start) * 1000)
        runs.append(Run(query, [ids[pk] for pk in pks], count, statistics.median(times)))
    return runs


@dataclass
class Scores:
    recall_at_10: float
    precision_at_5: float
    best_precision_at_5: float
    mrr: float
    answerable: int
    answerable_empty: int
    no_answer: int
    no_answer_results: int
    no_answer_noisy: int
    median_ms: float


def score(runs):
    """The set's measures over `runs`. Recall, precision and MRR average the answerable
    queries; precision@5 divides by 5 whatever the query, so a query with two relevant
    stories scores 0.4 at best (best_precision_at_5 is the set's ceiling); MRR takes the
    first relevant story in the top 10."""
    answerable = [run for run in runs if run.relevant]
    no_answer = [run for run in runs if not run.relevant]

    def reciprocal_rank(run):
        ranks = [rank for rank, story in enumerate(run.found[:10], 1) if story in run.relevant]
        return 1 / ranks[0] if ranks else 0.0

    return Scores(
        recall_at_10=statistics.fmean(
            len(run.relevant & set(run.found[:10])) / len(run.relevant) for run in answerable
        ),
        precision_at_5=statistics.fmean(
            len(run.relevant & set(run.found[:5])) / 5 for run in answerable
        ),
        best_precision_at_5=statistics.fmean(min(5, len(run.relevant)) / 5 for run in answerable),
        mrr=statistics.fmean(map(reciprocal_rank, answerable)),
        answerable=len(answerable),
        answerable_empty=sum(1 for run in answerable if not run.count),
        no_answer=len(no_answer),
        no_answer_results=sum(run.count for run in no_answer),
        no_answer_noisy=sum(1 for run in no_answer if run.count),
        median_ms=statistics.median(run.ms for run in runs),
    )
