"""The full-page cache for anonymous readers, which never serves a stale page.

Cached pages live under a *generation*: every change a reader could see starts a
new one (`content_changed()`, called by the models once the change commits), so
the next request to any page renders afresh. A page is also never kept past the
next scheduled publication: the generation records when that is and moves on by
itself at that moment, without a cron job.
"""

import time
import uuid

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.middleware.cache import CacheMiddleware
from django.utils.cache import patch_cache_control, set_response_etag

# Pages live in their own cache (settings.CACHES), the generation in the default one.
PAGE_CACHE_ALIAS = "pages"
GENERATION_KEY = "pages:generation"
NEXT_PUBLICATION_KEY = "pages:next-publication"
SKIPPED_PREFIXES = ("/admin/", "/ckeditor5/", "/media/", "/static/")
# A generation that outlives every page cached under it is simply started again.
GENERATION_SECONDS = 24 * 60 * 60


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


def current_generation():
    """(generation, next scheduled publication as a timestamp or 0)."""
    state = cache.get_many([GENERATION_KEY, NEXT_PUBLICATION_KEY])
    generation, next_publication = state.get(GENERATION_KEY), state.get(NEXT_PUBLICATION_KEY)
    if generation is None or (next_publication and time.time() >= next_publication):
        return start_new_generation()
    return generation, next_publication


class ReaderPageCacheMiddleware:
    """Django's cache middleware, keyed by the content generation, for readers only.

    Staff (anyone with a session cookie) always get a fresh page; so does any
    request that is not a plain GET or HEAD of a reader page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.PAGE_CACHE_SECONDS <= 0 or not is_for_a_reader(request):
            return self.get_response(request)
        generation, next_publication = current_generation()
        request.page_generation = generation
        seconds = settings.PAGE_CACHE_SECONDS
        if next_publication:
            seconds = max(1, min(seconds, int(next_publication - time.time())))
        page_cache = CacheMiddleware(
            self.get_response_with_etag,
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

    def get_response_with_etag(self, request):
        """The page, with its ETag worked out once, before it is cached.

        ConditionalGetMiddleware (outside this one) answers If-None-Match from it, and
        would otherwise hash the whole page again on every cached request.
        """
        response = self.get_response(request)
        if not response.streaming and not response.has_header("ETag"):
            set_response_etag(response)
        return response
