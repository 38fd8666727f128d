"""Who may change a photo: a journalist their own while no reader sees it, an editor any (#11)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Image
from tests.admin_forms import jpeg_upload
from tests.factories import ArticleFactory, ImageFactory

pytestmark = pytest.mark.django_db


def change_url(photo):
    return reverse("admin:articles_image_change", args=[photo.pk])


def photo_form(photo, **overrides):
    return {
        "alt_text": photo.alt_text,
        "caption": photo.caption,
        "credit": photo.credit,
        **overrides,
    }


def forged_changes():
    """Every part of a photo a reader sees: the file, its alt text, caption and credit."""
    return [
        {"alt_text": "نص بديل مزور"},
        {"caption": "تعليق مزور"},
        {"credit": "مصور مزور"},
        {"file": jpeg_upload("replacement.jpg")},
    ]


@pytest.fixture
def own_photo(journalist):
    return ImageFactory(uploaded_by=journalist)


def assert_unchanged(photo):
    stored = Image.objects.get(pk=photo.pk)
    assert (stored.file.name, stored.alt_text, stored.caption, stored.credit) == (
        photo.file.name,
        photo.alt_text,
        photo.caption,
        photo.credit,
    )


@pytest.mark.parametrize("when", ["published", "scheduled"])
@pytest.mark.parametrize("change", range(4))
def test_a_journalist_cannot_replace_the_photo_of_a_live_story(
    journalist_client, own_photo, when, change
):
    moment = timezone.now() + (timedelta(days=1) if when == "scheduled" else -timedelta(hours=1))
    ArticleFactory(main_image=own_photo, published_at=moment)
    response = journalist_client.post(
        change_url(own_photo), photo_form(own_photo, **forged_changes()[change])
    )
    assert response.status_code == 403
    assert_unchanged(own_photo)


def test_a_photo_shown_inside_a_live_storys_text_is_live_too(journalist_client, own_photo):
    ArticleFactory(body=f'<p>نص</p><figure class="image"><img src="{own_photo.file.url}"></figure>')
    response = journalist_client.post(change_url(own_photo), photo_form(own_photo, credit="مزور"))
    assert response.status_code == 403
    assert_unchanged(own_photo)


def test_a_journalist_cannot_change_a_colleagues_photo(journalist_client, other_journalist):
    photo = ImageFactory(uploaded_by=other_journalist)
    response = journalist_client.post(change_url(photo), photo_form(photo, caption="مزور"))
    assert response.status_code == 403
    assert_unchanged(photo)


def test_a_journalist_sees_a_live_photo_read_only(journalist_client, own_photo):
    ArticleFactory(main_image=own_photo)
    response = journalist_client.get(change_url(own_photo))
    assert response.status_code == 200
    assert 'name="caption"' not in response.content.decode()


def test_a_journalist_corrects_their_own_photo_while_only_drafts_use_it(
    journalist_client, own_photo
):
    ArticleFactory(main_image=own_photo, status=Article.Status.DRAFT, published_at=None)
    response = journalist_client.post(
        change_url(own_photo), photo_form(own_photo, caption="تعليق مصحح")
    )
    assert response.status_code == 302
    own_photo.refresh_from_db()
    assert own_photo.caption == "تعليق مصحح"


def test_an_editor_changes_the_photo_of_a_live_story(editor_client, own_photo):
    ArticleFactory(main_image=own_photo)
    response = editor_client.post(change_url(own_photo), photo_form(own_photo, credit="رويترز"))
    assert response.status_code == 302
    own_photo.refresh_from_db()
    assert own_photo.credit == "رويترز"
