"""The admin's photo form takes real, still, reasonably sized photos only (issue 5).

Every refusal is explained in Arabic, and a refused upload leaves nothing behind:
no row and no file in MEDIA_ROOT.
"""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image as PillowImage
from PIL import ImageFile, PngImagePlugin, features

from articles.models import Image
from articles.photos.uploads import MAX_UPLOAD_BYTES

from . import files

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:articles_image_add")


def photo_form(upload, **overrides):
    return {
        "file": upload,
        "alt_text": "متظاهرون أمام مبنى البرلمان",
        "caption": "تجمّع المتظاهرون صباح الأحد.",
        "credit": "سامر الخطيب/خبرين",
        "_save": "حفظ",
        **overrides,
    }


def refusal(client, upload):
    response = client.post(ADD_URL, photo_form(upload))
    assert response.status_code == 200, "the form should have been shown again with an error"
    return response.context["adminform"].form.errors["file"]


REFUSED = {
    "text file named .jpg": (
        lambda: files.upload(b"These are the minutes of the meeting.\n" * 40, "minutes.jpg"),
        "هذا الملف ليس صورة يمكن قراءتها. ارفع صورة بإحدى هذه الصيغ: JPEG، PNG، WebP",
    ),
    "truncated JPEG": (
        lambda: files.upload(files.truncated_jpeg()),
        "الملف تالف أو ناقص. صدّر الصورة من جديد ثم ارفعها.",
    ),
    # GIF is never opened, animated or not.
    "animated GIF": (
        lambda: files.upload(files.animated("GIF"), "moving.gif", "image/gif"),
        "ملفات GIF غير مقبولة. ارفع صورة بإحدى هذه الصيغ: JPEG، PNG، WebP",
    ),
    "animated WebP": (
        lambda: files.upload(files.animated("WEBP"), "moving.webp", "image/webp"),
        "الصور المتحركة غير مقبولة؛ ارفع صورة ثابتة.",
    ),
    "animated PNG": (
        lambda: files.upload(files.animated("PNG"), "moving.png", "image/png"),
        "الصور المتحركة غير مقبولة؛ ارفع صورة ثابتة.",
    ),
    "still GIF": (
        lambda: files.upload(files.encode(files.landscape(), "GIF"), "still.gif", "image/gif"),
        "ملفات GIF غير مقبولة. ارفع صورة بإحدى هذه الصيغ: JPEG، PNG، WebP",
    ),
    "decompression bomb": (
        lambda: files.upload(files.png_bomb(), "bomb.png", "image/png"),
        "عدد بكسلات الصورة أكبر بكثير من 50 ميغابكسل المقبولة.",
    ),
    "80 megapixels": (
        lambda: files.upload(files.png_header_only(10_000, 8_000), "huge.png", "image/png"),
        "أبعاد الصورة 10000×8000 بكسل، والحد الأقصى المقبول 50 ميغابكسل.",
    ),
    "larger than 20 MB": (
        lambda: files.upload(files.jpeg() + b"\0" * MAX_UPLOAD_BYTES),
        "حجم الملف 20.0 ميغابايت، والحد الأقصى للصورة 20 ميغابايت.",
    ),
}


@pytest.mark.parametrize("case", REFUSED)
def test_refused_upload_is_explained_in_arabic_and_leaves_nothing(admin_client, stored_files, case):
    make_upload, message = REFUSED[case]
    errors = refusal(admin_client, make_upload())
    assert len(errors) == 1
    assert errors[0].startswith(message), errors[0]
    assert Image.objects.count() == 0
    assert stored_files() == []


def test_decompression_bomb_is_refused_before_it_is_decoded(admin_client, monkeypatch):
    """Decoding 30000×30000 pixels would take 900 MB; the header alone decides."""

    def no_decoding(self, *args, **kwargs):
        raise AssertionError("the bomb was decoded")

    monkeypatch.setattr(PillowImage.Image, "load", no_decoding)
    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    monkeypatch.setattr(PngImagePlugin.PngImageFile, "load", no_decoding, raising=False)
    errors = refusal(admin_client, files.upload(files.png_bomb(), "bomb.png", "image/png"))
    assert "ميغابكسل" in errors[0]


def test_jpeg_png_and_webp_are_accepted(admin_client):
    for format, name in [("JPEG", "a.jpg"), ("PNG", "b.png"), ("WEBP", "c.webp")]:
        upload = files.upload(files.encode(files.landscape(), format), name)
        response = admin_client.post(ADD_URL, photo_form(upload, alt_text=name))
        assert response.status_code == 302, response.context["adminform"].form.errors
        assert Image.objects.get(alt_text=name).file.name.endswith(name[-4:].lstrip("."))


def test_the_content_decides_not_the_name(admin_client):
    """A JPEG called "notes.txt" is a JPEG: accepted, and stored as .jpg."""
    upload = files.upload(files.jpeg(), "notes.txt", "text/plain")
    assert admin_client.post(ADD_URL, photo_form(upload)).status_code == 302
    assert Image.objects.get().file.name.endswith(".jpg")


def test_cmyk_jpeg_is_converted_to_rgb(admin_client):
    upload = files.upload(files.cmyk_jpeg(), "print.jpg")
    assert admin_client.post(ADD_URL, photo_form(upload)).status_code == 302
    stored = PillowImage.open(Image.objects.get().file)
    assert stored.mode == "RGB"
    red, green, blue = stored.getpixel((10, 10))
    assert red > 200 and green < 60 and blue < 60  # cyan 0, magenta and yellow full: red


def test_exif_orientation_is_applied(admin_client):
    """The camera said "rotate 90°": the stored photo stands upright, and says nothing more."""
    upload = files.upload(files.jpeg_with_gps(size=(1200, 600)))
    assert admin_client.post(ADD_URL, photo_form(upload)).status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height) == (600, 1200)
    stored = PillowImage.open(image.file)
    assert stored.size == (600, 1200)
    assert files.ORIENTATION not in stored.getexif()


def test_the_uploaders_file_name_never_reaches_the_reader(admin_client):
    upload = files.upload(files.jpeg(), "IMG_2041 مصدر سري.jpg")
    assert admin_client.post(ADD_URL, photo_form(upload)).status_code == 302
    image = Image.objects.get()
    assert "IMG_2041" not in image.file.name and "مصدر" not in image.file.name
    assert image.file.name.startswith("photos/")
    html = image.main_picture.webp_srcset + image.main_picture.jpeg_srcset
    assert "IMG_2041" not in html


def test_replacing_a_photo_file_removes_the_old_one(
    admin_client, stored_files, django_capture_on_commit_callbacks
):
    assert admin_client.post(ADD_URL, photo_form(files.upload(files.jpeg()))).status_code == 302
    image = Image.objects.get()
    old_name = image.file.name
    change_url = reverse("admin:articles_image_change", args=[image.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(change_url, photo_form(files.upload(files.jpeg(color="navy"))))
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.file.name != old_name
    assert old_name not in stored_files()
    assert not [name for name in stored_files() if old_name.rsplit(".", 1)[0] in name]


def test_form_accepts_only_photo_types_in_the_file_picker(admin_client):
    html = admin_client.get(ADD_URL).content.decode()
    assert 'accept="image/jpeg,image/png,image/webp' in html


def test_a_photo_saved_outside_a_form_is_checked_too():
    """The demo loader and the shell save photos directly: they are checked and stripped."""
    with pytest.raises(ValidationError):
        Image(file=ContentFile(b"not a photo", name="x.jpg"), alt_text="x", credit="y").save()
    image = Image(file=ContentFile(files.jpeg_with_gps(), name="x.jpg"), alt_text="x", credit="y")
    image.save()
    with image.file.open("rb") as stored:
        assert files.metadata_of(stored.read())["gps"] == {}


def test_avif_is_accepted_where_pillow_reads_it(admin_client):
    if not features.check("avif"):
        pytest.skip("this Pillow has no AVIF support")
    upload = files.upload(files.encode(files.landscape(), "AVIF"), "a.avif", "image/avif")
    assert admin_client.post(ADD_URL, photo_form(upload)).status_code == 302
    assert Image.objects.get().file.name.endswith(".avif")
