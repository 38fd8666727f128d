"""The index follows every save; a command rebuilds it for imported stories."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Tag
from tests.factories import ArticleFactory, CategoryFactory, ImageFactory
from tests.workflow.conftest import change_url, form_data

pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parents[2]


def test_an_edit_is_findable_right_after_save(make_story, found):
    story = make_story(title="افتتاح الجسر الجديد")
    assert found("الزرافة") == []
    story.body = "<p>وصلت الزرافة الأولى إلى حديقة الحيوان.</p>"
    story.save()
    assert found("الزرافة") == [story.title]
    story.title = "وصول الفيل"
    story.body = "<p>لا ذكر لها بعد الآن.</p>"
    story.save()
    assert found("الزرافة") == []
    assert found("الفيل") == ["وصول الفيل"]


def test_an_edit_in_the_newsroom_is_findable_at_once(editor_client, make_story, found):
    story = make_story(title="خبر قبل التحرير")
    response = editor_client.post(
        change_url(story), form_data(story, body="<p>شوهد البطريق على الشاطئ.</p>")
    )
    assert response.status_code == 302
    assert found("البطريق") == [story.title]


def test_publishing_a_draft_makes_it_findable(make_story, found):
    draft = make_story(title="تقرير عن الأعاصير", status=Article.Status.DRAFT, published_at=None)
    assert found("الأعاصير") == []
    draft.status = Article.Status.PUBLISHED
    draft.save()
    assert found("الأعاصير") == [draft.title]


def test_a_save_writes_the_index_in_the_row_s_own_insert_or_update(make_story):
    """No second UPDATE for the index: the vector is computed by the row's own statement."""
    with CaptureQueriesContext(connection) as added:
        story = make_story(title="وصول القطار السريع")
    assert _writes_to_stories(added) == ["INSERT"]
    story.title = "وصول الطائرة"
    with CaptureQueriesContext(connection) as edited:
        story.save()
    # The first UPDATE claims the next version (Article._claim_next_version).
    assert _writes_to_stories(edited) == ["UPDATE", "UPDATE"]
    assert "search_vector" in _writes_to_stories(edited, sql=True)[-1]
    stored = Article.objects.values_list("search_vector", flat=True).get(pk=story.pk)
    assert story.search_vector == stored  # read back, not the expression that made it
    assert "'طائر':2A" in stored


def _writes_to_stories(queries, sql=False):
    table = f'"{Article._meta.db_table}"'
    writes = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].startswith(("INSERT", "UPDATE", "DELETE")) and table in query["sql"][:60]
    ]
    return writes if sql else [write.split()[0] for write in writes]


def test_a_save_of_some_fields_still_updates_the_index(make_story, found):
    story = make_story(title="افتتاح المكتبة")
    story.title = "افتتاح المتحف"
    story.save(update_fields=["title"])
    assert found("المتحف") == [story.title]
    assert found("المكتبة") == []


def test_search_vector_has_a_gin_index():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'article_search_idx'")
        (definition,) = cursor.fetchone()
    assert "USING gin (search_vector)" in definition


# The rebuild command


@pytest.fixture
def imported_stories(db):
    """Stories written straight into the table, as an import would: never saved one by one."""
    category, image = CategoryFactory(), ImageFactory()
    stories = Article.objects.bulk_create(
        Article(
            title=f"تقرير الأرصاد الجوية رقم {n}",
            slug=f"report-{n}",
            summary="موجة حر.",
            body="<p>درجات الحرارة في ارتفاع.</p>",
            main_image=image,
            category=category,
            status=Article.Status.PUBLISHED,
            published_at=ArticleFactory.published_at.function(),
        )
        for n in range(7)
    )
    assert not Article.objects.search("الأرصاد").exists()
    return stories


def test_rebuild_command_indexes_imported_stories(imported_stories, make_story, capsys):
    make_story(title="خبر محفوظ")
    call_command("rebuild_search_index", "--batch-size", "3")
    output = capsys.readouterr().out
    assert output.startswith("Indexed 8 stories in ") and "(3 per batch)" in output
    assert Article.objects.search("الأرصاد").count() == 7
    assert Article.objects.search("الحرارة").count() == 7
    stored = Article.objects.values_list("search_text", flat=True).get(pk=imported_stories[0].pk)
    assert stored == "تقرير ارصاد جوي رقم 0\nموج حر\n\nدرج حرار ارتفاع"


def test_rebuild_command_makes_the_same_index_as_save(make_story):
    story = make_story(title="مَعرِضُ الكِتاب الدّولي", summary="آلاف الزوار.", body="<p>في الرياض.</p>")
    saved = Article.objects.values_list("search_text", "search_vector").get(pk=story.pk)
    Article.objects.update(search_text="", search_vector=None)
    call_command("rebuild_search_index", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert Article.objects.values_list("search_text", "search_vector").get(pk=story.pk) == saved


def test_rebuild_command_refuses_a_batch_size_below_one(capsys):
    call_command("rebuild_search_index", "--batch-size", "0")
    assert "at least 1" in capsys.readouterr().err


# SQLite, the `make run` demo database


SQLITE_SCRIPT = """
import json
from tests.factories import ArticleFactory
from articles.models import Article, Tag
ArticleFactory(title="قمة الأوكرانيين في باريس", summary="ملخص.", body="<p>نص.</p>")
ArticleFactory(title="خبر آخر", summary="ملخص.", body="<p>وصل الوفد اوروبا.</p>")
ArticleFactory(title="مسودة الأوكرانيين", summary="ملخص.", body="<p>نص.</p>", status="draft")
ArticleFactory(title="خبر عن الطقس", summary="ملخص.", body="<p>قمة باريس غدا.</p>")
def titles(q):
    return [a.title for a in Article.objects.published().search(q)]
with open(OUTPUT, "w", encoding="utf-8") as output:
    json.dump({q: titles(q) for q in QUERIES}, output)
"""


def test_sqlite_demo_database_migrates_and_searches(tmp_path):
    """The GIN index is skipped, the migration fills the index, and every word must match."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "DEBUG": "1",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    manage = [sys.executable, str(PROJECT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, cwd=PROJECT, check=True)
    queries = ["الاوكرانيين", "أوروبا", "إلى باريس", "باريس لندن", "في"]
    # The newest story mentions Paris in its body only: the older headline ranks first.
    output = tmp_path / "found.json"
    script = f"QUERIES = {queries!r}\nOUTPUT = {str(output)!r}\n{SQLITE_SCRIPT}"
    subprocess.run([*manage, "shell", "-c", script], env=env, cwd=PROJECT, check=True)
    assert json.loads(output.read_text(encoding="utf-8")) == {
        "الاوكرانيين": ["قمة الأوكرانيين في باريس"],
        "أوروبا": ["خبر آخر"],
        "إلى باريس": ["قمة الأوكرانيين في باريس", "خبر عن الطقس"],
        "باريس لندن": [],
        "في": [],
    }


def test_a_story_is_found_by_its_tags_as_they_change(make_story, found):
    """Tag names are indexed (below the headline, above the body) whenever they change."""
    story = make_story(title="مباراة حاسمة مساء الأحد", tags=["كرة القدم"])
    make_story(title="مؤتمر صحفي للمدرب")
    assert found("كرة القدم") == [story.title]
    story.tags.add("الدوري الإسباني")
    assert found("الدوري الإسباني") == [story.title]
    story.tags.remove("كرة القدم")
    assert found("كرة القدم") == []
    tag = Tag.objects.get(name="الدوري الإسباني")
    tag.name = "الليغا"
    tag.save()
    assert found("الليغا") == [story.title]
    assert found("الإسباني") == []


def test_a_tag_ranks_below_the_headline(make_story, found):
    tagged = make_story(title="قرار جديد للحكومة", tags=["اقتصاد"])
    in_headline = make_story(title="اقتصاد المنطقة ينمو")
    assert found("اقتصاد") == [in_headline.title, tagged.title]
