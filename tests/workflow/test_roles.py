"""Each role may do exactly what the newsroom allows, through the real admin views."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Image
from categories.models import Category
from tests.factories import ArticleFactory, CategoryFactory, ImageFactory
from tests.workflow.conftest import change_url, form_data

pytestmark = pytest.mark.django_db

STEP_LABEL = re.compile(r'<(?:button[^>]*name="_step"[^>]*|summary class="button")>([^<]+)</')
REFUSED_TO_PUBLISH = "وحده المحرر يستطيع نشر الخبر أو جدولته"


def workflow_buttons(html):
    """The labels of the story form's workflow buttons, in order ("جدولة…" opens the
    picker and its own button, "جدولة", confirms)."""
    return [label.strip() for label in STEP_LABEL.findall(html)]


def local_parts(moment):
    local = timezone.localtime(moment)
    return {
        "published_at_0": local.strftime("%Y-%m-%d"),
        "published_at_1": local.strftime("%H:%M:%S"),
    }


class TestJournalist:
    def test_writes_a_new_story_as_a_draft(self, journalist_client, journalist):
        template = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
        data = form_data(template, title="خبر جديد من الصحفية", slug="", loaded_version="")
        story = Article(title=data["title"])
        response = journalist_client.post(reverse("admin:articles_article_add"), data)
        assert response.status_code == 302
        created = Article.objects.get(title=story.title)
        assert created.created_by == journalist
        assert created.status == Article.Status.DRAFT

    def test_is_offered_draft_and_review_only(self, journalist_client, own_draft):
        html = journalist_client.get(change_url(own_draft)).content.decode()
        assert 'name="status"' not in html
        assert workflow_buttons(html) == ["حفظ المسودة", "إرسال للمراجعة"]
        assert 'name="published_at_0"' not in html  # scheduling is read-only for them
        assert 'name="is_lead"' not in html

    def test_submits_own_draft_for_review(self, journalist_client, own_draft):
        response = journalist_client.post(
            change_url(own_draft), form_data(own_draft, _step="submit")
        )
        assert response.status_code == 302
        own_draft.refresh_from_db()
        assert own_draft.status == Article.Status.REVIEW

    def test_edits_own_story_in_review(self, journalist_client, own_draft):
        Article.objects.filter(pk=own_draft.pk).update(status=Article.Status.REVIEW)
        own_draft.refresh_from_db()
        response = journalist_client.post(
            change_url(own_draft), form_data(own_draft, title="عنوان بعد المراجعة")
        )
        assert response.status_code == 302
        own_draft.refresh_from_db()
        assert own_draft.title == "عنوان بعد المراجعة"

    def test_forged_publish_is_refused_in_arabic(self, journalist_client, own_draft):
        response = journalist_client.post(
            change_url(own_draft),
            form_data(own_draft, _step="publish", title="محاولة نشر"),
        )
        assert response.status_code == 200
        assert REFUSED_TO_PUBLISH in response.content.decode()
        own_draft.refresh_from_db()
        assert own_draft.status == Article.Status.DRAFT
        assert own_draft.title != "محاولة نشر"

    def test_forged_schedule_and_lead_are_ignored(self, journalist_client, own_draft):
        tomorrow = timezone.now() + timedelta(days=1)
        data = form_data(own_draft, _step="submit", is_lead="on", **local_parts(tomorrow))
        assert journalist_client.post(change_url(own_draft), data).status_code == 302
        own_draft.refresh_from_db()
        assert own_draft.published_at is None
        assert not own_draft.is_lead

    def test_cannot_edit_someone_elses_story(self, journalist_client, other_journalist):
        theirs = ArticleFactory(
            status=Article.Status.DRAFT, published_at=None, created_by=other_journalist
        )
        response = journalist_client.post(change_url(theirs), form_data(theirs, title="تغيير"))
        assert response.status_code == 403
        assert "لا تملك صلاحية" in response.content.decode()
        theirs.refresh_from_db()
        assert theirs.title != "تغيير"
        # They may still read it.
        assert journalist_client.get(change_url(theirs)).status_code == 200

    def test_cannot_edit_or_unpublish_a_published_story(self, journalist_client, journalist):
        published = ArticleFactory(created_by=journalist)
        for step in ["save", "unpublish"]:
            response = journalist_client.post(
                change_url(published), form_data(published, _step=step, title="تعديل")
            )
            assert response.status_code == 403
        published.refresh_from_db()
        assert published.is_published() and published.title != "تعديل"

    def test_cannot_delete_stories(self, journalist_client, own_draft):
        url = reverse("admin:articles_article_delete", args=[own_draft.pk])
        assert journalist_client.post(url, {"post": "yes"}).status_code == 403
        assert Article.objects.filter(pk=own_draft.pk).exists()

    def test_cannot_run_the_publishing_actions(self, journalist_client, own_draft):
        for action in ["publish_selected", "unpublish_selected"]:
            journalist_client.post(
                reverse("admin:articles_article_changelist"),
                {"action": action, "_selected_action": [own_draft.pk]},
            )
        own_draft.refresh_from_db()
        assert own_draft.status == Article.Status.DRAFT
        html = journalist_client.get(reverse("admin:articles_article_changelist")).content.decode()
        assert "publish_selected" not in html

    def test_cannot_change_sections(self, journalist_client):
        section = CategoryFactory(name="رياضة")
        url = reverse("admin:categories_category_change", args=[section.pk])
        response = journalist_client.post(url, {"name": "تغيير", "slug": section.slug,
                                                "navigation_order": 1})  # fmt: skip
        assert response.status_code == 403
        add = reverse("admin:categories_category_add")
        assert journalist_client.post(add, {"name": "قسم جديد"}).status_code == 403
        assert not Category.objects.filter(name__in=["تغيير", "قسم جديد"]).exists()

    def test_adds_photos_but_cannot_delete_them(self, journalist_client):
        image = ImageFactory()
        url = reverse("admin:articles_image_delete", args=[image.pk])
        assert journalist_client.post(url, {"post": "yes"}).status_code == 403
        assert Image.objects.filter(pk=image.pk).exists()
        assert journalist_client.get(reverse("admin:articles_image_add")).status_code == 200

    def test_curates_links_on_own_draft(self, journalist_client, own_draft):
        target = ArticleFactory()
        data = form_data(
            own_draft,
            **{"links-TOTAL_FORMS": "1", "links-0-kind": "see_also",
               "links-0-target_article": target.pk, "links-0-position": "0"},
        )  # fmt: skip
        assert journalist_client.post(change_url(own_draft), data).status_code == 302
        assert own_draft.links.get().target_article == target

    def test_sees_no_review_queue(self, journalist_client):
        html = journalist_client.get(reverse("admin:index")).content.decode()
        assert "بانتظار المراجعة" not in html


class TestEditor:
    def test_publishes_now(self, editor_client, own_draft):
        response = editor_client.post(change_url(own_draft), form_data(own_draft, _step="publish"))
        assert response.status_code == 302
        own_draft.refresh_from_db()
        assert own_draft.is_published()

    def test_schedules(self, editor_client, own_draft):
        later = timezone.now() + timedelta(hours=3)
        data = form_data(own_draft, _step="schedule", **local_parts(later))
        assert editor_client.post(change_url(own_draft), data).status_code == 302
        own_draft.refresh_from_db()
        assert own_draft.status == Article.Status.PUBLISHED
        assert not own_draft.is_published()
        assert abs((own_draft.published_at - later).total_seconds()) < 1

    def test_edits_and_unpublishes_anyones_published_story(self, editor_client, journalist):
        story = ArticleFactory(created_by=journalist)
        data = form_data(story, _step="unpublish", title="عنوان المحرر")
        assert editor_client.post(change_url(story), data).status_code == 302
        story.refresh_from_db()
        assert story.title == "عنوان المحرر" and not story.is_published()

    def test_bulk_publish_and_unpublish(self, editor_client):
        drafts = ArticleFactory.create_batch(3, status=Article.Status.DRAFT, published_at=None)
        changelist = reverse("admin:articles_article_changelist")
        selected = [story.pk for story in drafts]
        editor_client.post(changelist, {"action": "publish_selected", "_selected_action": selected})
        assert Article.objects.published().count() == 3
        editor_client.post(
            changelist, {"action": "unpublish_selected", "_selected_action": selected}
        )
        assert Article.objects.published().count() == 0

    def test_chooses_the_lead_story(self, editor_client):
        old_lead = ArticleFactory(is_lead=True)
        story = ArticleFactory()
        assert (
            editor_client.post(
                change_url(story), form_data(story, is_lead="on", is_featured="on")
            ).status_code
            == 302
        )
        story.refresh_from_db()
        old_lead.refresh_from_db()
        assert story.is_lead and story.is_featured and not old_lead.is_lead

    def test_deletes_a_story(self, editor_client, own_draft):
        url = reverse("admin:articles_article_delete", args=[own_draft.pk])
        assert editor_client.post(url, {"post": "yes"}).status_code == 302
        assert not Article.objects.filter(pk=own_draft.pk).exists()

    def test_manages_sections(self, editor_client):
        response = editor_client.post(
            reverse("admin:categories_category_add"),
            {"name": "ثقافة", "slug": "", "description": "", "navigation_order": "3",
             "show_in_navigation": "on"},
        )  # fmt: skip
        assert response.status_code == 302
        assert Category.objects.get(name="ثقافة").show_in_navigation

    def test_sees_the_review_queue_with_its_count(self, editor_client):
        ArticleFactory.create_batch(2, status=Article.Status.REVIEW, published_at=None)
        html = editor_client.get(reverse("admin:index")).content.decode()
        assert "2 خبر بانتظار المراجعة" in html or "خبران بانتظار المراجعة" in html
        queue = editor_client.get(
            reverse("admin:articles_article_changelist"), {"status__exact": "review"}
        )
        assert queue.context["cl"].result_count == 2


def test_readers_are_sent_to_the_login_page(client, own_draft):
    for url in [reverse("admin:articles_article_add"), change_url(own_draft)]:
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
