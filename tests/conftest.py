import os
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, UserFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads go to a temporary folder, never into the checkout."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(scope="session", autouse=True)
def collected_static():
    """Pages are rendered as in production, through the hashed static-file manifest."""
    call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture(scope="session", autouse=True)
def require_postgresql(django_db_setup, django_db_blocker):
    """The suite is written for PostgreSQL: under CI it refuses to run on anything else."""
    with django_db_blocker.unblock():
        vendor = connection.vendor
    if vendor != "postgresql" and os.environ.get("CI"):
        pytest.exit(f"CI runs the suite on PostgreSQL, not {vendor}", returncode=1)


@pytest.fixture
def published_article(db):
    return ArticleFactory()


@pytest.fixture
def draft_article(db):
    return ArticleFactory(status=Article.Status.DRAFT, published_at=None)


@pytest.fixture
def review_article(db):
    return ArticleFactory(status=Article.Status.REVIEW, published_at=None)


@pytest.fixture
def scheduled_article(db):
    return ArticleFactory(published_at=timezone.now() + timedelta(days=1))


JOURNALISTS, EDITORS = "صحفي", "محرر"


def in_group(user, name):
    user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def journalist(db):
    user = UserFactory(username="journalist", first_name="ليلى", last_name="حداد", is_staff=True)
    return in_group(user, JOURNALISTS)


@pytest.fixture
def other_journalist(db):
    user = UserFactory(username="reporter", first_name="سامر", last_name="خليل", is_staff=True)
    return in_group(user, JOURNALISTS)


@pytest.fixture
def editor(db):
    user = UserFactory(username="editor", first_name="منى", last_name="العلي", is_staff=True)
    return in_group(user, EDITORS)


@pytest.fixture
def journalist_client(client, journalist):
    client.force_login(journalist)
    return client


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
