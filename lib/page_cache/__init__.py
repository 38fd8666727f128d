"""The full-page cache for anonymous readers: pages are retired by key, never served stale.

Every reader page names what it shows as *page keys* in its `Surrogate-Key` header
(`story:123 photo:9 tag:45 home navigation` …): the views add the keys of what they show,
and the middleware adds those of what every page shows (settings.PAGE_CACHE_EVERY_PAGE_KEYS:
`navigation`, the header and footer, and `breaking`, the breaking bar) and, on a 404,
`not-found`. A change a reader could see *retires* the keys of what it changed, once
its transaction commits (`retire_after_commit`); a page is served from the cache only
while none of its keys has been retired since it began rendering. A draft saved, a photo
no live story uses, a story five years old re-saved: each retires its own keys, and every
other page stays cached.

How a retirement reaches a page, without a race: a counter (`SEQUENCE_KEY`) goes up by
one for each retirement, and each key retired remembers the counter's value. A page is
stored with the value read *before* it read anything from the database; it is current
while every key it names holds a value no greater. A change that commits while a page is
rendering therefore always outdates that page, whatever the timing.

Scheduled publication needs no cron job: the cache knows when the next scheduled story
comes due, and the first reader request after that moment retires the keys of the
stories that came due (their listings, not the whole site) before anything is served.
The same holds for whatever else leaves at a set time (settings.PAGE_CACHE_SCHEDULED_MODELS:
a story at the end of its display, a breaking line at its expiry).

A page is cached once for everyone: query parameters that no page reads (utm_source,
fbclid, …), a reader's cookies and their browser's language make no copies of their own.
Whatever is shown to someone signed in is kept by no cache at all, shared or their own.
The same keys go out as `Cache-Tag`, and page_cache.cdn purges them from a CDN.

Modules: `keys` (naming and retiring keys, scheduled publication), `models` (the
ShownToReaders base whose saves and deletes retire keys), `middleware` (storing and
serving pages), `cdn` (purging a CDN by key), `replicas` (reading a replica only once it
has caught up with the retirements).
"""
