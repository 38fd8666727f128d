"""Only the decoders of the accepted formats ever see an uploaded file's bytes.

Pillow reads some 40 formats, and its plugins for the rarer ones (TIFF, EPS through
Ghostscript, old bitmap formats) are where its security fixes keep landing. An upload is
opened with the plugins of `ACCEPTED_FORMATS` alone: a file of any other format is refused
with the usual Arabic message, naming its format where its signature tells it, and no
other plugin parses it, even when Pillow could have decoded it.
"""

import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from PIL import Image as PillowImage

from articles.models import Image
from articles.photos.uploads import ACCEPTED_FORMATS, prepare_image

from . import files
from .test_uploads import refusal

pytestmark = pytest.mark.django_db

ACCEPTED_NAMES = "JPEG، PNG، WebP"


def not_accepted(format_name):
    return f"ملفات {format_name} غير مقبولة. ارفع صورة بإحدى هذه الصيغ: {ACCEPTED_NAMES}"


NOT_AN_IMAGE = f"هذا الملف ليس صورة يمكن قراءتها. ارفع صورة بإحدى هذه الصيغ: {ACCEPTED_NAMES}"


def small(format):
    return files.encode(files.landscape((40, 30)), format)


# name -> (file bytes, uploaded name, message the uploader reads)
OTHER_FORMATS = {
    "TIFF": (small("TIFF"), "scan.tif", not_accepted("TIFF")),
    "BMP": (small("BMP"), "photo.bmp", not_accepted("BMP")),
    "still GIF named .jpg": (small("GIF"), "photo.jpg", not_accepted("GIF")),
    # Refused as a GIF before anything counts its frames: the GIF plugin never runs.
    "animated GIF": (files.animated("GIF"), "moving.gif", not_accepted("GIF")),
    "EPS named .jpg": (small("EPS"), "photo.jpg", not_accepted("EPS")),
    "PPM": (small("PPM"), "photo.ppm", not_accepted("PPM")),
    "ICO": (small("ICO"), "favicon.png", not_accepted("ICO")),
    # A format Pillow knows by no signature (SPIDER's) gets the generic refusal.
    "SPIDER named .jpg": (small("SPIDER"), "photo.jpg", NOT_AN_IMAGE),
}


@pytest.mark.parametrize("case", OTHER_FORMATS)
def test_a_photo_of_another_format_is_refused_in_arabic(admin_client, stored_files, case):
    data, name, message = OTHER_FORMATS[case]
    errors = refusal(admin_client, files.upload(data, name, "image/jpeg"))
    assert len(errors) == 1
    assert errors[0].startswith(message), errors[0]
    assert Image.objects.count() == 0
    assert stored_files() == []


@pytest.fixture
def other_plugins_explode(monkeypatch):
    """Every Pillow plugin but the accepted ones fails the test if it is asked to open a file.

    The signature tests stay: they only compare a file's first bytes.
    """
    PillowImage.init()
    opened = []
    for format_name, (_factory, accept) in list(PillowImage.OPEN.items()):
        if format_name in ACCEPTED_FORMATS:
            continue

        def factory(fp, filename=None, format_name=format_name):
            opened.append(format_name)
            raise AssertionError(f"the {format_name} plugin was asked to open an upload")

        monkeypatch.setitem(PillowImage.OPEN, format_name, (factory, accept))
    return opened


def refusal_of(data, name="photo.jpg"):
    with translation.override("ar"), pytest.raises(ValidationError) as refused:
        prepare_image(files.upload(data, name))
    return refused.value.messages


@pytest.mark.parametrize("case", OTHER_FORMATS)
def test_no_other_plugin_parses_an_upload(other_plugins_explode, case):
    data, name, message = OTHER_FORMATS[case]
    [error] = refusal_of(data, name)
    assert error.startswith(message), error
    assert other_plugins_explode == []


def test_the_accepted_formats_still_pass_with_the_other_plugins_blocked(other_plugins_explode):
    for format in ("JPEG", "PNG", "WEBP"):
        prepared = prepare_image(files.upload(files.encode(files.landscape((80, 60)), format)))
        assert PillowImage.open(prepared, formats=[format]).format == format
    assert other_plugins_explode == []


def test_a_tiff_pillow_could_decode_is_refused():
    """The TIFF is a good photo to Pillow at large; to the upload it is a refused format."""
    tiff = files.encode(files.landscape((120, 90)), "TIFF")
    unrestricted = PillowImage.open(io.BytesIO(tiff))
    unrestricted.load()
    assert (unrestricted.format, unrestricted.size) == ("TIFF", (120, 90))

    [error] = refusal_of(tiff, "photo.jpg")
    assert error.startswith(not_accepted("TIFF")), error


def test_every_image_open_names_exactly_the_accepted_formats(monkeypatch):
    """Pillow is told the formats on every open, for an accepted photo and a refused file."""
    calls = []
    real_open = PillowImage.open

    def spy(fp, mode="r", formats=None):
        calls.append(formats)
        return real_open(fp, mode, formats)

    monkeypatch.setattr(PillowImage, "open", spy)
    prepare_image(files.upload(files.jpeg()))
    refusal_of(small("TIFF"))
    refusal_of(files.truncated_jpeg())

    assert len(calls) >= 5  # header and decoding of the JPEG, the TIFF's header, ...
    assert all(formats is not None for formats in calls)
    assert {tuple(sorted(formats)) for formats in calls} == {tuple(sorted(ACCEPTED_FORMATS))}
    assert set(ACCEPTED_FORMATS) <= {"JPEG", "PNG", "WEBP", "AVIF"}
