import os
import uuid

import pytest
from django.core.cache import cache

from lib.page_cache.middleware import local_copies

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/14")


@pytest.fixture
def key_prefix():
    """A prefix of this test's own, so that tests never see each other's keys."""
    return f"test-{uuid.uuid4().hex}"


def require_redis(backend):
    """Skip without Redis, except under CI, where a missing Redis is a failure."""
    try:
        backend.set("ping", "pong", 5)
    except Exception as error:  # noqa: BLE001 - any connection failure means no Redis
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable: {error}")
        pytest.skip(f"Redis is not reachable: {error}")


@pytest.fixture
def redis_page_cache(settings, key_prefix):
    """Pages cached in the real Redis (127.0.0.1:6379), under a prefix of this test's own."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": key_prefix,
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": key_prefix,
        },
    }
    settings.PAGE_CACHE_SECONDS = 300
    require_redis(cache)
    local_copies.clear()
    yield
    local_copies.clear()
