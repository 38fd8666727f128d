"""Several photos dropped at once in the photo library, each described before use, and
the uploads nobody used deleted after a day (issue 14)."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles.models import Image
from tests.admin_forms import jpeg_upload
from tests.factories import ArticleFactory, ImageFactory

from . import files

pytestmark = pytest.mark.django_db

UPLOAD_URL = "admin:articles_image_upload"


def descriptions_form(photos, **filled):
    """The upload page's second form; `filled` maps a photo to its alt text, caption, credit."""
    data = {
        "photos-TOTAL_FORMS": str(len(photos)),
        "photos-INITIAL_FORMS": str(len(photos)),
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
    }
    for index, photo in enumerate(photos):
        as_it_is = (photo.alt_text, photo.caption, photo.credit)
        alt_text, caption, credit = filled.get(f"photo{index}", as_it_is)
        data |= {
            f"photos-{index}-id": str(photo.pk),
            f"photos-{index}-alt_text": alt_text,
            f"photos-{index}-caption": caption,
            f"photos-{index}-credit": credit,
        }
    return data


def test_several_photos_are_uploaded_at_once_and_wait_for_their_description(
    photo_desk_client, photo_desk, stored_files
):
    refused = files.upload(b"not a photo at all", name="notes.jpg")
    response = photo_desk_client.post(
        reverse(UPLOAD_URL),
        {"upload": "رفع", "files": [jpeg_upload("a.jpg"), refused, jpeg_upload("b.jpg")]},
    )
    assert response.status_code == 302
    photos = Image.objects.order_by("pk")
    assert [(photo.alt_text, photo.credit, photo.uploaded_by) for photo in photos] == [
        ("", "", photo_desk),
        ("", "", photo_desk),
    ]
    assert all(photo.has_current_renditions() for photo in photos)
    assert not Image.objects.complete().exists()
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert shown[0].startswith("تم رفع صورتين.")
    assert shown[1].startswith("notes.jpg: لم تُرفع.")

    page = photo_desk_client.get(reverse(UPLOAD_URL))
    assert page.status_code == 200
    assert len(page.context["descriptions"].forms) == 2


def test_a_described_photo_is_ready_and_one_left_alone_waits(photo_desk_client, photo_desk):
    first, second = (ImageFactory(alt_text="", credit="", uploaded_by=photo_desk) for _ in "12")
    photos = list(Image.objects.incomplete().order_by("-uploaded_at"))
    described = photos.index(first)
    response = photo_desk_client.post(
        reverse(UPLOAD_URL),
        descriptions_form(photos, **{f"photo{described}": ("سوق الخضار في الصباح", "", "خبرين")}),
    )
    assert response.status_code == 302
    assert list(Image.objects.complete()) == [Image.objects.get(pk=first.pk)]
    assert list(Image.objects.incomplete()) == [second]


def test_a_half_described_photo_is_an_error(photo_desk_client, photo_desk):
    photo = ImageFactory(alt_text="", credit="", uploaded_by=photo_desk)
    response = photo_desk_client.post(
        reverse(UPLOAD_URL), descriptions_form([photo], photo0=("سوق الخضار", "", ""))
    )
    assert response.status_code == 200
    assert response.context["descriptions"].forms[0].errors["credit"] == ["هذا الحقل مطلوب."]
    assert Image.objects.incomplete().get() == photo


def test_only_ones_own_waiting_photos_are_listed(photo_desk_client, photo_desk, journalist):
    own = ImageFactory(alt_text="", credit="", uploaded_by=photo_desk)
    ImageFactory(alt_text="", credit="", uploaded_by=journalist)
    page = photo_desk_client.get(reverse(UPLOAD_URL))
    assert [form.instance for form in page.context["descriptions"].forms] == [own]


def test_the_upload_page_needs_the_permission_to_add_photos(client, django_user_model):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="reader-of-the-library", is_staff=True))
    assert client.get(reverse(UPLOAD_URL)).status_code == 403
    response = client.post(reverse(UPLOAD_URL), {"upload": "1", "files": [jpeg_upload()]})
    assert response.status_code == 403
    assert not Image.objects.exists()


def uploaded(days_ago, **fields):
    photo = ImageFactory(**fields)
    Image.objects.filter(pk=photo.pk).update(uploaded_at=timezone.now() - timedelta(days=days_ago))
    return photo


def renditions_folder(photo):
    return f"renditions/{photo.file.name.rsplit('.', 1)[0]}/"


def test_abandoned_uploads_are_deleted_with_their_files(
    stored_files, django_capture_on_commit_callbacks
):
    abandoned = uploaded(2, alt_text="", credit="")
    unused_described = uploaded(3)
    main_photo = uploaded(5)
    ArticleFactory(main_image=main_photo)
    in_text = uploaded(5)
    ArticleFactory(
        main_image=main_photo,
        body=f'<figure><img src="{in_text.body_rendition.url}" alt="x"></figure>',
    )
    recent = uploaded(0, alt_text="", credit="")
    kept = {main_photo.pk, in_text.pk, recent.pk}
    assert any(name.startswith(renditions_folder(abandoned)) for name in stored_files())

    call_command("delete_abandoned_photos", "--dry-run")
    assert Image.objects.count() == 5

    with django_capture_on_commit_callbacks(execute=True):
        call_command("delete_abandoned_photos")
    assert set(Image.objects.values_list("pk", flat=True)) == kept
    left = stored_files()
    for gone in (abandoned, unused_described):
        assert gone.file.name not in left
        assert not any(name.startswith(renditions_folder(gone)) for name in left)
    assert main_photo.file.name in left
