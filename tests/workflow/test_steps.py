"""The story form's workflow buttons: each role sees its steps, each step is a rule on the
POST (not only a button), says what it did, and a draft may be just a headline."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, EditorialNote, Notification
from tests.factories import ArticleFactory, CategoryFactory, ImageFactory
from tests.workflow.conftest import change_url, form_data
from tests.workflow.test_roles import local_parts, workflow_buttons

pytestmark = pytest.mark.django_db

RIYADH = ZoneInfo("Asia/Riyadh")


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def step(client, story, name, **changes):
    """Press the button `name` on the story's form; follow to the page it leads to."""
    story.refresh_from_db()
    return client.post(change_url(story), form_data(story, _step=name, **changes), follow=True)


@pytest.fixture
def in_review(journalist):
    story = ArticleFactory(
        status=Article.Status.REVIEW, published_at=None, created_by=journalist, title="خبر للمراجعة"
    )
    story.authors.add(journalist)
    return story


class TestButtons:
    def test_a_journalist_sees_save_and_submit_on_a_draft(self, journalist_client, own_draft):
        html = journalist_client.get(change_url(own_draft)).content.decode()
        assert workflow_buttons(html) == ["حفظ المسودة", "إرسال للمراجعة"]

    def test_a_journalist_may_save_or_take_back_a_story_in_review(
        self, journalist_client, in_review
    ):
        html = journalist_client.get(change_url(in_review)).content.decode()
        assert workflow_buttons(html) == ["حفظ التعديلات", "سحب إلى المسودات"]

    def test_an_editor_sees_every_step_of_a_story_in_review(self, editor_client, in_review):
        html = editor_client.get(change_url(in_review)).content.decode()
        assert workflow_buttons(html) == [
            "حفظ التعديلات", "نشر الآن", "جدولة…", "جدولة", "إعادة للكاتب مع ملاحظة",
        ]  # fmt: skip

    def test_an_editor_updates_or_unpublishes_a_live_story(self, editor_client):
        html = editor_client.get(change_url(ArticleFactory())).content.decode()
        assert workflow_buttons(html) == ["تحديث الخبر المنشور", "إلغاء النشر"]

    def test_a_new_story_starts_as_a_draft(self, editor_client):
        html = editor_client.get(reverse("admin:articles_article_add")).content.decode()
        assert workflow_buttons(html) == [
            "حفظ المسودة", "إرسال للمراجعة", "نشر الآن", "جدولة…", "جدولة",
        ]  # fmt: skip
        assert 'name="status"' not in html


class TestJournalistsSteps:
    def test_submitting_tells_the_editors_on_their_desk_and_by_mail(
        self, client, journalist, editor, own_draft, django_capture_on_commit_callbacks
    ):
        editor.email = "muna@example.com"
        editor.save()
        client.force_login(journalist)
        with django_capture_on_commit_callbacks(execute=True):
            response = step(client, own_draft, "submit")
        assert messages_of(response) == ["أُرسل الخبر للمراجعة، وأُبلغ المحررون."]
        own_draft.refresh_from_db()
        assert own_draft.status == Article.Status.REVIEW
        notice = Notification.objects.get()
        assert (notice.recipient, notice.step) == (editor, Notification.Step.SUBMITTED)
        [message] = mail.outbox
        assert message.to == ["muna@example.com"]
        assert message.subject == f"أرسل ليلى حداد «{own_draft.title}» للمراجعة"
        assert change_url(own_draft) in message.body

        client.force_login(editor)
        desk = client.get(reverse("admin:index")).content.decode()
        assert "الإشعارات" in desk and own_draft.title in desk
        client.get(change_url(own_draft))  # opening the story reads the notice
        assert not Notification.objects.unread().exists()

    @pytest.mark.parametrize("name", ["publish", "schedule", "return", "unpublish", "bogus"])
    def test_an_editors_step_posted_by_a_journalist_changes_nothing(
        self, journalist_client, own_draft, name
    ):
        later = timezone.now() + timedelta(hours=2)
        response = step(
            journalist_client, own_draft, name, title="محاولة", note="ملاحظة", **local_parts(later)
        )
        assert response.status_code == 200
        assert response.context["adminform"].form.non_field_errors()
        own_draft.refresh_from_db()
        assert own_draft.status == Article.Status.DRAFT and own_draft.title != "محاولة"
        assert not Notification.objects.exists() and not EditorialNote.objects.exists()

    def test_taking_a_story_back_from_review(self, journalist_client, in_review):
        response = step(journalist_client, in_review, "withdraw")
        assert messages_of(response) == ["سُحب الخبر من المراجعة وعاد مسودة."]
        in_review.refresh_from_db()
        assert in_review.status == Article.Status.DRAFT


class TestDraftsNeedOnlyAHeadline:
    def test_a_headline_is_enough_to_save_a_draft(self, journalist_client, journalist):
        data = {"title": "فكرة لخبر", "loaded_version": "", "_step": "save_draft",
                **form_data(Article(), title="فكرة لخبر")}  # fmt: skip
        response = journalist_client.post(reverse("admin:articles_article_add"), data, follow=True)
        assert messages_of(response) == ["حُفظت المسودة."]
        draft = Article.objects.get(title="فكرة لخبر")
        assert (draft.summary, draft.main_image, draft.category) == ("", None, None)
        assert draft.created_by == journalist
        # The newsroom sees it on the site as it will look, without its missing parts.
        assert journalist_client.get(draft.get_absolute_url()).status_code == 200

    def test_submitting_needs_the_rest_and_names_what_is_missing(
        self, journalist_client, own_draft
    ):
        response = step(journalist_client, own_draft, "submit", summary="", main_image="",
                        category="")  # fmt: skip
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors
        assert errors["__all__"] == [
            "لا يتم «إرسال للمراجعة» إلا لخبر مكتمل، "
            "وما زال ينقصه: المقدمة، الصورة الرئيسية، القسم."
        ]
        for field in ["summary", "main_image", "category"]:
            assert errors[field] == ["مطلوب قبل أن يخرج الخبر من المسودات."]
        own_draft.refresh_from_db()
        assert own_draft.status == Article.Status.DRAFT

    def test_the_database_refuses_an_incomplete_story_outside_the_drafts(self):
        story = ArticleFactory(status=Article.Status.DRAFT, published_at=None, main_image=None)
        story.status = Article.Status.REVIEW
        with pytest.raises(IntegrityError), transaction.atomic():
            story.save()

    def test_bulk_publishing_leaves_incomplete_drafts_alone(self, editor_client):
        ready = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
        idea = ArticleFactory(status=Article.Status.DRAFT, published_at=None, category=None)
        response = editor_client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "publish_selected", "_selected_action": [ready.pk, idea.pk]},
            follow=True,
        )
        assert "بقي خبر واحد على حاله" in " ".join(messages_of(response))
        assert list(Article.objects.published()) == [ready]


class TestEditorsSteps:
    @time_machine.travel(datetime(2026, 12, 1, 10, 0, tzinfo=RIYADH), tick=False)
    def test_scheduling_names_the_day_and_time(self, client, editor, journalist, in_review):
        client.force_login(editor)
        moment = datetime(2026, 12, 3, 9, 0, tzinfo=RIYADH)
        response = step(client, in_review, "schedule", **local_parts(moment))
        assert messages_of(response) == ["جُدول للنشر الخميس 3 ديسمبر 09:00."]
        in_review.refresh_from_db()
        assert in_review.is_scheduled() and in_review.published_at == moment
        notice = Notification.objects.get()
        assert (notice.recipient, notice.step) == (journalist, Notification.Step.SCHEDULED)
        html = response.content.decode()
        assert workflow_buttons(html)[-1] == "إلغاء الجدولة"
        assert "مجدول" in html or "جُدول" in html

    def test_a_schedule_in_the_past_is_refused(self, editor_client, in_review):
        earlier = timezone.now() - timedelta(hours=1)
        response = step(editor_client, in_review, "schedule", **local_parts(earlier))
        assert response.context["adminform"].form.errors["published_at"] == [
            "اختر يوماً ووقتاً في المستقبل لجدولة الخبر."
        ]
        in_review.refresh_from_db()
        assert in_review.status == Article.Status.REVIEW

    def test_publishing_now_ignores_a_time_typed_in_the_picker(self, editor_client, in_review):
        tomorrow = timezone.now() + timedelta(days=1)
        response = step(editor_client, in_review, "publish", **local_parts(tomorrow))
        assert messages_of(response) == ["نُشر الخبر."]
        in_review.refresh_from_db()
        assert in_review.is_published()

    def test_returning_needs_a_note_which_the_writer_reads(
        self, client, editor, journalist, in_review
    ):
        client.force_login(editor)
        refused = step(client, in_review, "return")
        assert refused.context["adminform"].form.errors["note"] == [
            "اكتب للكاتب ملاحظة: ما الذي يجب تغييره قبل أن يعود الخبر."
        ]
        response = step(client, in_review, "return", note="ينقصه رأي الطرف الآخر.")
        assert messages_of(response) == ["أُعيد الخبر إلى كاتبه مع ملاحظتك."]
        in_review.refresh_from_db()
        assert in_review.status == Article.Status.DRAFT
        notice = Notification.objects.get()
        assert (notice.recipient, notice.step, notice.note) == (
            journalist, Notification.Step.RETURNED, "ينقصه رأي الطرف الآخر."
        )  # fmt: skip

        client.force_login(journalist)
        desk = client.get(reverse("admin:index")).content.decode()
        assert "ينقصه رأي الطرف الآخر." in desk and "أُعيد إلى الكاتب" in desk
        form = client.get(change_url(in_review)).content.decode()
        assert "ينقصه رأي الطرف الآخر." in form and "منى العلي" in form  # the notes thread
        history = client.get(reverse("admin:articles_article_history", args=[in_review.pk]))
        assert "أُعيد إلى الكاتب" in history.content.decode()

    def test_a_note_alone_is_kept_without_a_step(self, editor_client, editor, in_review):
        step(editor_client, in_review, "save", note="سأراجعه بعد الظهر.")
        assert EditorialNote.objects.get().author == editor
        assert not Notification.objects.exists()
        page = editor_client.get(in_review.get_absolute_url()).content.decode()
        assert "سأراجعه بعد الظهر." not in page

    def test_unpublishing_a_live_story(self, editor_client):
        story = ArticleFactory(category=CategoryFactory(), main_image=ImageFactory())
        response = step(editor_client, story, "unpublish")
        assert messages_of(response) == ["أُلغي نشر الخبر وعاد مسودة."]
        story.refresh_from_db()
        assert story.status == Article.Status.DRAFT
