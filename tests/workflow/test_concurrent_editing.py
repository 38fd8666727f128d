"""Two people edit one story: the second save is refused and nothing is lost."""

import pytest
from django.test import Client

from articles.models import Article, StaleArticleError
from tests.workflow.conftest import change_url, form_data

pytestmark = pytest.mark.django_db


def test_second_save_is_refused_and_the_first_survives(journalist, editor, own_draft):
    first, second = Client(), Client()
    first.force_login(editor)
    second.force_login(journalist)
    # Both open the story.
    opened_by_first = first.get(change_url(own_draft)).context["adminform"].form
    opened_by_second = second.get(change_url(own_draft)).context["adminform"].form
    assert opened_by_first["loaded_version"].value() == opened_by_second["loaded_version"].value()

    saved = first.post(change_url(own_draft), form_data(own_draft, title="عنوان المحرر"))
    assert saved.status_code == 302

    refused = second.post(
        change_url(own_draft),
        form_data(own_draft, title="عنوان الصحفية", body="<p>فقرة كتبتها الصحفية للتو.</p>"),
    )
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "عدّل منى العلي هذا الخبر" in html
    assert "لم يُحفظ شيء" in html
    # What the second person typed is still in their form …
    assert "عنوان الصحفية" in html and "فقرة كتبتها الصحفية للتو." in html
    # … and the first save is intact.
    own_draft.refresh_from_db()
    assert own_draft.title == "عنوان المحرر"
    assert own_draft.body != "<p>فقرة كتبتها الصحفية للتو.</p>"


def test_the_database_refuses_a_save_from_an_old_copy(own_draft):
    old_copy = Article.objects.get(pk=own_draft.pk)
    own_draft.title = "حفظ أول"
    own_draft.save()
    old_copy.title = "حفظ من نسخة قديمة"
    with pytest.raises(StaleArticleError):
        old_copy.save()
    own_draft.refresh_from_db()
    assert own_draft.title == "حفظ أول"
