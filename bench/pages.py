"""The pages `make bench` measures, picked from the database, and what one request to each
costs in SQL queries and bytes (Django's test client, in this process)."""

import urllib.parse


def pick_pages(args):
    """[(row name, URL or None)] for the pages that exist in this checkout."""
    import django

    django.setup()
    from django.db.models import Count
    from django.urls import NoReverseMatch, reverse

    from articles.models import Article, RelatedLink, TaggedArticle
    from categories.models import Category

    def url_of(name, *arguments):
        try:
            return reverse(name, args=arguments)
        except NoReverseMatch:
            return None

    published = Article.objects.published()
    picks = RelatedLink.objects.filter(kind=RelatedLink.Kind.RELATED).values("article")
    with_picks = published.filter(pk__in=picks).first()
    without_picks = published.exclude(pk__in=picks).first()
    # The section with sub-sections, when there is one: its list spans several sections.
    sections = Category.objects.in_navigation()
    section = sections.filter(children__isnull=False).first() or sections.first()
    tag = (
        TaggedArticle.objects.values("tag__slug")
        .annotate(uses=Count("pk"))
        .order_by("-uses")
        .first()
    )
    # A reader's search: the first word of the benchmarked story's headline.
    word = with_picks.search_text.split("\n")[0].split()[0] if with_picks else None
    search = url_of("articles:search")
    pages = [
        ("home", url_of("home")),
        ("section", section.get_absolute_url() if section else None),
        ("tag", url_of("articles:tag", tag["tag__slug"]) if tag else None),
        ("article", with_picks.get_absolute_url() if with_picks else None),
        ("article, auto related", without_picks.get_absolute_url() if without_picks else None),
        ("search", f"{search}?q={urllib.parse.quote(word)}" if search and word else None),
        ("feed", url_of("feeds:rss")),
        # A read counted (issue 16): never cached, so both modes are the same endpoint;
        # under wrk every request is a new reader (bench/wrk.py, NEW_READERS_SCRIPT).
        ("read beacon", url_of("articles:read", with_picks.pk) if with_picks else None),
    ]
    wanted = {name.strip() for name in args.pages.split(",") if name.strip()}
    if wanted:
        pages = [(name, url) for name, url in pages if name.split(",")[0] in wanted]
    return pages


def count_queries(pages):
    """{(page, mode): SQL queries of one request}, {page: bytes}; pages not 200 are left out."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    # A browser's User-Agent: the read beacon leaves out requests without one (bots).
    client = Client(HTTP_HOST="127.0.0.1", HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64)")
    counts, sizes = {}, {}
    for name, url in pages:
        if url is None:
            continue
        with override_settings(PAGE_CACHE_SECONDS=0), CaptureQueriesContext(connection) as sql:
            response = client.get(url)
        if response.status_code != 200:
            print(f"Leaving out {name} ({url}): it answers {response.status_code}.")
            continue
        sizes[name] = len(response.content)
        counts[name, "uncached"] = len(sql)
        client.get(url)  # into the page cache
        with CaptureQueriesContext(connection) as sql:
            client.get(url)
        counts[name, "cached"] = len(sql)
    connection.close()
    return counts, sizes
