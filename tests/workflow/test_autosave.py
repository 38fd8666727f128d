"""Autosave: what is typed is kept apart from the story, offered back, and never trips
the optimistic lock of the person typing (#14)."""

import json

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from articles.editing.models import Autosave
from tests.factories import ArticleFactory
from tests.workflow.conftest import change_url, form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("nobody_editing")]


def autosave_url(article=None):
    if article is None:
        return reverse("admin:articles_article_add_autosave")
    return reverse("admin:articles_article_autosave", args=[article.pk])


def typed(article, **changes):
    """The form's fields as the page's script sends them."""
    fields = [[name, str(value)] for name, value in form_data(article, **changes).items()]
    return json.dumps([["csrfmiddlewaretoken", "secret"], *fields])


def test_an_autosave_makes_no_revision_and_draws_no_version(journalist_client, own_draft):
    version, updated_at = own_draft.version, own_draft.updated_at
    revisions = Version.objects.count()

    answer = journalist_client.post(
        autosave_url(own_draft),
        {"fields": typed(own_draft, title="عنوان لم يُحفظ بعد"), "version": str(version)},
    )

    assert answer.status_code == 200
    assert answer.json()["status"].startswith("حُفظت نسخة تلقائياً")
    own_draft.refresh_from_db()
    assert (own_draft.version, own_draft.updated_at) == (version, updated_at)
    assert own_draft.title != "عنوان لم يُحفظ بعد"
    assert Version.objects.count() == revisions
    saved = Autosave.objects.get()
    assert (saved.article, saved.version) == (own_draft, version)
    assert ["title", "عنوان لم يُحفظ بعد"] in saved.fields
    assert not any(name == "csrfmiddlewaretoken" for name, *_ in saved.fields)

    # The person typing then saves from the same form: not refused as stale.
    response = journalist_client.post(
        change_url(own_draft), form_data(own_draft, title="عنوان لم يُحفظ بعد")
    )
    assert response.status_code == 302
    own_draft.refresh_from_db()
    assert own_draft.title == "عنوان لم يُحفظ بعد"
    # What was typed is in the story now: nothing is left to offer.
    assert not Autosave.objects.exists()


def test_reopening_the_story_offers_the_autosaved_copy(journalist_client, own_draft):
    journalist_client.post(
        autosave_url(own_draft),
        {"fields": typed(own_draft, title="ما كتبته قبل أن يتعطل المتصفح")},
    )
    page = journalist_client.get(change_url(own_draft)).content.decode()
    assert "لديك نسخة محفوظة تلقائياً من" in page
    assert "استعادة" in page and "تجاهل" in page
    # The copy, for the page's script to put back.
    copy = page.split('<script id="autosave-fields" type="application/json">')[1]
    assert ["title", "ما كتبته قبل أن يتعطل المتصفح"] in json.loads(copy.split("</script>")[0])

    journalist_client.post(autosave_url(own_draft), {"discard": "1"})
    assert not Autosave.objects.exists()
    assert (
        "لديك نسخة محفوظة تلقائياً"
        not in journalist_client.get(change_url(own_draft)).content.decode()
    )


def test_a_copy_older_than_the_story_says_so(journalist_client, editor, own_draft):
    editor_client = Client()
    editor_client.force_login(editor)
    journalist_client.post(
        autosave_url(own_draft),
        {"fields": typed(own_draft, title="نص الصحفية"), "version": str(own_draft.version)},
    )
    editor_client.post(change_url(own_draft), form_data(own_draft, title="نص المحرر"))
    page = journalist_client.get(change_url(own_draft)).content.decode()
    assert "لديك نسخة محفوظة تلقائياً" in page
    assert "حُفظ الخبر بعدها" in page


def test_the_add_form_has_its_own_autosave(journalist_client, journalist):
    fields = [["title", "خبر جديد لم يُضف بعد"]]
    journalist_client.post(autosave_url(), {"fields": json.dumps(fields)})
    assert Autosave.objects.get().article is None
    page = journalist_client.get(reverse("admin:articles_article_add")).content.decode()
    assert "لديك نسخة محفوظة تلقائياً" in page
    assert "/admin/articles/article/add/autosave/" in page


def test_each_person_has_their_own_copy(journalist_client, editor, own_draft):
    journalist_client.post(autosave_url(own_draft), {"fields": typed(own_draft)})
    other = Client()
    other.force_login(editor)
    assert "لديك نسخة محفوظة تلقائياً" not in other.get(change_url(own_draft)).content.decode()


@pytest.mark.parametrize("fields", ["not json", "{}", '[["title"]]', '[["title", 3]]'])
def test_anything_but_a_form_is_refused(journalist_client, own_draft, fields):
    assert journalist_client.post(autosave_url(own_draft), {"fields": fields}).status_code == 400
    assert not Autosave.objects.exists()


def test_only_who_may_edit_the_story_autosaves_it(journalist_client, journalist, editor):
    colleagues = ArticleFactory(status="draft", published_at=None)
    published = ArticleFactory(created_by=journalist)
    for story in (colleagues, published):
        response = journalist_client.post(autosave_url(story), {"fields": typed(story)})
        assert response.status_code == 403
    assert journalist_client.get(autosave_url(colleagues)).status_code == 405
    assert not Autosave.objects.exists()
