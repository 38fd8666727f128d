"""The full-page cache for anonymous readers, which never serves a stale page.

Cached pages live under a *generation*: every change a reader could see starts a
new one (`content_changed()`, called by the models once the change commits), so
the next request to any page renders afresh. A page is also never kept past the
next scheduled publication: the generation records when that is and moves on by
itself at that moment, without a cron job.

A page is cached once for everyone: query parameters that no page reads (utm_source,
fbclid, …), a reader's cookies and their browser's language make no copies of their own.
Whatever is shown to someone signed in is kept by no cache at all, shared or their own.
"""

import time
import uuid

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.middleware.cache import CacheMiddleware
from django.utils.cache import (
    add_never_cache_headers,
    cc_delim_re,
    patch_cache_control,
    set_response_etag,
)

# Pages live in their own cache (settings.CACHES), the generation in the default one.
PAGE_CACHE_ALIAS = "pages"
GENERATION_KEY = "pages:generation"
NEXT_PUBLICATION_KEY = "pages:next-publication"
SKIPPED_PREFIXES = ("/admin/", "/ckeditor5/", "/media/", "/static/")
# A generation that outlives every page cached under it is simply started again.
GENERATION_SECONDS = 24 * 60 * 60
# The query parameters reader pages read: a list's page, a sitemap's page (Django's sitemap
# views call it "p") and the search. Any other changes nothing on a page, so a cached page
# is looked up, rendered and stored without it (deploy/nginx.conf keys on these too).
PAGE_PARAMETERS = ("page", "p", "q")


def start_new_generation():
    next_publication = apps.get_model("articles", "Article").objects.next_publication_time()
    state = {
        GENERATION_KEY: uuid.uuid4().hex,
        NEXT_PUBLICATION_KEY: next_publication.timestamp() if next_publication else 0,
    }
    cache.set_many(state, timeout=GENERATION_SECONDS)
    return state[GENERATION_KEY], state[NEXT_PUBLICATION_KEY]


def content_changed():
    """Retire every cached page once the current transaction commits."""
    transaction.on_commit(start_new_generation)


class ContentQuerySet(models.QuerySet):
    """A bulk delete (the admin's delete action) retires cached pages too."""

    def delete(self):
        deleted = super().delete()
        content_changed()
        return deleted


def is_for_a_reader(request):
    """A GET or HEAD of a reader page by someone without a session (staff have one)."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "Authorization" not in request.headers
        and not request.path.startswith(SKIPPED_PREFIXES)
    )


def is_signed_in(request):
    """Whether the request comes from someone signed in, or signing in.

    A session cookie is enough: only the newsroom has one (readers never sign in), the page
    cache and nginx already treat it so, and it is known before the session is read, even
    for a request refused before the session middleware (a 400).
    """
    user = getattr(request, "user", None)
    return settings.SESSION_COOKIE_NAME in request.COOKIES or (
        user is not None and user.is_authenticated
    )


def make_private(response):
    """No cache, shared or the browser's own, keeps this response.

    Whatever Cache-Control it had goes first: Django's cache middleware and this one mark
    reader pages public, and a 404 or a reader page shown to staff must not stay so.
    """
    del response["Cache-Control"]
    del response["Expires"]
    add_never_cache_headers(response)  # private, no-store, no-cache, max-age=0


def page_query_string(query_string):
    """`query_string` with only PAGE_PARAMETERS, each once, in that order.

    Each is read as nginx reads $arg_<name>, on which deploy/nginx.conf keys its micro-cache:
    the first `name=` in the query, its name in any case and not percent-decoded. Read any
    other way (Django's request.GET takes the last of several), `/?page=&page=999` would
    put page 999's 404 into nginx's copy of the front page.
    """
    values = {}
    for part in query_string.split("&"):
        name, has_value, value = part.partition("=")
        if has_value and name.lower() in PAGE_PARAMETERS:
            values.setdefault(name.lower(), value)
    return "&".join(f"{name}={values[name]}" for name in PAGE_PARAMETERS if name in values)


def without_vary(response, headers):
    """Takes `headers` (lower case) out of the response's Vary header."""
    kept = [
        header
        for header in cc_delim_re.split(response.get("Vary", ""))
        if header and header.lower() not in headers
    ]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]


def current_generation():
    """(generation, next scheduled publication as a timestamp or 0)."""
    state = cache.get_many([GENERATION_KEY, NEXT_PUBLICATION_KEY])
    generation, next_publication = state.get(GENERATION_KEY), state.get(NEXT_PUBLICATION_KEY)
    if generation is None or (next_publication and time.time() >= next_publication):
        return start_new_generation()
    return generation, next_publication


class ReaderPageCacheMiddleware:
    """Django's cache middleware, keyed by the content generation, for readers only.

    Staff (anyone with a session cookie) always get a fresh page, which no cache may keep;
    so does any request that is not a plain GET or HEAD of a reader page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.PAGE_CACHE_SECONDS <= 0 or not is_for_a_reader(request):
            return self.fresh_page(request)
        generation, next_publication = current_generation()
        request.page_generation = generation
        seconds = settings.PAGE_CACHE_SECONDS
        if next_publication:
            seconds = max(1, min(seconds, int(next_publication - time.time())))
        # The page is looked up, rendered and stored as if only its own parameters had come
        # with it: `?utm_source=x` is the page without it, and its copy is that page's.
        request.META["QUERY_STRING"] = page_query_string(request.META.get("QUERY_STRING", ""))
        vars(request).pop("GET", None)  # read again from QUERY_STRING if it was already read
        page_cache = CacheMiddleware(
            self.page_to_cache,
            page_timeout=seconds,
            key_prefix=f"page:{generation}",
            cache_alias=PAGE_CACHE_ALIAS,
        )
        response = page_cache(request)
        if response.status_code in (200, 301, 304, 404) and "private" not in response.get(
            "Cache-Control", ""
        ):
            patch_cache_control(
                response,
                public=True,
                max_age=seconds,
                s_maxage=seconds,
                stale_while_revalidate=settings.PAGE_STALE_WHILE_REVALIDATE_SECONDS,
            )
        return response

    def fresh_page(self, request):
        """The response from the views, kept by no cache if it was made for someone signed
        in: admin pages, previews of drafts, reader pages and error pages they are shown."""
        response = self.get_response(request)
        if is_signed_in(request):
            make_private(response)
        return response

    def page_to_cache(self, request):
        """A reader's page, as Django's cache middleware is to store it.

        Only requests without a session come here, so no cookie can change the page, though
        the session and CSRF middleware say `Vary: Cookie` all the same; nor can the
        browser's language while the site speaks one. Each left in Vary would keep a copy of
        every page per reader's cookies (`_ga=…`) or languages, here and in nginx. A page
        that sets a cookie is that reader's alone and is never stored.

        Its ETag is worked out here, once, before it is cached: ConditionalGetMiddleware
        (outside this one) answers If-None-Match from it, and would otherwise hash the whole
        page again on every cached request.
        """
        response = self.fresh_page(request)
        if response.cookies:
            make_private(response)
            return response
        ignored = {"cookie"}
        if len(settings.LANGUAGES) == 1:
            ignored.add("accept-language")
        without_vary(response, ignored)
        if not response.streaming and not response.has_header("ETag"):
            set_response_etag(response)
        return response
