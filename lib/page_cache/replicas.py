"""Readers' pages read from a PostgreSQL replica, when DATABASE_REPLICA_URL names one.

Only a reader's request (a GET or HEAD of a reader page without a session) reads from
the replica; the newsroom, every write, management commands and anything else use the
primary.

A replica lags behind the primary. A page rendered from it just after an editor's change
could show the story as it was, and the page cache would store that page as current.
So each retirement of page keys (lib.page_cache.keys.retire) first records the
primary's write-ahead log position, read after the change committed, and a reader's
request reads from the replica only once the replica has replayed that far; until then
it reads from the primary.
"""

import logging
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

from .keys import RETIRED_SECONDS
from .middleware import is_for_a_reader

REPLICA = "replica"
POSITION_KEY = "replica:wal-position"

logger = logging.getLogger(__name__)


@dataclass
class ReaderRequest:
    use_replica: bool | None = None  # decided at the request's first read


_reader_request = ContextVar("reader_request", default=None)


class ReaderReplicaMiddleware:
    """Marks a reader's request, whose reads ReplicaRouter may then send to the replica.

    Without a replica the router is not installed, and the mark is never read.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_for_a_reader(request):
            return self.get_response(request)
        marked = _reader_request.set(ReaderRequest())
        try:
            return self.get_response(request)
        finally:
            _reader_request.reset(marked)


class ReplicaRouter:
    """Reads of a reader's request go to the replica once it has caught up; all else to
    the primary. Migrations run on the primary only: the replica copies them."""

    def db_for_read(self, model, **hints):
        reader = _reader_request.get()
        if reader is None:
            return DEFAULT_DB_ALIAS
        if reader.use_replica is None:
            reader.use_replica = replica_has_caught_up(cache.get(POSITION_KEY))
        return REPLICA if reader.use_replica else DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # both databases hold the same rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA


def replica_has_caught_up(position):
    """Whether the replica has replayed the primary's log up to `position` (the last
    retirement's); with none recorded, the replica is used as it is."""
    try:
        with connections[REPLICA].cursor() as cursor:
            if not position:
                cursor.execute("SELECT 1")
                return True
            # A server that is not in recovery is a primary (or its stand-in): current.
            cursor.execute(
                "SELECT NOT pg_is_in_recovery() OR pg_last_wal_replay_lsn() >= %s::pg_lsn",
                [position],
            )
            return bool(cursor.fetchone()[0])
    except DatabaseError:
        logger.warning("The replica is unreachable; reading from the primary", exc_info=True)
        return False


def record_primary_position():
    """Before keys are retired: the position a replica must reach to show the change.

    Only while readers read from a replica (settings.DATABASE_ROUTERS has ReplicaRouter).
    """
    if f"{__name__}.ReplicaRouter" not in settings.DATABASE_ROUTERS:
        return
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        cache.set(POSITION_KEY, cursor.fetchone()[0], RETIRED_SECONDS)
