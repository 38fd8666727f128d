"""Where a page's time goes, for `bench.py --explain` and `bench.py --profile`: the query
plans of each page's SQL, and a profile of rendering it afresh."""

import time
import urllib.parse

# A reader's queries of each shape the search treats differently (articles/search/query.py):
# a word in a third of the stories, a rarer one, one with equivalent terms, two words that
# must both be there, a long query ranked by how many of its words a story holds, nonsense.
SEARCHES = [
    ("a common word", "جامعة"),
    ("a rarer word", "الإعلام"),
    ("a word with equivalents", "أسعار"),
    ("two words", "أسعار النفط"),
    ("six words", "ارتفاع أسعار الذهب والنفط في أسواق الخليج"),
    ("no such word", "زقزقلوب"),
]


def explain(pages):
    """EXPLAIN (ANALYZE, BUFFERS) of each query the listing pages and search make, first and
    deep pages."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from articles.models import Article
    from lib.pagination import MAX_PAGES

    author = Article.objects.published().values_list("authors__username", flat=True).first()
    urls = [(name, url) for name, url in pages if name != "feed" and url is not None]
    for name, url in list(urls):
        if name in ("home", "section", "tag"):
            urls.append((f"{name}, page {MAX_PAGES}", f"{url}?page={MAX_PAGES}"))
    urls.append(("author", f"/author/{author}/"))
    if any(name == "search" for name, _ in urls):
        urls += [
            (f"search, {shape}", f"/search/?q={urllib.parse.quote(words)}")
            for shape, words in SEARCHES
        ]
    client = Client(HTTP_HOST="127.0.0.1")
    for name, url in urls:
        with override_settings(PAGE_CACHE_SECONDS=0):
            client.get(url)  # the process and PostgreSQL's buffers warmed, as in service
            took = []
            for _ in range(3):
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as sql:
                    status = client.get(url).status_code
                took.append(1000 * (time.perf_counter() - started))
        print(
            f"\n=== {name}: {urllib.parse.unquote(url)} ({status}, {len(sql)} queries,"
            f" page rendered in {min(took):.0f} ms, best of 3)"
        )
        with connection.cursor() as cursor:
            for query in sql.captured_queries:
                print(f"\n-- {query['sql'][:2000]}")
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
                print("\n".join(row[0] for row in cursor.fetchall()))


def profile(pages, renders=20, top=25):
    """Where rendering each page afresh spends its time: cProfile over `renders` requests
    (after one to warm the process), the `top` functions by cumulative and by own time."""
    import cProfile
    import io
    import pstats

    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    client = Client(HTTP_HOST="127.0.0.1")
    for name, url in pages:
        if url is None:
            continue
        with override_settings(PAGE_CACHE_SECONDS=0):
            client.get(url)
            profiler = cProfile.Profile()
            started_at = time.perf_counter()
            profiler.enable()
            for _ in range(renders):
                client.get(url)
            profiler.disable()
        per_render = (time.perf_counter() - started_at) / renders * 1000
        print(
            f"\n=== {name}: {urllib.parse.unquote(url)}: {per_render:.1f} ms a render "
            f"under the profiler, {renders} renders"
        )
        for order in ("cumulative", "tottime"):
            output = io.StringIO()
            stats = pstats.Stats(profiler, stream=output).strip_dirs().sort_stats(order)
            stats.print_stats(top)
            print(f"--- by {order}")
            print(output.getvalue().split("\n", 6)[-1].rstrip())
    connection.close()
