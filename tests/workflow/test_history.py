"""Every save keeps a revision; an editor compares and restores them."""

import pytest
from django.urls import reverse
from reversion.models import Version

from articles.models import Article
from tests.factories import ArticleFactory
from tests.workflow.conftest import change_url, form_data

pytestmark = pytest.mark.django_db


def link_rows(target, kind="related", after=""):
    return {
        "links-TOTAL_FORMS": "1",
        "links-0-kind": kind,
        "links-0-target_article": target.pk,
        "links-0-position": "0",
        "links-0-after_paragraph": after,
    }


def test_history_names_each_workflow_step_and_who(client, journalist, editor):
    client.force_login(journalist)
    template = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    add = reverse("admin:articles_article_add")
    data = form_data(template, title="خبر له سجل", slug="", loaded_version="", tags="")
    assert client.post(add, data).status_code == 302
    story = Article.objects.get(title="خبر له سجل")
    assert client.post(change_url(story), form_data(story, _step="submit")).status_code == 302

    client.force_login(editor)
    story.refresh_from_db()
    assert client.post(change_url(story), form_data(story, _step="publish")).status_code == 302
    story.refresh_from_db()
    assert client.post(change_url(story), form_data(story, _step="unpublish")).status_code == 302

    history = client.get(reverse("admin:articles_article_history", args=[story.pk]))
    html = history.content.decode()
    for step in ["أُرسل للمراجعة", "نُشر", "أُلغي نشره", "ليلى حداد", "منى العلي"]:
        assert step in html, step
    assert Version.objects.get_for_object(story).count() == 4


def test_restoring_a_revision_brings_back_body_links_and_tags(editor_client):
    first_target, second_target = ArticleFactory(), ArticleFactory()
    story = ArticleFactory(tags=["طاقة"])
    data = form_data(story, body="<p>النص الأول.</p>", tags="طاقة، غاز", **link_rows(first_target))
    assert editor_client.post(change_url(story), data).status_code == 302
    first_version = Version.objects.get_for_object(story).first()

    story.refresh_from_db()
    link = story.links.get()
    data = form_data(
        story,
        body="<p>النص بعد التعديل.</p>",
        tags="نفط",
        **{
            "links-TOTAL_FORMS": "1",
            "links-INITIAL_FORMS": "1",
            "links-0-id": link.pk,
            "links-0-article": story.pk,
            "links-0-kind": "related",
            "links-0-target_article": second_target.pk,
            "links-0-position": "0",
        },
    )
    assert editor_client.post(change_url(story), data).status_code == 302
    story.refresh_from_db()
    assert story.body == "<p>النص بعد التعديل.</p>"

    compare_url = reverse("admin:articles_article_compare", args=[story.pk, first_version.pk])
    compare = editor_client.get(compare_url).content.decode()
    # The paragraph's words that changed are marked in it (#14).
    assert '<li class="changed">النص <del>الأول.</del><ins>بعد التعديل.</ins></li>' in compare
    assert "غاز" in compare and "نفط" in compare

    revision_url = reverse("admin:articles_article_revision", args=[story.pk, first_version.pk])
    restore_form = editor_client.get(revision_url)
    assert restore_form.status_code == 200
    story.refresh_from_db()
    assert story.body == "<p>النص بعد التعديل.</p>"  # looking at a revision changes nothing

    restored_data = form_data(
        Article.objects.get(pk=story.pk),
        body="<p>النص الأول.</p>",
        tags="طاقة، غاز",
        loaded_version=restore_form.context["adminform"].form["loaded_version"].value(),
        **{
            "links-TOTAL_FORMS": "1",
            "links-INITIAL_FORMS": "1",
            "links-0-id": restore_form.context["inline_admin_formsets"][0]
            .formset.forms[0]
            .instance.pk,
            "links-0-article": story.pk,
            "links-0-kind": "related",
            "links-0-target_article": first_target.pk,
            "links-0-position": "0",
        },
    )
    assert editor_client.post(revision_url, restored_data).status_code == 302
    story.refresh_from_db()
    assert story.body == "<p>النص الأول.</p>"
    assert sorted(story.tags.names()) == ["طاقة", "غاز"]
    assert [link.target_article for link in story.links.all()] == [first_target]
