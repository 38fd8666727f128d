"""Each person's desk on the admin's home page, the review queue and the story list."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from reversion.models import Revision, Version

from articles.models import Article
from tests.factories import ArticleFactory
from tests.workflow.conftest import change_url, form_data

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")


def written_by(user, **fields):
    story = ArticleFactory(created_by=user, **fields)
    story.authors.add(user)
    return story


def draft_of(user, **fields):
    return written_by(user, status=Article.Status.DRAFT, published_at=None, **fields)


def save_as(client, user, story, **changes):
    client.force_login(user)
    story.refresh_from_db()
    response = client.post(change_url(story), form_data(story, **changes))
    assert response.status_code == 302, response.content.decode()[:2000]


def desk(client):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return {box["key"]: box for box in response.context["desk"]}


def titles(box):
    return [story.title for story in box["stories"]]


def test_a_journalists_desk_shows_their_stories_by_step(
    client, journalist, other_journalist, editor
):
    draft = draft_of(journalist, title="مسودة لم تُرسل")
    sent_back = draft_of(journalist, title="خبر أعادته المحررة")
    save_as(client, journalist, sent_back, _step="submit")
    save_as(client, editor, sent_back, _step="return", note="ينقصه مصدر ثانٍ.")
    waiting = written_by(journalist, title="خبر ينتظر", status="review", published_at=None)
    live = written_by(journalist, title="خبر نُشر أمس", published_at=timezone.now() - timedelta(1))
    tomorrow = timezone.localtime() + timedelta(days=1)
    due = written_by(journalist, title="خبر يُنشر غداً", published_at=tomorrow)
    draft_of(other_journalist, title="مسودة زميل")
    written_by(journalist, title="خبر قديم", published_at=timezone.now() - timedelta(days=40))

    client.force_login(journalist)
    boxes = desk(client)
    assert titles(boxes["drafts"]) == [draft.title]
    assert titles(boxes["returned"]) == [sent_back.title]
    assert titles(boxes["review"]) == [waiting.title]
    # A scheduled story is not out yet: it has a box of its own (#14).
    assert titles(boxes["published"]) == [live.title]
    assert titles(boxes["scheduled"]) == [due.title]
    assert [box["count"] for box in boxes.values()] == [1, 1, 1, 1, 1]

    # Each box leads to the story list filtered the same way.
    for key, box in boxes.items():
        response = client.get(box["url"])
        assert [story.title for story in response.context["cl"].result_list] == titles(box), key

    html = client.get(reverse("admin:index")).content.decode()
    for heading in ["مسوّداتي", "أُعيدت إليّ", "أخباري قيد المراجعة", "أخباري المجدولة",
                    "نُشرت لي مؤخراً"]:  # fmt: skip
        assert heading in html
    assert "مسودة زميل" not in html
    assert f"يُنشر {date_format(tomorrow, 'l j F H:i')}" in html


def test_a_story_without_a_section_is_listed_without_a_stray_separator(client, journalist):
    draft_of(journalist, title="مسودة بعنوان فقط", category=None, main_image=None)
    client.force_login(journalist)
    html = client.get(reverse("admin:index")).content.decode()
    meta = html.split("مسودة بعنوان فقط</a>")[1].split("</span>")[0]
    assert '<span class="desk__meta"><time' in meta


def test_each_list_is_titled_with_what_it_lists(client, journalist):
    """Not Django's "اختر خبر لتغييره" (#14)."""
    client.force_login(journalist)
    for query, title in [
        ({}, "الأخبار"),
        ({"status__exact": "review"}, "قائمة المراجعة"),
        ({"desk": "drafts"}, "مسوّداتي"),
    ]:
        html = client.get(CHANGELIST, query).content.decode()
        assert f"<h1>{title}</h1>" in html, query
        assert "لتغييره" not in html
    html = client.get(reverse("admin:articles_image_changelist")).content.decode()
    assert "اختيار الصورة للتعديل" in html and "لتغييره" not in html


def test_the_filters_name_stories_without_a_section_or_an_author(editor_client, journalist):
    ArticleFactory(status="draft", published_at=None, category=None, main_image=None)
    written_by(journalist)
    html = editor_client.get(CHANGELIST).content.decode()
    assert "بلا قسم بعد" in html and "بلا كاتب مذكور" in html


def test_a_submission_an_editor_has_handled_leaves_the_editors_desks(client, journalist, editor):
    story = draft_of(journalist, title="خبر أُرسل ثم نُشر")
    save_as(client, journalist, story, _step="submit")
    client.force_login(editor)
    assert "خبر أُرسل ثم نُشر" in client.get(reverse("admin:index")).content.decode()
    save_as(client, editor, story, _step="publish")
    client.force_login(editor)
    response = client.get(reverse("admin:index"))
    assert response.context["unread"] == 0 and not response.context["notifications"]


def test_an_editor_also_sees_the_review_queue(client, journalist, editor):
    save_as(client, journalist, draft_of(journalist), _step="submit")
    client.force_login(editor)
    html = client.get(reverse("admin:index")).content.decode()
    assert "خبر واحد بانتظار المراجعة" in html
    assert "أرسله ليلى حداد" in html


def test_the_review_queue_shows_who_sent_each_story_and_when_oldest_first(
    client, journalist, other_journalist, editor
):
    newer = draft_of(other_journalist, title="أُرسل حديثاً")
    older = draft_of(journalist, title="ينتظر منذ الصباح")
    save_as(client, journalist, older, _step="submit")
    save_as(client, journalist, older, title="ينتظر منذ الصباح (معدّل)")  # still in review
    save_as(client, other_journalist, newer, _step="submit")
    three_hours_ago = timezone.now() - timedelta(hours=3, seconds=5)
    Revision.objects.filter(pk__in=Version.objects.get_for_object(older).values("revision")).update(
        date_created=three_hours_ago
    )

    client.force_login(editor)
    response = client.get(CHANGELIST, {"status__exact": "review"})
    rows = list(response.context["cl"].result_list)
    assert [story.pk for story in rows] == [older.pk, newer.pk]
    assert rows[0].submitted_by == "ليلى حداد"
    assert rows[1].submitted_by == "سامر خليل"
    html = response.content.decode()
    assert "ليلى حداد · <time" in html and "منذ 3 ساعات" in html
    assert "أُرسل للمراجعة" in html  # the column's heading


def test_the_story_list_has_author_and_section_columns_and_filters(editor_client, journalist):
    mine = written_by(journalist, title="خبر ليلى")
    ArticleFactory(title="خبر بلا كاتب")
    response = editor_client.get(CHANGELIST)
    html = response.content.decode()
    assert 'column-author_names"' in html and 'column-category"' in html
    assert "ليلى حداد" in html
    filters = {spec.title for spec in response.context["cl"].filter_specs}
    assert {"الكتّاب", "القسم", "مكتبي"} <= {str(title) for title in filters}

    by_author = editor_client.get(CHANGELIST, {"authors__id__exact": journalist.pk})
    assert [story.pk for story in by_author.context["cl"].result_list] == [mine.pk]
    by_section = editor_client.get(CHANGELIST, {"category__id__exact": mine.category_id})
    assert [story.pk for story in by_section.context["cl"].result_list] == [mine.pk]


def test_the_desk_costs_the_same_queries_however_many_stories(
    client, journalist, django_assert_max_num_queries
):
    for _ in range(8):
        draft_of(journalist)
    client.force_login(journalist)
    with django_assert_max_num_queries(20):
        client.get(reverse("admin:index"))


def test_only_an_editor_is_offered_the_deleted_stories(client, journalist, editor):
    """A journalist may not recover deleted stories: no button leads them to a refusal."""
    recover = reverse("admin:articles_article_recoverlist")
    client.force_login(journalist)
    assert recover not in client.get(CHANGELIST).content.decode()
    assert client.get(recover).status_code == 403
    client.force_login(editor)
    assert recover in client.get(CHANGELIST).content.decode()
