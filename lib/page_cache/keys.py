"""Page keys: how a response names what it shows, and how a change retires them."""

import time
from datetime import UTC, datetime
from functools import partial, wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction

# The keys' state lives in the default cache (the pages in their own, PAGE_CACHE_ALIAS).
SEQUENCE_KEY = "pages:sequence"
RETIRED_KEY = "pages:retired:{}"
NEXT_PUBLICATION_KEY = "pages:next-publication"
PUBLISHING_LOCK_KEY = "pages:publishing"
# A key's retirement only matters to pages stored before it, which live PAGE_CACHE_SECONDS
# at most; a day leaves every margin.
RETIRED_SECONDS = 24 * 60 * 60
# On every page: the header and footer list the sections.
NAVIGATION = "navigation"
NOT_FOUND = "not-found"

# Keys --------------------------------------------------------------------------------


def add_page_keys(response, keys):
    """Names `keys` among what `response` shows (its Surrogate-Key header)."""
    present = response.get("Surrogate-Key", "").split()
    response["Surrogate-Key"] = " ".join(dict.fromkeys([*present, *keys]))
    return response


def with_page_keys(*keys):
    """A view decorator: the view's pages show `keys` (for views of other apps)."""

    def decorator(view):
        @wraps(view)
        def keyed_view(request, *args, **kwargs):
            return add_page_keys(view(request, *args, **kwargs), keys)

        return keyed_view

    return decorator


def page_keys(response):
    return response.get("Surrogate-Key", "").split()


def retire(keys):
    """Outdate every cached page that names any of `keys`, now.

    Call it once the change is committed (`retire_after_commit`): a page rendered before
    the commit would otherwise be stored as current.
    """
    keys = list(dict.fromkeys(keys))
    if not keys:
        return
    from . import cdn, replicas  # they build on this module

    replicas.record_primary_position()
    sequence = next_sequence()
    cache.set_many({RETIRED_KEY.format(key): sequence for key in keys}, RETIRED_SECONDS)
    # Another retirement of the same keys may have counted after this one and written
    # before it: its higher value must not be lost under this one's. A value too high
    # only outdates a page more; so if the counter moved on, write where it is now.
    latest = cache.get(SEQUENCE_KEY)
    if latest is not None and latest > sequence:
        cache.set_many({RETIRED_KEY.format(key): latest for key in keys}, RETIRED_SECONDS)
    cdn.purge(keys)


def retire_after_commit(keys):
    keys = list(keys)
    if keys:
        transaction.on_commit(partial(retire, keys))


def retire_everything():
    """Every page shows the navigation: a change to it (or a bulk load) retires them all."""
    retire([NAVIGATION])


def start_sequence():
    """Start the counter if it is missing (a new Redis, or evicted): from the clock in
    milliseconds, beyond any value a retirement could have reached before."""
    cache.add(SEQUENCE_KEY, int(time.time() * 1000), timeout=None)


def next_sequence():
    try:
        return cache.incr(SEQUENCE_KEY)
    except ValueError:
        start_sequence()
        return cache.incr(SEQUENCE_KEY)


def current_sequence(sequence):
    """The counter as read (`sequence`), or started if it was missing."""
    if sequence is None:
        start_sequence()
        sequence = cache.get(SEQUENCE_KEY)
    return sequence


# Scheduled publication ---------------------------------------------------------------
#
# The models whose rows come due are named by settings.PAGE_CACHE_SCHEDULED_MODELS (as
# AUTH_USER_MODEL names the users): each one's QuerySet answers `next_publication_time()`
# (a datetime or None: when its rows next change what readers see, by arriving or by
# leaving) and `came_due_since(moment)`, whose rows give `listing_keys()`.


def scheduled_models():
    return [apps.get_model(name) for name in settings.PAGE_CACHE_SCHEDULED_MODELS]


def schedule_changed():
    """A story was scheduled, rescheduled or unscheduled (or given an end, or a breaking
    line an expiry): learn the next due time anew."""
    transaction.on_commit(lambda: cache.delete(NEXT_PUBLICATION_KEY))


def next_publication(due_ms):
    """When the next scheduled story comes due, as a timestamp (0: none is scheduled),
    from the stored value in milliseconds (`due_ms`, None if unknown)."""
    if due_ms is None:
        due_ms = _store_next_publication()
    return due_ms / 1000


def _store_next_publication():
    times = (model.objects.next_publication_time() for model in scheduled_models())
    due = min(filter(None, times), default=None)
    # Whole milliseconds: the cache keeps whole numbers as they are, readable by a script.
    due_ms = int(due.timestamp() * 1000) if due else 0
    cache.set(NEXT_PUBLICATION_KEY, due_ms, RETIRED_SECONDS)
    return due_ms


def publish_due(moment):
    """Retire the keys of the rows (stories) that came due at `moment` or since.

    Returns False if another request is doing it right now: that request's reader pages
    are rendered afresh and not stored meanwhile.
    """
    if not cache.add(PUBLISHING_LOCK_KEY, 1, timeout=30):
        return False
    try:
        since = datetime.fromtimestamp(moment, tz=UTC)
        retire(
            key
            for model in scheduled_models()
            for row in model.objects.came_due_since(since)
            for key in row.listing_keys()
        )
        _store_next_publication()
        return True
    finally:
        cache.delete(PUBLISHING_LOCK_KEY)
