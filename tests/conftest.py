import os
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
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


def grant(user, *codenames):
    for codename in codenames:
        app_label, code = codename.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=code)
        )
    return user


@pytest.fixture
def journalist(db):
    user = UserFactory(username="journalist", first_name="ليلى", last_name="حداد", is_staff=True)
    return grant(
        user,
        "articles.add_article",
        "articles.change_article",
        "articles.view_article",
        "articles.add_image",
        "articles.change_image",
        "articles.view_image",
        "articles.add_relatedlink",
        "articles.change_relatedlink",
        "articles.delete_relatedlink",
        "articles.view_relatedlink",
        "categories.view_category",
    )


@pytest.fixture
def journalist_client(client, journalist):
    client.force_login(journalist)
    return client
