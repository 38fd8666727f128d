"""Search relevance: `make bench-search`.

Loads the relevance set (tests/search/relevance/: stories written for it, and readers'
queries with the stories judged relevant) into a fresh PostgreSQL database of its own,
through the models, so that every story is indexed as the site indexes it. Then it runs
every query through reader search (SearchView's queryset, as /search/ runs it) and through
plain `to_tsvector('arabic', …) @@ plainto_tsquery('arabic', …)` ranked by ts_rank, and
prints for both: recall@10, precision@5, MRR, the answerable queries that found nothing,
what the no-answer queries found, and the median time of a search; then, query by query,
the relevant stories each left out of its top 10.

Needs PostgreSQL on 127.0.0.1 (bench.environment.SERVER); the database
(khabarayn_bench_search, or --database) is dropped and made again on every run, and
dropped at the end unless --keep. Django runs with production settings, a local-memory
cache and photos in a temporary folder.
"""

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.environment import SERVER  # noqa: E402


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="khabarayn_bench_search")
    parser.add_argument(
        "--rounds", type=int, default=5, help="runs of each query; its time is their median"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    return parser.parse_args()


def recreate(database, drop_only=False):
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        if not drop_only:
            connection.execute(f'CREATE DATABASE "{database}"')


def setup_django(database, media):
    for variable in ("CACHE_URL", "REDIS_URL", "PAGE_CACHE_URL", "DATABASE_REPLICA_URL"):
        os.environ.pop(variable, None)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="khabarayn.settings",
        DEBUG="0",
        SECRET_KEY=os.environ.get("SECRET_KEY") or "bench-only-secret-key-" + "x" * 40,
        DATABASE_URL=f"{SERVER}/{database}",
        MEDIA_ROOT=str(media),
        PAGE_CACHE_SECONDS="0",
        LOG_LEVEL="WARNING",
    )
    import django

    django.setup()


def print_report(relevance, queries, stories, ours, plain):
    scores = {"ours": relevance.score(ours), "plain": relevance.score(plain)}
    first = scores["ours"]
    print(
        f"Search relevance: {len(stories)} stories, {len(queries)} queries "
        f"({first.answerable} answerable, {first.no_answer} with no answer)"
    )
    print("ours: reader search (/search/); plain: to_tsvector('arabic', …) @@ plainto_tsquery")
    print()
    rows = [
        ("recall@10", lambda s: f"{s.recall_at_10:.3f}"),
        (
            f"precision@5 (best possible {first.best_precision_at_5:.3f})",
            lambda s: f"{s.precision_at_5:.3f}",
        ),
        ("MRR (first relevant in the top 10)", lambda s: f"{s.mrr:.3f}"),
        ("answerable queries with no result", lambda s: f"{s.answerable_empty}/{s.answerable}"),
        (
            "results for the no-answer queries",
            lambda s: f"{s.no_answer_results} ({s.no_answer_noisy}/{s.no_answer} queries)",
        ),
        ("median ms per search (count + page)", lambda s: f"{s.median_ms:.2f}"),
    ]
    print(f"{'':40}{'ours':>16}{'plain':>16}")
    for label, show in rows:
        print(f"{label:40}{show(scores['ours']):>16}{show(scores['plain']):>16}")
    print()
    print("Relevant stories not in the top 10 (ids of tests/search/relevance/stories.json):")
    print(f"{'query':>5}  {'ours':22}{'plain':22}what was typed")
    for mine, theirs in zip(ours, plain, strict=True):
        if not mine.relevant:
            continue
        if mine.missed or theirs.missed:
            print(
                f"{mine.query['id']:>5}  {_ids(mine.missed):22}{_ids(theirs.missed):22}"
                f"{mine.query['q']!r}"
            )
    print()
    print("Stories not judged relevant in the top 5 of a query that has relevant ones:")
    print(f"{'query':>5}  {'ours':22}{'plain':22}what was typed")
    for mine, theirs in zip(ours, plain, strict=True):
        if mine.relevant and (mine.intruders or theirs.intruders):
            print(
                f"{mine.query['id']:>5}  {_ids(mine.intruders):22}{_ids(theirs.intruders):22}"
                f"{mine.query['q']!r}"
            )
    noisy = [(mine, theirs) for mine, theirs in zip(ours, plain, strict=True) if not mine.relevant]
    noisy = [(mine, theirs) for mine, theirs in noisy if mine.count or theirs.count]
    if noisy:
        print()
        print("No-answer queries that found something (how many stories):")
        for mine, theirs in noisy:
            print(f"{mine.query['id']:>5}  {mine.count:<22}{theirs.count:<22}{mine.query['q']!r}")


def _ids(stories):
    return ", ".join(map(str, stories)) if stories else "-"


def main():
    args = parse_args()
    work = Path(tempfile.mkdtemp(prefix="khabarayn-bench-search-"))
    recreate(args.database)
    try:
        setup_django(args.database, work / "media")
        from django.core.management import call_command

        from tests.search import relevance

        call_command("migrate", "--noinput", verbosity=0)
        stories, queries = relevance.stories(), relevance.queries()
        ids = relevance.load(stories)
        for search in (relevance.ours, relevance.plain):  # warm up: caches, first queries
            relevance.run(search, queries, ids)
        ours = relevance.run(relevance.ours, queries, ids, args.rounds)
        plain = relevance.run(relevance.plain, queries, ids, args.rounds)
        print_report(relevance, queries, stories, ours, plain)
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            recreate(args.database, drop_only=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
