"""A photo never reveals where a source was: no EXIF, GPS or XMP survives the upload (issue 5)."""

import pytest
from django.urls import reverse

from articles.models import Image

from . import files

pytestmark = pytest.mark.django_db


@pytest.fixture
def uploaded_with_gps(admin_client):
    upload = files.upload(files.jpeg_with_gps(size=(2400, 1350)), "from-the-source.jpg")
    response = admin_client.post(
        reverse("admin:articles_image_add"),
        {"file": upload, "alt_text": "صورة من المصدر", "credit": "خبرين", "_save": "حفظ"},
    )
    assert response.status_code == 302
    return Image.objects.get()


def test_the_test_photo_does_carry_gps_xmp_and_camera():
    """Guards the tests below: they would pass vacuously on a file without metadata."""
    metadata = files.metadata_of(files.jpeg_with_gps())
    assert metadata["gps"][2] == (50.0, 27.0, 0.5)
    assert metadata["exif"][files.MODEL] == "Leaky 3000"
    assert metadata["xmp"]


def assert_reveals_nothing(data, what):
    metadata = files.metadata_of(data)
    assert metadata["gps"] == {}, what
    assert metadata["exif"] == {}, what
    assert not metadata["exif_block"], what
    assert not metadata["xmp"], what
    assert not metadata["icc"], what
    for leak in (b"SourceCam", b"Leaky 3000", b"SourceTown", b"GPS"):
        assert leak not in data, f"{leak!r} in {what}"


def test_stored_original_has_no_gps_exif_or_xmp(uploaded_with_gps):
    with uploaded_with_gps.file.open("rb") as original:
        assert_reveals_nothing(original.read(), "the stored original")


def test_no_rendition_has_gps_exif_or_xmp(uploaded_with_gps, media_root):
    renditions = [path for path in (media_root / "renditions").rglob("*") if path.is_file()]
    assert len(renditions) == 21  # 5 widths × 2 formats × (whole, card crop) + Open Graph
    for path in renditions:
        assert_reveals_nothing(path.read_bytes(), path.name)
