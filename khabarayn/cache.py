"""Cache backends: Django's Redis backend with one client per connection pool, and the
page cache's, which also keeps a copy of what each process read or wrote.

Django's Redis backend makes a new redis.Redis object for every command, and redis-py
fills some 160 response callbacks into each: about 0.1 ms, as much as the round trip to
Redis. One client per connection pool (redis-py's clients are thread-safe) saves it.

A page served from Redis costs three round trips (the content generation, the page's
header list, the page); from the process's own copy it costs one, the generation, which
is what keeps it from ever being stale. Pages are keyed by generation
(khabarayn.page_cache), so a copy never needs to be told that its page changed: once the
generation moves on, nothing asks for it again and it ages out.

Only get, set, delete and clear keep the copies in step, which is all Django's cache
middleware uses: this backend is for the page cache alone.
"""

import pickle
import threading

from cachetools import TLRUCache
from django.core.cache.backends import redis as django_redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT

_MISSING = object()


class LocalCopies:
    """Pickled values in this process's memory, up to `max_bytes`, each for its own time.

    Values are kept pickled so that every reader gets its own object: a response is
    changed on its way out (headers), and threads share this store.
    """

    def __init__(self, max_bytes):
        self._values = TLRUCache(
            maxsize=max_bytes,
            ttu=lambda key, value, now: now + value[0],
            getsizeof=lambda value: len(value[1]),
        )
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            found = self._values.get(key)
        return _MISSING if found is None else pickle.loads(found[1])

    def put(self, key, value, seconds):
        if not seconds or seconds <= 0:
            self.delete(key)
            return
        pickled = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        with self._lock:
            try:
                self._values[key] = (seconds, pickled)
            except ValueError:  # larger than the whole store
                self._values.pop(key, None)

    def delete(self, key):
        with self._lock:
            self._values.pop(key, None)

    def clear(self):
        with self._lock:
            self._values.clear()


class ReusedClientRedisCacheClient(django_redis.RedisCacheClient):
    """Django's Redis client wrapper, keeping one redis.Redis per connection pool."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._clients_lock = threading.Lock()

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            with self._clients_lock:
                client = self._clients.setdefault(id(pool), self._client(connection_pool=pool))
        return client


class RedisCache(django_redis.RedisCache):
    """Django's Redis backend, with a client per connection pool rather than per command."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient


class LocalFirstRedisCache(RedisCache):
    """Django's Redis backend, read through a copy in this process's memory.

    OPTIONS take, besides the Redis client's own, LOCAL_MAX_BYTES (the memory for copies
    in each process, 64 MiB by default) and LOCAL_SECONDS (how long a value read from
    Redis is kept, 30 by default; a value this process writes is kept as long as Redis
    keeps it, up to that).
    """

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.local_seconds = int(options.pop("LOCAL_SECONDS", 30))
        self.local = LocalCopies(int(options.pop("LOCAL_MAX_BYTES", 64 * 1024 * 1024)))
        super().__init__(server, {**params, "OPTIONS": options})

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        value = self.local.get(key)
        if value is _MISSING:
            value = self._cache.get(key, _MISSING)
            if value is _MISSING:
                return default
            self.local.put(key, value, self.local_seconds)
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        timeout = self.get_backend_timeout(timeout)
        self._cache.set(key, value, timeout)
        local_seconds = self.local_seconds if timeout is None else min(timeout, self.local_seconds)
        self.local.put(key, value, local_seconds)

    def delete(self, key, version=None):
        self.local.delete(self.make_and_validate_key(key, version=version))
        return super().delete(key, version=version)

    def clear(self):
        self.local.clear()
        return super().clear()
