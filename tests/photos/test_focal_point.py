"""A photo's focal point, chosen in the admin, is kept by every crop: the cards' 16:9 and
the link preview's 1200×630 (issue 14)."""

import io

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image as PillowImage

from articles.models import Image

from . import files

pytestmark = pytest.mark.django_db

RED, BLUE, GREEN = "red", "blue", "green"


def thirds(size=(3000, 1000)):
    """A panorama: red, blue and green thirds from left to right."""
    image = PillowImage.new("RGB", size, "red")
    third = size[0] // 3
    image.paste(PillowImage.new("RGB", (third, size[1]), "blue"), (third, 0))
    image.paste(PillowImage.new("RGB", (size[0] - 2 * third, size[1]), "green"), (2 * third, 0))
    return image


def colour_at_middle(url, media_root, settings):
    path = media_root / url.removeprefix(settings.MEDIA_URL)
    crop = PillowImage.open(io.BytesIO(path.read_bytes())).convert("RGB")
    red, green, blue = crop.getpixel((crop.width // 2, crop.height // 2))
    return max([(red, RED), (green, GREEN), (blue, BLUE)])[1]


def panorama(**fields):
    photo = ContentFile(files.encode(thirds()), name="p.jpg")
    return Image.objects.create(file=photo, alt_text="صورة", credit="خبرين", **fields)


@pytest.mark.parametrize(("focal_x", "kept"), [(0.0, RED), (0.5, BLUE), (1.0, GREEN)])
def test_the_crops_move_with_the_focal_point(media_root, settings, focal_x, kept):
    photo = panorama(focal_x=focal_x)
    card = photo.current_renditions["crop"][-1]
    assert (card["width"], card["height"]) == (1777, 1000)
    for format in ("jpeg", "webp"):
        assert colour_at_middle(card[format], media_root, settings) == kept
    og = photo.og_rendition
    assert (og.width, og.height) == (1200, 630)
    assert colour_at_middle(og.url, media_root, settings) == kept


def test_a_new_focal_point_makes_the_crops_again_and_stores_them(media_root, settings):
    photo = panorama()
    centred = photo.renditions
    photo.focal_x = 0.0
    photo.save()
    stored = Image.objects.get(pk=photo.pk)
    assert stored.renditions["focal_point"] == [0.0, 0.5]
    assert stored.has_current_renditions()
    assert stored.renditions["crop"][-1]["jpeg"] != centred["crop"][-1]["jpeg"]
    assert stored.renditions["whole"] == centred["whole"]  # the whole photo is not cropped
    assert colour_at_middle(stored.card_picture.fallback.url, media_root, settings) == RED
    assert colour_at_middle(stored.og_rendition.url, media_root, settings) == RED


def post_focal_point(client, photo, focal_x, focal_y):
    """The photo's admin form, with the fields a click on the photo fills."""
    return client.post(
        reverse("admin:articles_image_change", args=[photo.pk]),
        {"alt_text": photo.alt_text, "caption": "", "credit": photo.credit,
         "focal_x": focal_x, "focal_y": focal_y, "_save": "حفظ"},
    )  # fmt: skip


def test_a_click_in_the_admin_sets_the_focal_point(admin_client, media_root, settings):
    photo = panorama()
    response = post_focal_point(admin_client, photo, "1", "0.4")
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.focal_point == (1.0, 0.4)
    assert colour_at_middle(photo.og_rendition.url, media_root, settings) == GREEN
    page = admin_client.get(reverse("admin:articles_image_change", args=[photo.pk]))
    assert 'class="focal-point" style="--focal-x:1.0;--focal-y:0.4"' in page.content.decode()
    assert "js/focal_point" in page.content.decode()


def test_a_focal_point_outside_the_photo_is_refused(admin_client):
    response = post_focal_point(admin_client, panorama(), "1.5", "-0.1")
    form = response.context["adminform"].form
    assert set(form.errors) == {"focal_x", "focal_y"}


def test_photos_without_a_focal_point_keep_their_files(media_root):
    """Renditions made before there were focal points are centred, and stay current."""
    photo = panorama()
    record = dict(photo.renditions)
    del record["focal_point"]
    Image.objects.filter(pk=photo.pk).update(renditions=record)
    assert Image.objects.get(pk=photo.pk).has_current_renditions()
