"""Staff preview any story from the admin; readers get 404 for the same address."""

import pytest
from django.urls import reverse

from tests.workflow.conftest import change_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fixture", ["draft_article", "review_article", "scheduled_article"])
def test_staff_preview_what_readers_cannot_see(client, editor, request, fixture):
    story = request.getfixturevalue(fixture)
    assert client.get(story.get_absolute_url()).status_code == 404

    client.force_login(editor)
    form = client.get(change_url(story)).content.decode()
    assert f'href="{story.get_absolute_url()}"' in form
    assert "معاينة" in form
    preview = client.get(story.get_absolute_url())
    assert preview.status_code == 200
    html = preview.content.decode()
    assert story.title in html and "story__body" in html
    assert "معاينة: هذا الخبر غير منشور للقرّاء" in html


def test_logged_in_reader_without_staff_gets_404(client, draft_article):
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_staff=False))
    assert client.get(draft_article.get_absolute_url()).status_code == 404
    assert client.get(reverse("admin:index")).status_code == 302
