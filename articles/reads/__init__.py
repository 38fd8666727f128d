"""Most read ("الأكثر قراءة"): reads counted without cookies, stored addresses or
uncacheable pages, and the block of the top five of the last 24 hours.

- counting: who is a reader (no bots), one read per reader per story per hour through
  a salted hash that rotates daily, hourly counters in Redis, the top stories;
- views: the endpoint our own script's beacon and the no-JS image call.

The story page stays a cached page like any other: the read is counted by a separate,
uncached request (static/js/reads.js, or the <noscript> image).
"""
