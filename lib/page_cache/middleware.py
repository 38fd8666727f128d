"""The middleware that keeps readers' pages, and what it needs to read and store them."""

import hashlib
import random
import threading
import time
from typing import NamedTuple

import redis
from cachetools import TLRUCache
from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import (
    add_never_cache_headers,
    cc_delim_re,
    patch_cache_control,
    set_response_etag,
)

from .keys import (
    NAVIGATION,
    NEXT_PUBLICATION_KEY,
    NOT_FOUND,
    RETIRED_KEY,
    SEQUENCE_KEY,
    add_page_keys,
    current_sequence,
    next_publication,
    page_keys,
    publish_due,
)

# Pages live in their own cache (settings.CACHES).
PAGE_CACHE_ALIAS = "pages"
SKIPPED_PREFIXES = ("/admin/", "/ckeditor5/", "/media/", "/static/")
# The query parameters reader pages read: a list's page, a sitemap's page (Django's sitemap
# views call it "p") and the search. Any other changes nothing on a page, so a cached page
# is looked up, rendered and stored without it (deploy/nginx.conf keys on these too).
PAGE_PARAMETERS = ("page", "p", "q")
STORED_STATUSES = (200, 301, 404)
# Pages rendered together (a cold start, a key that many pages name retired) would all
# expire together and be rendered again in one burst that readers queue behind: each page
# is kept for its lifetime less a random part of up to this share of it, so the renders
# that expiry brings spread out over time.
LIFETIME_SPREAD = 0.25


# Requests ------------------------------------------------------------------------------


def is_for_a_reader(request):
    """A GET or HEAD of a reader page by someone without a session (staff have one), at
    an address the cache may keep (not settings.PAGE_CACHE_UNCACHED_PREFIXES)."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "Authorization" not in request.headers
        and not request.path.startswith(SKIPPED_PREFIXES)
        and not request.path.startswith(
            tuple(getattr(settings, "PAGE_CACHE_UNCACHED_PREFIXES", ()))
        )
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

    Whatever Cache-Control it had goes first: this middleware marks reader pages public,
    and a 404 or a reader page shown to staff must not stay so.
    """
    del response["Cache-Control"]
    del response["Expires"]
    del response["Surrogate-Key"]
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


# Stored pages --------------------------------------------------------------------------


class StoredPage:
    """A page as stored: what it was rendered after (the sequence), its keys, the response.

    Plain values only, so a copy in this process's memory can be handed to every reader
    (each gets a response of its own) and Redis keeps a small pickle.
    """

    __slots__ = ("sequence", "keys", "status", "headers", "content")

    def __init__(self, sequence, keys, status, headers, content):
        self.sequence, self.keys = sequence, keys
        self.status, self.headers, self.content = status, headers, content

    @classmethod
    def of(cls, response, sequence):
        return cls(
            sequence,
            tuple(page_keys(response)),
            response.status_code,
            tuple(response.items()),
            response.content,
        )

    def __getstate__(self):
        return (self.sequence, self.keys, self.status, self.headers, self.content)

    def __setstate__(self, state):
        self.sequence, self.keys, self.status, self.headers, self.content = state

    def response(self):
        response = HttpResponse(self.content, status=self.status)
        for name, value in self.headers:
            response[name] = value
        return response

    def is_current(self, retired):
        """Whether none of its keys was retired after it began rendering (`retired`: the
        retirements of its keys, as stored)."""
        return all(retired.get(RETIRED_KEY.format(key), 0) <= self.sequence for key in self.keys)


class LocalCopies:
    """Stored pages in this process's memory, up to `max_bytes`, each for its own time.

    A copy is never served without checking its keys in the shared cache, so it needs no
    telling when its page changes. It saves the page's round trip to Redis and unpickling
    it: a hit costs one round trip, for the keys.
    """

    def __init__(self, max_bytes):
        self._pages = TLRUCache(
            maxsize=max_bytes,
            ttu=lambda key, value, now: now + value[0],
            getsizeof=lambda value: len(value[1].content) + 1024,
        )
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            found = self._pages.get(key)
        return None if found is None else found[1]

    def put(self, key, page, seconds):
        with self._lock:
            try:
                self._pages[key] = (seconds, page)
            except ValueError:  # larger than the whole store
                self._pages.pop(key, None)

    def clear(self):
        with self._lock:
            self._pages.clear()


local_copies = LocalCopies(settings.PAGE_CACHE_LOCAL_MAX_BYTES)


class PageState(NamedTuple):
    sequence: int | None  # the retirement counter (None: not started)
    due_ms: int | None  # the next scheduled publication (None: unknown, 0: none)
    page_is_current: bool  # no key of the stored page was retired after it rendered


# A stored page names up to a few hundred keys (a feed, the home page). Django's
# get_many() costs about 5 µs a key in Python alone (building and checking each key,
# decoding each value): 1 ms for 150. With the cache in Redis, this script checks them
# where they are, from one argument, and answers with three values whatever their number.
# (It reads keys it is not given as KEYS: fine on one Redis, not on a Redis Cluster.)
CHECK_SCRIPT = """
local sequence = redis.call('GET', KEYS[1])
local due = redis.call('GET', KEYS[2])
local current = 1
if ARGV[1] ~= '' then
  local rendered_after = tonumber(ARGV[1])
  for key in string.gmatch(ARGV[2], '%S+') do
    local retired = redis.call('GET', ARGV[3] .. key)
    if retired and tonumber(retired) > rendered_after then
      current = 0
      break
    end
  end
end
return {sequence, due, current}
"""
_check_scripts = {}


def read_state(page):
    """The counter, the next due time and whether `page` is current: one round trip."""
    backend = caches["default"]
    script = redis_check_script()
    if script is not None:
        sequence, due_ms, current = script(
            keys=[backend.make_key(SEQUENCE_KEY), backend.make_key(NEXT_PUBLICATION_KEY)],
            args=[
                page.sequence if page else "",
                " ".join(page.keys) if page else "",
                backend.make_key(RETIRED_KEY.format("")),
            ],
        )
        return PageState(
            sequence and int(sequence), due_ms and int(due_ms), page is not None and current == 1
        )
    keys = [SEQUENCE_KEY, NEXT_PUBLICATION_KEY]
    keys += [RETIRED_KEY.format(key) for key in page.keys] if page else []
    values = backend.get_many(keys)
    return PageState(
        values.get(SEQUENCE_KEY),
        values.get(NEXT_PUBLICATION_KEY),
        page is not None and page.is_current(values),
    )


def redis_check_script():
    """CHECK_SCRIPT on the default cache's Redis (redis-py's public API), or None if the
    default cache is not Django's Redis backend."""
    options = settings.CACHES["default"]
    if options["BACKEND"] != "django.core.cache.backends.redis.RedisCache":
        return None
    location = options["LOCATION"]
    primary = (location.split(",") if isinstance(location, str) else location)[0]
    script = _check_scripts.get(primary)
    if script is None:
        script = _check_scripts[primary] = redis.Redis.from_url(primary).register_script(
            CHECK_SCRIPT
        )
    return script


def stored_page_key(request):
    address = (
        f"{request.scheme}://{request.get_host()}{request.path}?{request.META['QUERY_STRING']}"
    )
    return "page:" + hashlib.sha256(address.encode()).hexdigest()


def stored_lifetime(seconds):
    """How long a page rendered now is kept: up to `seconds`, at least 1 (LIFETIME_SPREAD)."""
    return max(1, round(seconds * (1 - LIFETIME_SPREAD * random.random())))  # noqa: S311


class ReaderPageCacheMiddleware:
    """Readers' pages from the cache while their keys stand; rendered and stored otherwise.

    Staff (anyone with a session cookie) always get a fresh page, which no cache may keep;
    so does any request that is not a plain GET or HEAD of a reader page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.PAGE_CACHE_SECONDS <= 0 or not is_for_a_reader(request):
            response = self.fresh_page(request)
            if not is_signed_in(request) and response.status_code in STORED_STATUSES:
                self.add_keys(response)
            return response
        # The page is looked up, rendered and stored as if only its own parameters had come
        # with it: `?utm_source=x` is the page without it, and its copy is that page's.
        request.META["QUERY_STRING"] = page_query_string(request.META.get("QUERY_STRING", ""))
        vars(request).pop("GET", None)  # read again from QUERY_STRING if it was already read
        key = stored_page_key(request)
        pages = caches[PAGE_CACHE_ALIAS]
        local_key = pages.make_key(key)
        page = local_copies.get(local_key)
        from_redis = page is None
        if from_redis:
            page = pages.get(key)
        state = read_state(page)
        due = next_publication(state.due_ms)
        storable = True
        if due and time.time() >= due:
            storable = publish_due(due)
            state = read_state(page)
            due = next_publication(state.due_ms)
        seconds = settings.PAGE_CACHE_SECONDS
        if due:
            seconds = max(1, min(seconds, int(due - time.time())))
        if state.page_is_current:
            response = page.response()
            # A copy is kept from when it was fetched, never renewed on use: a page also
            # ages ("how long ago"), and is rendered again PAGE_CACHE_SECONDS after.
            if from_redis:
                local_copies.put(local_key, page, seconds)
        else:
            sequence = current_sequence(state.sequence)
            response = self.page_to_store(request)
            if storable and self.can_store(response):
                page = StoredPage.of(response, sequence)
                lifetime = stored_lifetime(seconds)
                pages.set(key, page, lifetime)
                local_copies.put(local_key, page, lifetime)
        if response.status_code in STORED_STATUSES and "private" not in response.get(
            "Cache-Control", ""
        ):
            patch_cache_control(
                response,
                public=True,
                max_age=seconds,
                s_maxage=seconds,
                stale_while_revalidate=settings.PAGE_STALE_WHILE_REVALIDATE_SECONDS,
            )
            response["Cache-Tag"] = ",".join(page_keys(response))
            # nginx in front (deploy/nginx.conf) cannot be purged by key: it keeps a page
            # for a moment only, which is enough to absorb a burst of readers.
            response["X-Accel-Expires"] = str(settings.PROXY_CACHE_SECONDS)
        return response

    def fresh_page(self, request):
        """The response from the views, kept by no cache if it was made for someone signed
        in: admin pages, previews of drafts, reader pages and error pages they are shown."""
        response = self.get_response(request)
        if is_signed_in(request):
            make_private(response)
        return response

    def add_keys(self, response):
        """What every page shows (settings.PAGE_CACHE_EVERY_PAGE_KEYS: the navigation, and
        whatever else the site puts on every page), and on a 404, `not-found`."""
        every_page = getattr(settings, "PAGE_CACHE_EVERY_PAGE_KEYS", [NAVIGATION])
        add_page_keys(
            response, [*every_page, NOT_FOUND] if response.status_code == 404 else every_page
        )

    def page_to_store(self, request):
        """A reader's page, as it is to be stored.

        Only requests without a session come here, so no cookie can change the page, though
        the session and CSRF middleware say `Vary: Cookie` all the same; nor can the
        browser's language while the site speaks one. Each left in Vary would keep a copy of
        every page per reader's cookies (`_ga=…`) or languages, here and in nginx.

        Its ETag is worked out here, once, before it is stored: ConditionalGetMiddleware
        (outside this one) answers If-None-Match from it, and would otherwise hash the whole
        page again on every cached request.
        """
        response = self.fresh_page(request)
        if response.status_code not in STORED_STATUSES:
            return response
        if response.cookies:  # a page that sets a cookie is that reader's alone
            make_private(response)
            return response
        ignored = {"cookie"}
        if len(settings.LANGUAGES) == 1:
            ignored.add("accept-language")
        without_vary(response, ignored)
        self.add_keys(response)
        if not response.streaming and not response.has_header("ETag"):
            set_response_etag(response)
        return response

    def can_store(self, response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code in STORED_STATUSES
            and not response.streaming
            and not response.cookies
            and not response.has_header("Vary")
            and "private" not in cache_control
            and "no-store" not in cache_control
        )
