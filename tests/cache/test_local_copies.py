"""The cache backends: one Redis client per connection pool, and the page cache's copy of
Redis's values in each process, which hands every reader an object of its own."""

import pytest
from django.http import HttpResponse

from khabarayn.cache import LocalFirstRedisCache
from tests.cache.conftest import REDIS_URL, require_redis


@pytest.fixture
def pages(key_prefix):
    backend = LocalFirstRedisCache(
        REDIS_URL, {"KEY_PREFIX": key_prefix, "OPTIONS": {"LOCAL_MAX_BYTES": 10_000}}
    )
    require_redis(backend)
    return backend


def redis_value(backend, key):
    return backend._cache.get(backend.make_and_validate_key(key), None)


def forget_in_redis(backend, key):
    backend._cache.delete(backend.make_and_validate_key(key))


def test_a_value_read_from_redis_is_then_read_from_the_copy(pages):
    pages.set("page", "الصفحة", 60)
    pages.local.clear()
    assert pages.get("page") == "الصفحة"
    forget_in_redis(pages, "page")
    assert pages.get("page") == "الصفحة"


def test_every_reader_gets_its_own_response(pages):
    pages.set("page", HttpResponse("نص"), 60)
    first = pages.get("page")
    first["X-Changed"] = "yes"
    assert "X-Changed" not in pages.get("page")


def test_delete_and_clear_reach_the_copies(pages):
    pages.set("page", "الصفحة", 60)
    pages.delete("page")
    assert pages.get("page") is None and redis_value(pages, "page") is None
    pages.set("page", "الصفحة", 60)
    pages.clear()
    assert pages.get("page", "none") == "none"


def test_a_value_too_large_for_the_copies_stays_in_redis_only(pages):
    pages.set("big", "x" * 20_000, 60)
    assert pages.get("big") == "x" * 20_000
    forget_in_redis(pages, "big")
    assert pages.get("big") is None


def test_a_zero_timeout_keeps_no_copy(pages):
    pages.set("page", "الصفحة", 0)
    assert pages.get("page") is None


def test_one_redis_client_serves_every_command(pages):
    """Django's backend makes a client per command; ours keeps one per connection pool."""
    assert pages._cache.get_client() is pages._cache.get_client(write=True)
    pages.set("page", "الصفحة", 60)
    pages.local.clear()
    assert pages.get("page") == "الصفحة"
