"""Restoring a revision brings back the content, never the workflow state (#14)."""

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from articles.models import Article
from tests.factories import CategoryFactory, ImageFactory
from tests.workflow.conftest import form_data
from tests.workflow.test_restore_permissions import revision_url, saved_revision

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_story_with_a_draft_past(editor, journalist):
    """A story first saved as a draft (other headline, photo, tags, section), then
    published as the lead."""
    story = Article.objects.create(
        title="العنوان في المسودة",
        summary="مقدمة المسودة.",
        body="<p>نص المسودة.</p>",
        main_image=ImageFactory(alt_text="صورة المسودة"),
        category=CategoryFactory(name="اقتصاد"),
        created_by=journalist,
    )
    story.tags.set(["مسودة"])
    draft = saved_revision(story, journalist)
    story.title, story.summary, story.body = "العنوان المنشور", "المقدمة المنشورة.", "<p>نص</p>"
    story.main_image = ImageFactory(alt_text="الصورة المنشورة")
    story.category = CategoryFactory(name="سياسة")
    story.status, story.is_lead, story.is_featured = Article.Status.PUBLISHED, True, True
    story.tags.set(["منشور"])
    saved_revision(story, editor)
    story.refresh_from_db()
    assert story.is_published()
    return story, draft


def restore_form(client, story, version):
    response = client.get(revision_url(story, version))
    assert response.status_code == 200
    return response


def test_a_restore_brings_back_the_content_and_keeps_the_story_live(
    editor_client, live_story_with_a_draft_past
):
    story, draft = live_story_with_a_draft_past
    before = Article.objects.get(pk=story.pk)
    page = restore_form(editor_client, story, draft)
    form = page.context["adminform"].form
    # The form opens on the revision's content and the story's own workflow state: the
    # buttons of a live story.
    assert form["title"].value() == "العنوان في المسودة"
    assert [step.name for step in page.context["workflow_steps"]] == ["save", "unpublish"]
    assert form["is_lead"].value() and form["is_featured"].value()
    assert form["loaded_version"].value() == str(before.version)
    # Opening the page changed nothing.
    story.refresh_from_db()
    assert (story.title, story.version) == ("العنوان المنشور", before.version)

    # The editor saves the restore form as it opened.
    data = form_data(
        before,
        title=form["title"].value(),
        summary=form["summary"].value(),
        body=form["body"].value(),
        main_image=form["main_image"].value(),
        tags="مسودة",
        is_lead="on",
        is_featured="on",
    )
    assert editor_client.post(revision_url(story, draft), data).status_code == 302

    story.refresh_from_db()
    assert story.title == "العنوان في المسودة"
    assert story.main_image.alt_text == "صورة المسودة"
    assert sorted(story.tags.names()) == ["مسودة"]
    assert story.is_published()
    assert story.published_at == before.published_at
    assert story.is_lead and story.is_featured
    assert story.category_id == before.category_id and story.slug == before.slug
    assert Version.objects.get_for_object(story).count() == 3


def test_the_restore_page_says_what_changes_and_what_stays(
    editor_client, live_story_with_a_draft_past
):
    story, draft = live_story_with_a_draft_past
    page = restore_form(editor_client, story, draft).content.decode()
    changes = page.split('class="restore-changes"')[1].split("</ul>")[0]
    kept = page.split('class="restore-kept"')[1].split("</ul>")[0]
    for label in ["العنوان الرئيسي", "المقدمة", "الصورة الرئيسية", "الوسوم", "نص الخبر"]:
        assert label in changes
    assert "الحالة" not in changes and "القسم" not in changes
    assert "الحالة: منشور" in kept and "مسودة" in kept
    assert "القسم: سياسة" in kept and "اقتصاد" in kept


def test_a_save_made_meanwhile_refuses_the_restore(editor_client, live_story_with_a_draft_past):
    """The restore form holds the story's version: a save after it was opened wins."""
    story, draft = live_story_with_a_draft_past
    form = restore_form(editor_client, story, draft).context["adminform"].form
    loaded_version = form["loaded_version"].value()
    with reversion.create_revision():
        story.refresh_from_db()
        story.summary = "تصحيح من زميل."
        story.save()
    data = form_data(story, title="العنوان في المسودة", loaded_version=str(loaded_version))
    refused = editor_client.post(revision_url(story, draft), data)
    assert refused.status_code == 200
    assert "لم يُحفظ شيء" in refused.content.decode()
    story.refresh_from_db()
    assert story.summary == "تصحيح من زميل." and story.title == "العنوان المنشور"


def test_the_compare_page_still_shows_every_row(editor_client, live_story_with_a_draft_past):
    story, draft = live_story_with_a_draft_past
    url = reverse("admin:articles_article_compare", args=[story.pk, draft.pk])
    assert editor_client.get(url).status_code == 200


@pytest.fixture
def former_lead(editor):
    """A live story that led the home page in an earlier revision; another leads it now."""
    story = Article.objects.create(
        title="العنوان حين كان الخبر الأول",
        summary="مقدمة.",
        body="<p>نص.</p>",
        main_image=ImageFactory(),
        category=CategoryFactory(),
        status=Article.Status.PUBLISHED,
        is_lead=True,
    )
    as_lead = saved_revision(story, editor)
    story.title, story.is_lead = "العنوان اليوم", False
    saved_revision(story, editor)
    new_lead = Article.objects.create(
        title="الخبر الأول اليوم",
        summary="مقدمة.",
        body="<p>نص.</p>",
        main_image=ImageFactory(),
        category=CategoryFactory(),
        status=Article.Status.PUBLISHED,
        is_lead=True,
    )
    story.refresh_from_db()
    return story, as_lead, new_lead


def test_restoring_a_revision_of_a_former_lead_leaves_the_lead_where_it_is(
    editor_client, former_lead
):
    """The revision says the story led the home page; today another does, and stays (#14)."""
    story, as_lead, new_lead = former_lead
    page = restore_form(editor_client, story, as_lead)
    form = page.context["adminform"].form
    assert form["title"].value() == "العنوان حين كان الخبر الأول"
    assert not form["is_lead"].value()
    kept = page.content.decode().split('class="restore-kept"')[1].split("</ul>")[0]
    assert "الخبر الرئيسي في الصفحة الأولى: لا" in kept and "(في النسخة: «نعم»)" in kept

    data = form_data(story, title=form["title"].value())
    assert editor_client.post(revision_url(story, as_lead), data).status_code == 302
    story.refresh_from_db()
    new_lead.refresh_from_db()
    assert story.title == "العنوان حين كان الخبر الأول"
    assert new_lead.is_lead and not story.is_lead
    assert story.is_published()


@pytest.fixture
def live_story_begun_as_a_headline(editor, journalist):
    """A live story whose first revision was a draft of just a headline."""
    story = Article.objects.create(title="عنوان أولي فقط", created_by=journalist)
    story.authors.add(journalist)
    headline_only = saved_revision(story, journalist)
    story.title, story.summary, story.body = "العنوان المنشور", "المقدمة المنشورة.", "<p>نص</p>"
    story.main_image, story.category = ImageFactory(), CategoryFactory(name="سياسة")
    story.status = Article.Status.PUBLISHED
    saved_revision(story, editor)
    story.authors.add(editor)
    story.refresh_from_db()
    return story, headline_only


def test_a_revision_without_what_a_live_story_needs_keeps_the_stories_own(
    editor_client, live_story_begun_as_a_headline, editor, journalist
):
    """A live story cannot lose its standfirst, body, photo or section to a restore: the
    revision's headline comes back, and the page says the rest stays (#14)."""
    story, headline_only = live_story_begun_as_a_headline
    before = Article.objects.get(pk=story.pk)
    page = restore_form(editor_client, story, headline_only)
    html = page.content.decode()
    form = page.context["adminform"].form
    assert form["title"].value() == "عنوان أولي فقط"
    assert form["summary"].value() == "المقدمة المنشورة."
    assert form["main_image"].value() == before.main_image_id
    kept = html.split('class="restore-kept"')[1].split("</ul>")[0]
    assert "المقدمة" in kept and "الصورة الرئيسية" in kept
    # The bylines are who wrote the story, not its content: both stay.
    assert sorted(form["authors"].value()) == sorted([editor.pk, journalist.pk])

    data = form_data(before, title="عنوان أولي فقط")
    assert editor_client.post(revision_url(story, headline_only), data).status_code == 302
    story.refresh_from_db()
    assert story.title == "عنوان أولي فقط"
    assert story.summary == "المقدمة المنشورة." and story.is_published()


def test_a_photo_deleted_since_the_revision_leaves_the_stories_own(
    editor_client, live_story_with_a_draft_past
):
    story, draft = live_story_with_a_draft_past
    old_photo = draft.field_dict["main_image_id"]
    from articles.models import Image

    Image.objects.filter(pk=old_photo).delete()
    page = restore_form(editor_client, story, draft)
    assert page.context["adminform"].form["main_image"].value() == story.main_image_id
    assert page.context["adminform"].form["title"].value() == "العنوان في المسودة"
