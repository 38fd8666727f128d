"""Photos dropped into a story's text go through the same checks and become Image rows."""

import pytest
from django.urls import resolve, reverse

from articles.models import Image
from articles.photos import views
from tests.factories import UserFactory

from . import files

pytestmark = pytest.mark.django_db

URL = reverse("articles:editor_image_upload")


def test_the_library_address_is_ours():
    """django-ckeditor-5's own view stores files unchecked; its address now reaches ours."""
    assert URL == "/ckeditor5/image_upload/"
    assert resolve("/ckeditor5/image_upload/").func is views.upload_image


def test_the_body_editor_posts_to_our_view(admin_client):
    html = admin_client.get(reverse("admin:articles_article_add")).content.decode()
    assert f'data-upload-url="{URL}"' in html


def test_staff_upload_becomes_a_photo_row(photo_desk_client, photo_desk, stored_files):
    response = photo_desk_client.post(
        URL, {"upload": files.upload(files.jpeg_with_gps((2400, 1200)), "IMG_9.jpg")}
    )
    assert response.status_code == 200, response.content
    image = Image.objects.get()
    assert response.json() == {"url": image.body_rendition.url}
    assert image.alt_text == "صورة من نص الخبر"
    assert image.credit == "خَبَرَيْن"
    assert image.uploaded_by == photo_desk
    assert (image.width, image.height) == (1200, 2400)  # EXIF orientation applied
    assert "IMG_9" not in response.json()["url"]
    with image.file.open("rb") as original:
        assert files.metadata_of(original.read())["gps"] == {}
    assert (image.body_rendition.width, image.body_rendition.height) == (1200, 2400)


def test_anonymous_upload_is_refused(client, stored_files):
    response = client.post(URL, {"upload": files.upload(files.jpeg())})
    assert response.status_code == 403
    assert Image.objects.count() == 0 and stored_files() == []


def test_non_staff_upload_is_refused(client, stored_files):
    client.force_login(UserFactory())
    response = client.post(URL, {"upload": files.upload(files.jpeg())})
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "ليست لديك صلاحية رفع الصور."
    assert Image.objects.count() == 0 and stored_files() == []


def test_staff_without_the_photo_permission_is_refused(client):
    client.force_login(UserFactory(is_staff=True))
    assert client.post(URL, {"upload": files.upload(files.jpeg())}).status_code == 403


def test_get_is_not_allowed(photo_desk_client):
    assert photo_desk_client.get(URL).status_code == 405


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: files.upload(b"plain text" * 50, "notes.jpg"), "هذا الملف ليس صورة"),
        (lambda: files.upload(files.animated("WEBP"), "a.webp"), "الصور المتحركة غير مقبولة"),
        (lambda: files.upload(files.png_bomb(), "b.png"), "ميغابكسل"),
    ],
)
def test_bad_file_is_refused_with_a_json_error(photo_desk_client, stored_files, upload, message):
    response = photo_desk_client.post(URL, {"upload": upload()})
    assert response.status_code == 400
    assert message in response.json()["error"]["message"]
    assert Image.objects.count() == 0 and stored_files() == []


def test_missing_file_is_refused_with_a_json_error(photo_desk_client):
    response = photo_desk_client.post(URL, {})
    assert response.status_code == 400
    assert response.json()["error"]["message"]
