"""Who has a story's form open, and since when: a record in the cache per story.

The form's heartbeat (every HEARTBEAT_SECONDS while it is open) refreshes its person's
entry; an entry not refreshed for PRESENCE_SECONDS is gone, so a closed tab stops
counting a minute or so after it closed (sooner when the page says it is leaving).

Two heartbeats of the same story at the same instant can each write the record without
the other's entry; the one left out is back at its next heartbeat. Nothing depends on
the record but the banner: the stale-save refusal (ArticleAdminForm.clean) stays the rule.
"""

from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

from ..bylines import person_name

HEARTBEAT_SECONDS = 30
# Past two missed heartbeats, and past the minute a browser may stretch a hidden tab's
# timers to.
PRESENCE_SECONDS = 75


def _key(article):
    return f"editing:story:{article.pk}"


def _live(entries, now):
    horizon = now - timedelta(seconds=PRESENCE_SECONDS)
    return {pk: entry for pk, entry in entries.items() if entry["seen"] > horizon}


def arrive(article, user):
    """`user` has the story's form open (again): record it, keeping when they came."""
    now = timezone.now()
    entries = _live(cache.get(_key(article)) or {}, now)
    entry = entries.get(user.pk) or {
        "name": person_name(user),
        "since": now,
    }
    entries[user.pk] = {**entry, "seen": now}
    cache.set(_key(article), entries, PRESENCE_SECONDS)


def leave(article, user):
    entries = _live(cache.get(_key(article)) or {}, timezone.now())
    if entries.pop(user.pk, None) is not None:
        cache.set(_key(article), entries, PRESENCE_SECONDS)


def others(article, user):
    """[{"name", "since"}, …]: the colleagues with the story open, longest first."""
    entries = _live(cache.get(_key(article)) or {}, timezone.now())
    return sorted(
        (entry for pk, entry in entries.items() if pk != user.pk), key=lambda e: e["since"]
    )
