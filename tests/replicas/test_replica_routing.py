"""Readers' pages read from the replica once it has caught up; the newsroom never does."""

from contextlib import ExitStack, contextmanager

import pytest
from django.core.cache import cache
from django.db import connections
from django.db.utils import load_backend
from django.test.utils import CaptureQueriesContext

from lib.page_cache import replicas
from tests.factories import ArticleFactory, UserFactory

# The replica connection sees only committed rows, as a real replica would.
pytestmark = pytest.mark.django_db(transaction=True)


@contextmanager
def replica_connection(settings, **overrides):
    """A second connection to the test database, standing in for a streaming replica."""
    settings_dict = {**connections["default"].settings_dict, **overrides}
    backend = load_backend(settings_dict["ENGINE"])
    connections[replicas.REPLICA] = backend.DatabaseWrapper(settings_dict, replicas.REPLICA)
    settings.DATABASE_ROUTERS = ["lib.page_cache.replicas.ReplicaRouter"]
    try:
        yield connections[replicas.REPLICA]
    finally:
        connections[replicas.REPLICA].close()
        del connections[replicas.REPLICA]


@pytest.fixture
def replica(settings):
    with replica_connection(settings) as connection:
        yield connection


@pytest.fixture
def story():
    return ArticleFactory(title="خبر من النسخة المتماثلة")


def queries(client, url, *connections_):
    """(response, the number of queries each connection ran for it)."""
    with ExitStack() as stack:
        contexts = [stack.enter_context(CaptureQueriesContext(c)) for c in connections_]
        response = client.get(url)
    return response, [len(context) for context in contexts]


def test_a_readers_page_reads_from_the_replica(client, replica, story):
    response, (on_replica, on_primary) = queries(
        client, story.get_absolute_url(), replica, connections["default"]
    )
    assert response.status_code == 200 and story.title in response.content.decode()
    assert on_replica >= 6 and on_primary == 0


def test_staff_read_from_the_primary(client, replica, story):
    client.force_login(UserFactory(is_staff=True))
    response, (on_replica,) = queries(client, story.get_absolute_url(), replica)
    assert response.status_code == 200 and on_replica == 0


def test_a_replica_behind_the_last_change_is_not_read(client, replica, story, monkeypatch):
    # A standby that has not replayed the last change's position yet.
    monkeypatch.setattr(replicas, "replica_has_caught_up", lambda position: False)
    response, (on_replica, on_primary) = queries(
        client, story.get_absolute_url(), replica, connections["default"]
    )
    assert response.status_code == 200 and on_replica == 0 and on_primary >= 6


def test_a_change_records_the_position_a_replica_must_reach(replica, story):
    cache.delete(replicas.POSITION_KEY)
    story.title = "عنوان بعد التعديل"
    story.save()
    position = cache.get(replicas.POSITION_KEY)
    assert position and "/" in position  # a PostgreSQL log position, e.g. 0/1A2B3C4
    # The stand-in replica is no standby: it is as current as the primary.
    assert replicas.replica_has_caught_up(position)


def test_an_unreachable_replica_leaves_readers_on_the_primary(client, settings, story):
    with replica_connection(settings, HOST="127.0.0.1", PORT="1"):
        response = client.get(story.get_absolute_url())
    assert response.status_code == 200 and story.title in response.content.decode()
