"""A backup restores: pg_dump (custom format) of the database, pg_restore into an empty one,
and every story, section, tag, photo record, related link and revision comes back intact.

docs/operations.md describes the same commands for production.
"""

import os
import shutil
import subprocess
import uuid

import psycopg
import pytest
import reversion
from django.db import connection

from articles.models import Article, RelatedLink
from tests.factories import ArticleFactory, CategoryFactory, ImageFactory, RelatedLinkFactory

pytestmark = pytest.mark.django_db(transaction=True)

# Each table's rows in a fixed order, and what identifies a row for the order.
TABLES = {
    "articles_article": "id",
    "categories_category": "id",
    "articles_tag": "id",
    "articles_taggedarticle": "id",
    "articles_article_authors": "id",
    "articles_image": "id",
    "articles_relatedlink": "id",
    "reversion_revision": "id",
    "reversion_version": "id",
    "django_content_type": "id",
    "auth_user": "id",
}


def libpq_environment(database):
    settings = connection.settings_dict
    environment = {**os.environ, "PGDATABASE": database}
    for variable, key in [("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"),
                          ("PGPASSWORD", "PASSWORD")]:  # fmt: skip
        if settings.get(key):
            environment[variable] = str(settings[key])
    return environment


def connect(database):
    settings = connection.settings_dict
    return psycopg.connect(
        dbname=database,
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"] or None,
        password=settings["PASSWORD"] or None,
        autocommit=True,
    )


def fingerprint(database):
    """{table: (rows, md5 of every row's text in order)}."""
    with connect(database) as conn:
        return {
            table: conn.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t.{key}), ''))"
                f" FROM {table} t"
            ).fetchone()
            for table, key in TABLES.items()
        }


@pytest.fixture
def newsroom_content():
    """Stories with sections, tags, photos, links and revision history, committed."""
    world = CategoryFactory(name="العالم")
    europe = CategoryFactory(name="أوروبا", parent=world, description="أخبار القارة")
    photo = ImageFactory(caption="تعليق الصورة", credit="وكالة/رويترز")
    stories = [
        ArticleFactory(category=europe, main_image=photo, tags=["أوروبا", "فرنسا"]),
        ArticleFactory(category=world, main_image=photo, tags=["قمة"]),
        ArticleFactory(category=world, status=Article.Status.DRAFT, published_at=None),
    ]
    RelatedLinkFactory(article=stories[0], target_article=stories[1])
    RelatedLinkFactory(
        article=stories[0],
        target_article=None,
        kind=RelatedLink.Kind.SEE_ALSO,
        url="https://example.com/تقرير",
        title="تقرير خارجي",
    )
    for story in stories:
        with reversion.create_revision():
            story.title += " (محدّث)"
            story.save()
            reversion.set_comment("تحديث")
    return stories


@pytest.mark.skipif(not shutil.which("pg_dump"), reason="PostgreSQL's client tools are missing")
def test_dump_restores_into_an_empty_database(newsroom_content, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("backups are of PostgreSQL")
    source = connection.settings_dict["NAME"]
    target = f"restore_check_{uuid.uuid4().hex[:12]}"
    dump = tmp_path / "khabarayn.dump"
    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", "--file", str(dump)],
        env=libpq_environment(source), check=True, capture_output=True,
    )  # fmt: skip
    with connect("postgres") as admin:
        admin.execute(f'CREATE DATABASE "{target}"')
    try:
        subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", "--dbname", target, str(dump)],
            env=libpq_environment(target), check=True, capture_output=True,
        )  # fmt: skip
        before, after = fingerprint(source), fingerprint(target)
        assert after == before
        assert before["articles_article"][0] == 3
        assert before["reversion_version"][0] >= 3
        assert before["articles_relatedlink"][0] == 2
        with connect(target) as restored:
            titles = {row[0] for row in restored.execute("SELECT title FROM articles_article")}
        assert titles == {story.title for story in newsroom_content}
    finally:
        with connect("postgres") as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
