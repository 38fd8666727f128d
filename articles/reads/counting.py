"""Counting reads in Redis, and reading the most read stories back.

A reader is a hash of their address and browser (User-Agent) with a salt that is drawn at
random for each day and kept in Redis only until the next day's: no cookie, no address
stored, and yesterday's hashes cannot be linked to today's once the salt is gone. A read
counts once per reader, story and hour (a key with the hour's time to live), into the
hour's counter of reads by story (a sorted set kept 25 hours). The top stories of the
last 24 hours are the union of the 24 hourly counters, worked out at most every
MOST_READ_SECONDS and kept in the cache meanwhile.

Without Redis (the local-memory cache of `make run`), the same steps use Django's cache
API: enough for one process and a demo, not for production.
"""

import hashlib
import re
import secrets
from datetime import UTC, timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

HOUR = 60 * 60
# Keys in the default cache (their names take its KEY_PREFIX).
SALT_KEY = "reads:salt:{day}"
SEEN_KEY = "reads:seen:{digest}"
HOUR_KEY = "reads:hour:{hour}"
TOP_KEY = "reads:top"
# How many of the top stories are kept: more than the block shows, since some may have
# been unpublished since they were counted.
TOP_KEPT = 20
# Known crawlers, link previewers, monitors and tools; and a missing User-Agent.
BOTS = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|monitor|"
    r"lighthouse|pagespeed|headless|phantom|python|curl|wget|httpclient|okhttp|go-http|"
    r"java/|libwww|scrapy|feed|rss",
    re.IGNORECASE,
)


def is_a_bot(request):
    agent = request.headers.get("User-Agent", "")
    prefetch = request.headers.get("Sec-Purpose", "") or request.headers.get("Purpose", "")
    return not agent or bool(BOTS.search(agent)) or "prefetch" in prefetch.lower()


def _redis():
    """The default cache's Redis client (Django's own backend), or None."""
    if settings.CACHES["default"]["BACKEND"] != "django.core.cache.backends.redis.RedisCache":
        return None
    return cache._cache.get_client(write=True)


def _hour(moment):
    return moment.astimezone(UTC).strftime("%Y%m%d%H")


# This process's copy of the day's salt: it is the same all day in every process, so each
# reads it from the cache once a day, not on every read (two round trips saved). After a
# flush of Redis, a process holding the old one may count a reader once more that day.
_salts = {}


def daily_salt(day):
    """The day's salt: drawn by the first read of the day, forgotten after the next."""
    salt = _salts.get(day)
    if salt is None:
        key = SALT_KEY.format(day=day.isoformat())
        cache.add(key, secrets.token_hex(16), timeout=2 * 24 * HOUR)
        salt = cache.get(key)
        if salt is None:
            return ""  # the cache is down: nothing will be counted anyway
        _salts.clear()  # yesterday's goes
        _salts[day] = salt
    return salt


def reader_digest(address, agent, story_id, now):
    salt = daily_salt(now.astimezone(UTC).date())
    text = f"{salt}\n{address}\n{agent}\n{story_id}"
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def first_read_this_hour(address, agent, story_id, now=None):
    """Whether this reader has not read this story in the last hour (and now has)."""
    now = now or timezone.now()
    digest = reader_digest(address, agent, story_id, now)
    return cache.add(SEEN_KEY.format(digest=digest), 1, timeout=HOUR)


def add_read(story_id, now=None):
    """One more read of the story in this hour's counter."""
    now = now or timezone.now()
    key = HOUR_KEY.format(hour=_hour(now))
    client = _redis()
    if client is not None:
        name = cache.make_key(key)
        with client.pipeline(transaction=False) as pipe:
            pipe.zincrby(name, 1, str(story_id))
            pipe.expire(name, 25 * HOUR)
            pipe.execute()
        return
    counts = cache.get(key, {})
    counts[story_id] = counts.get(story_id, 0) + 1
    cache.set(key, counts, 25 * HOUR)


def top_of_last_day(now=None, limit=TOP_KEPT):
    """[(story id, reads)] of the last 24 hours (this hour and the 23 before), the most
    read first."""
    now = now or timezone.now()
    hours = [HOUR_KEY.format(hour=_hour(now - timedelta(hours=back))) for back in range(24)]
    client = _redis()
    if client is not None:
        # Added up where the counters are; only the top comes back.
        total = cache.make_key(f"reads:total:{secrets.token_hex(8)}")
        with client.pipeline(transaction=False) as pipe:
            pipe.zunionstore(total, [cache.make_key(key) for key in hours])
            pipe.zrevrange(total, 0, limit - 1, withscores=True)
            pipe.delete(total)
            ranked = pipe.execute()[1]
        return [(int(member), int(score)) for member, score in ranked]
    totals = {}
    for counts in cache.get_many(hours).values():
        for pk, reads in counts.items():
            totals[pk] = totals.get(pk, 0) + reads
    return sorted(totals.items(), key=lambda row: (-row[1], -row[0]))[:limit]


def most_read_ids(now=None):
    """The ids of the most read stories, as last worked out (at most MOST_READ_SECONDS
    ago): a reader's request never adds up 24 hours of counters."""
    ids = cache.get(TOP_KEY)
    if ids is None:
        ids = [pk for pk, _ in top_of_last_day(now)]
        cache.set(TOP_KEY, ids, settings.MOST_READ_SECONDS)
    return ids
