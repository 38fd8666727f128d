"""Restoring and recovering revisions holds the same rules as editing the story (#11).

django-reversion's own views match a version by object id alone and restore its whole
revision before the change form checks a permission; these are the routes a journalist
could take around the rules.
"""

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from articles.models import Article, TaggedArticle
from tests.factories import ArticleFactory
from tests.workflow.conftest import form_data

pytestmark = pytest.mark.django_db


def revision_url(article, version):
    return reverse("admin:articles_article_revision", args=[article.pk, version.pk])


def saved_revision(article, user):
    """Save `article` as the admin does: one revision holding the story, links and tags."""
    with reversion.create_revision():
        reversion.set_user(user)
        article.save()
    return Version.objects.get_for_object(article).first()


@pytest.fixture
def story_an_editor_unpublished(editor):
    """A story whose last published revision is still in its history."""
    story = ArticleFactory(tags=["طاقة"])
    saved_revision(story, editor)
    story.status = Article.Status.DRAFT
    saved_revision(story, editor)
    return story


def test_a_version_of_another_story_is_not_restored_onto_ones_own(
    journalist_client, journalist, editor
):
    """The tag row of another story's revision, reached through one's own draft's address."""
    own = ArticleFactory(status=Article.Status.DRAFT, published_at=None, created_by=journalist)
    other = ArticleFactory(title="خبر ألغى المحرر نشره")
    other.tags.set(["طاقة"])
    # A tag row of the other story that happens to carry the draft's id.
    TaggedArticle.objects.filter(content_object=other).update(id=own.pk)
    published_version = saved_revision(other, editor)
    other.status = Article.Status.DRAFT
    saved_revision(other, editor)
    tag_version = published_version.revision.version_set.get(object_id=str(own.pk))
    assert tag_version.object_id == str(own.pk)

    url = revision_url(own, tag_version)
    assert journalist_client.get(url).status_code == 404
    assert journalist_client.post(url, form_data(own)).status_code == 404

    other.refresh_from_db()
    assert other.status == Article.Status.DRAFT
    own.refresh_from_db()
    assert own.status == Article.Status.DRAFT


def test_a_version_of_another_story_is_refused_to_editors_too(editor_client, editor):
    first, second = ArticleFactory(), ArticleFactory()
    version = saved_revision(second, editor)
    assert editor_client.get(revision_url(first, version)).status_code == 404


def test_a_journalist_cannot_restore_a_draft_over_their_published_story(
    journalist_client, journalist, editor
):
    story = ArticleFactory(
        status=Article.Status.DRAFT, published_at=None, created_by=journalist, title="مسودة"
    )
    draft_version = saved_revision(story, journalist)
    story.status, story.title = Article.Status.PUBLISHED, "العنوان المنشور"
    saved_revision(story, editor)
    assert story.is_published()

    url = revision_url(story, draft_version)
    assert journalist_client.get(url).status_code == 403
    assert journalist_client.post(url, form_data(story, status="draft")).status_code == 403
    story.refresh_from_db()
    assert story.is_published() and story.title == "العنوان المنشور"


def test_a_journalist_cannot_restore_a_published_state_onto_their_draft(
    journalist_client, journalist, editor
):
    """An editor unpublished the story; its old published revision stays out of reach."""
    story = ArticleFactory(created_by=journalist)
    published_version = saved_revision(story, editor)
    story.status = Article.Status.DRAFT
    saved_revision(story, editor)

    url = revision_url(story, published_version)
    assert journalist_client.get(url).status_code == 403
    assert journalist_client.post(url, form_data(story, status="review")).status_code == 403
    story.refresh_from_db()
    assert story.status == Article.Status.DRAFT and not story.is_published()


def test_a_journalist_restores_an_earlier_draft_of_their_own_draft(journalist_client, journalist):
    story = ArticleFactory(
        status=Article.Status.DRAFT, published_at=None, created_by=journalist, title="الأول"
    )
    first = saved_revision(story, journalist)
    story.title = "الثاني"
    saved_revision(story, journalist)

    url = revision_url(story, first)
    form = journalist_client.get(url)
    assert form.status_code == 200
    loaded_version = form.context["adminform"].form["loaded_version"].value()
    story.refresh_from_db()
    data = form_data(story, title="الأول", loaded_version=loaded_version)
    assert journalist_client.post(url, data).status_code == 302
    story.refresh_from_db()
    assert story.title == "الأول" and story.status == Article.Status.DRAFT


def test_recovering_deleted_stories_is_an_editors_job(
    client, journalist, editor, story_an_editor_unpublished
):
    story_pk = story_an_editor_unpublished.pk
    story_an_editor_unpublished.delete()
    deleted = Version.objects.get_deleted(Article).get(object_id=str(story_pk))
    recover_list = reverse("admin:articles_article_recoverlist")
    recover = reverse("admin:articles_article_recover", args=[deleted.pk])

    client.force_login(journalist)
    assert client.get(recover_list).status_code == 403
    assert client.get(recover).status_code == 403
    assert client.post(recover, {}).status_code == 403
    assert not Article.objects.filter(pk=story_pk).exists()

    client.force_login(editor)
    assert client.get(recover_list).status_code == 200
    assert client.get(recover).status_code == 200


def test_recover_takes_deleted_stories_only(editor_client, editor, published_article):
    """A live story's version, or another model's, is not "recovered" through this view."""
    version = saved_revision(published_article, editor)
    url = reverse("admin:articles_article_recover", args=[version.pk])
    assert editor_client.get(url).status_code == 404
    tag_version = version.revision.version_set.exclude(pk=version.pk).first()
    if tag_version is not None:
        url = reverse("admin:articles_article_recover", args=[tag_version.pk])
        assert editor_client.get(url).status_code == 404


def test_a_deleted_lead_story_comes_back_without_taking_the_lead(editor_client, editor):
    """The home page's lead now stays the lead; the recovered story can be given it."""
    was_lead = ArticleFactory(title="خبر كان في الصدارة", is_lead=True)
    saved_revision(was_lead, editor)
    was_lead_pk = was_lead.pk
    was_lead.delete()
    leads_now = ArticleFactory(title="الخبر الذي يتصدّر الآن", is_lead=True)
    deleted = Version.objects.get_deleted(Article).get(object_id=str(was_lead_pk))
    url = reverse("admin:articles_article_recover", args=[deleted.pk])

    page = editor_client.get(url)
    assert page.status_code == 200
    assert not Article.objects.filter(pk=was_lead_pk).exists()  # showing it wrote nothing
    assert Article.objects.get(is_lead=True) == leads_now

    columns = {field.attname for field in Article._meta.concrete_fields}
    recovered = Article(**{k: v for k, v in deleted.field_dict.items() if k in columns})
    assert editor_client.post(url, form_data(recovered)).status_code == 302
    assert Article.objects.filter(pk=was_lead_pk, is_lead=False).exists()
    assert Article.objects.get(is_lead=True) == leads_now
