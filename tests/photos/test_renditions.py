"""Renditions: widths, formats, 16:9 crops, made once and kept in media storage (issue 5)."""

import io

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from PIL import Image as PillowImage

from articles.models import Image
from articles.photos import renditions

from . import files

pytestmark = pytest.mark.django_db


def make_image(pillow_image, format="JPEG"):
    return Image.objects.create(
        file=ContentFile(files.encode(pillow_image, format), name="photo.jpg"),
        alt_text="صورة",
        credit="خبرين",
    )


def decoded(url, media_root, settings):
    path = media_root / url.removeprefix(settings.MEDIA_URL)
    return PillowImage.open(io.BytesIO(path.read_bytes()))


def candidates(srcset):
    """[(url, width)] from a srcset attribute."""
    return [(url, int(width[:-1])) for url, width in (c.split() for c in srcset.split(", "))]


def test_large_photo_gets_every_width_in_webp_and_jpeg(media_root, settings):
    image = make_image(files.landscape((3000, 2000)))
    picture = image.main_picture
    for srcset, format in [(picture.webp_srcset, "WEBP"), (picture.jpeg_srcset, "JPEG")]:
        found = candidates(srcset)
        assert [width for _, width in found] == [320, 640, 960, 1280, 1920]
        for url, width in found:
            rendition = decoded(url, media_root, settings)
            assert rendition.format == format
            assert rendition.size == (width, round(2000 * width / 3000))
    assert (picture.width, picture.height) == (1920, 1280)
    assert picture.fallback.width == 960 and picture.fallback.url.endswith(".jpg")


def test_small_photo_is_never_enlarged():
    """An 800-pixel original: 320 and 640, then the original's own width instead of 960."""
    image = make_image(files.landscape((800, 450)))
    assert [width for _, width in candidates(image.main_picture.webp_srcset)] == [320, 640, 800]
    assert (image.main_picture.width, image.main_picture.height) == (800, 450)
    assert image.og_rendition.width == 800


def test_widths_are_capped_at_the_widest_and_never_repeated():
    assert renditions.rendition_widths(5000) == [320, 640, 960, 1280, 1920]
    assert renditions.rendition_widths(1920) == [320, 640, 960, 1280, 1920]
    assert renditions.rendition_widths(1000) == [320, 640, 960, 1000]
    assert renditions.rendition_widths(640) == [320, 640]
    assert renditions.rendition_widths(200) == [200]


def test_card_crops_are_16_by_9_and_keep_the_middle(media_root, settings):
    image = make_image(files.banded((1600, 1200)))  # 4:3, blue in the middle third
    picture = image.card_picture
    found = candidates(picture.webp_srcset)
    assert [width for _, width in found] == [320, 640, 960, 1280, 1600]
    for url, width in found + candidates(picture.jpeg_srcset):
        crop = decoded(url, media_root, settings).convert("RGB")
        assert crop.size == (width, width * 9 // 16)
        red, green, blue = crop.getpixel((width // 2, crop.height // 2))
        assert blue > 200 and red < 60


def test_card_crop_of_a_panorama_keeps_its_centre_and_is_not_enlarged():
    image = make_image(files.banded((3000, 500)))
    widths = [width for _, width in candidates(image.card_picture.jpeg_srcset)]
    assert widths == [320, 640, 888]  # 500 × 16 / 9 = 888: no taller crop exists
    assert (image.card_picture.width, image.card_picture.height) == (888, 500)


def test_open_graph_rendition_is_a_1200_pixel_jpeg(media_root, settings):
    image = make_image(files.landscape((3000, 2000)))
    og = image.og_rendition
    assert (og.width, og.height) == (1200, 800)
    rendition = decoded(og.url, media_root, settings)
    assert rendition.format == "JPEG" and rendition.size == (1200, 800)


def test_renditions_are_made_when_the_photo_is_saved(media_root):
    make_image(files.landscape((1000, 600)))
    stored = [path for path in (media_root / "renditions").rglob("*") if path.is_file()]
    # 320, 640, 960, 1000 whole; 320, 640, 960, 1000 cropped (1000×562); each twice; Open Graph
    assert len(stored) == 17


def test_pages_reuse_the_stored_renditions(monkeypatch):
    image = make_image(files.landscape((1000, 600)))
    fresh = Image.objects.get(pk=image.pk)

    def no_generation(*args, **kwargs):
        raise AssertionError("a rendition was generated again")

    monkeypatch.setattr(renditions.RenditionSpec, "generate", no_generation)
    cache.clear()  # even when the cache has forgotten them, the files are found in storage
    assert fresh.main_picture.webp_srcset and fresh.card_picture.jpeg_srcset


def test_a_missing_rendition_is_rebuilt_on_demand(media_root, settings):
    image = make_image(files.landscape((1000, 600)))
    url, _ = candidates(image.main_picture.webp_srcset)[1]
    path = media_root / url.removeprefix(settings.MEDIA_URL)
    path.unlink()
    # imagekit looks again once its cached "exists" expires (settings: a day), and each
    # process once its memo does (renditions.RENDITION_MEMO_SECONDS).
    cache.clear()
    renditions.forget_renditions()

    again = Image.objects.get(pk=image.pk).main_picture
    assert candidates(again.webp_srcset)[1][0] == url
    assert path.exists() and PillowImage.open(path).size == (640, 384)


def test_each_process_works_a_picture_out_once(monkeypatch):
    image = make_image(files.landscape((1000, 600)))
    first = Image.objects.get(pk=image.pk).card_picture

    def no_lookup(*args, **kwargs):
        raise AssertionError("the rendition URLs were worked out again")

    monkeypatch.setattr(renditions, "_urls", no_lookup)
    assert Image.objects.get(pk=image.pk).card_picture == first


def test_a_picture_with_a_rendition_that_cannot_be_made_is_not_remembered(media_root):
    image = make_image(files.landscape((1000, 600)))
    original = media_root / image.file.name
    kept = original.read_bytes()
    for path in (media_root / "renditions").rglob("*.*"):
        path.unlink()
    original.unlink()
    cache.clear()
    renditions.forget_renditions()
    broken = Image.objects.get(pk=image.pk).main_picture  # logged, the page still renders

    original.write_bytes(kept)  # the media folder restored
    cache.clear()  # imagekit's own record of the files, which expires by itself
    again = Image.objects.get(pk=image.pk).main_picture
    assert again == broken  # the same addresses, and now their files exist
    url, _ = candidates(again.webp_srcset)[0]
    assert (media_root / url.removeprefix("/media/")).exists()


def test_png_with_transparency_is_flattened_for_jpeg_and_kept_for_webp(media_root, settings):
    transparent = PillowImage.new("RGBA", (800, 450), (0, 0, 255, 0))
    image = make_image(transparent, "PNG")
    assert image.file.name.endswith(".png")
    jpeg_url, _ = candidates(image.main_picture.jpeg_srcset)[0]
    assert decoded(jpeg_url, media_root, settings).convert("RGB").getpixel((5, 5)) == (
        255,
        255,
        255,
    )
    webp_url, _ = candidates(image.main_picture.webp_srcset)[0]
    assert decoded(webp_url, media_root, settings).mode == "RGBA"
