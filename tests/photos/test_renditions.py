"""Renditions: widths, formats, 16:9 crops, made once and kept in media storage (issue 5);
what pages need of them stored on the photo's row (issue 13)."""

import io
import shutil

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.urls import reverse
from imagekit.cachefiles import ImageCacheFile
from PIL import Image as PillowImage

from articles.models import Image
from articles.photos import renditions
from tests.factories import ArticleFactory

from . import files

pytestmark = pytest.mark.django_db

WEBP_JPEG = ("webp", "jpeg")


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


def test_open_graph_rendition_is_a_1200_by_630_jpeg(media_root, settings):
    image = make_image(files.landscape((3000, 2000)))
    og = image.og_rendition
    assert (og.width, og.height) == (1200, 630)
    rendition = decoded(og.url, media_root, settings)
    assert rendition.format == "JPEG" and rendition.size == (1200, 630)
    # A photo narrower than that, or a panorama, is cropped without being enlarged.
    assert renditions.open_graph_size(800, 450) == (800, 420)
    assert renditions.open_graph_size(3000, 500) == (952, 500)


def test_renditions_are_made_when_the_photo_is_saved(media_root):
    make_image(files.landscape((1000, 600)))
    stored = [path for path in (media_root / "renditions").rglob("*") if path.is_file()]
    # 320, 640, 960, 1000 whole; 320, 640, 960, 1000 cropped (1000×562); each twice; Open Graph
    assert len(stored) == 17


def test_what_pages_need_is_stored_on_the_row_when_the_photo_is_saved(media_root, settings):
    image = make_image(files.landscape((1000, 600)))
    stored = Image.objects.values_list("renditions", flat=True).get(pk=image.pk)
    assert [(r["width"], r["height"]) for r in stored["whole"]] == [
        (320, 192),
        (640, 384),
        (960, 576),
        (1000, 600),
    ]
    assert [(r["width"], r["height"]) for r in stored["crop"]] == [
        (320, 180),
        (640, 360),
        (960, 540),
        (1000, 562),
    ]
    urls = [r[format] for kind in ("whole", "crop") for r in stored[kind] for format in WEBP_JPEG]
    urls.append(stored["open_graph"]["url"])
    paths = {media_root / url.removeprefix(settings.MEDIA_URL) for url in urls}
    assert len(paths) == 17 and all(path.is_file() for path in paths)
    open_graph = media_root / stored["open_graph"]["url"].removeprefix(settings.MEDIA_URL)
    assert stored["open_graph"]["bytes"] == open_graph.stat().st_size


def test_a_new_file_stores_its_own_renditions():
    image = make_image(files.landscape((1000, 600)))
    image.file = ContentFile(files.encode(files.landscape((800, 450)), "JPEG"), name="new.jpg")
    image.save()
    stored = Image.objects.get(pk=image.pk)
    folder = image.file.name.rsplit(".", 1)[0]
    assert stored.main_picture.width == 800 and folder in stored.og_rendition.url


def test_pages_reuse_the_stored_renditions(monkeypatch):
    image = make_image(files.landscape((1000, 600)))
    fresh = Image.objects.get(pk=image.pk)

    def no_generation(*args, **kwargs):
        raise AssertionError("a rendition was generated again")

    monkeypatch.setattr(renditions.RenditionSpec, "generate", no_generation)
    cache.clear()  # even when the cache has forgotten them
    assert fresh.main_picture.webp_srcset and fresh.card_picture.jpeg_srcset


def refuse(*args, **kwargs):
    raise AssertionError("storage or imagekit was asked")


def test_a_page_render_asks_neither_storage_nor_imagekit(client, monkeypatch):
    """The story page, the home page's cards, a feed's enclosure and the news sitemap's
    photo come from the photo's row alone."""
    image = make_image(files.landscape((1000, 600)))
    story = ArticleFactory(main_image=image)
    pages = {
        story.get_absolute_url(): image.main_picture.webp_srcset,
        reverse("home"): image.card_picture.webp_srcset,
        reverse("feeds:rss"): f'length="{image.og_file_size}"',
        reverse("sitemap_news"): image.og_rendition.url,
    }

    for question in ("exists", "size", "open", "save", "listdir", "url"):
        monkeypatch.setattr(storages["default"], question, refuse)
    monkeypatch.setattr(ImageCacheFile, "__init__", refuse)
    monkeypatch.setattr(renditions.RenditionSpec, "__init__", refuse)
    cache.clear()  # nor imagekit's record of the files
    for url, photo in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert photo in response.content.decode(), url


def test_a_row_saved_before_renditions_were_stored_gets_them_once(
    monkeypatch, django_assert_num_queries, django_capture_on_commit_callbacks
):
    image = make_image(files.landscape((1000, 600)))
    Image.objects.filter(pk=image.pk).update(renditions=None)  # as migration 0008 left it
    old = Image.objects.get(pk=image.pk)

    # One UPDATE of that row; no save, so no page is retired: readers see the same photo.
    with django_capture_on_commit_callbacks() as callbacks, django_assert_num_queries(1):
        assert old.main_picture == image.main_picture
    assert callbacks == []
    assert Image.objects.get(pk=image.pk).renditions == image.renditions

    monkeypatch.setattr(ImageCacheFile, "__init__", refuse)  # not worked out again
    assert Image.objects.get(pk=image.pk).card_picture == image.card_picture


def test_renditions_of_a_replaced_file_are_not_stored_over_the_new_ones():
    image = make_image(files.landscape((1000, 600)))
    loaded_before = Image.objects.get(pk=image.pk)
    loaded_before.renditions = None  # as if loaded before they were stored
    image.file = ContentFile(files.encode(files.landscape((800, 450)), "JPEG"), name="new.jpg")
    image.save()
    assert loaded_before.main_picture.width == 1000  # its own file's, for its own page
    assert Image.objects.get(pk=image.pk).renditions == image.renditions


def test_renditions_made_for_another_media_address_are_stored_again(settings):
    image = make_image(files.landscape((1000, 600)))
    settings.MEDIA_URL = "https://media.example.org/"  # photos moved behind a CDN
    assert Image.objects.get(pk=image.pk).og_rendition.url.startswith(settings.MEDIA_URL)
    stored = Image.objects.get(pk=image.pk).renditions
    assert stored["open_graph"]["url"].startswith(settings.MEDIA_URL)


def test_a_missing_rendition_is_rebuilt_by_store_renditions(media_root, settings):
    """Pages no longer look for the files: after a restore that lost some renditions,
    `manage.py store_renditions` looks in storage for each and makes those missing."""
    image = make_image(files.landscape((1000, 600)))
    url, _ = candidates(image.main_picture.webp_srcset)[1]
    path = media_root / url.removeprefix(settings.MEDIA_URL)
    path.unlink()
    # imagekit's record in the cache still says the file exists: storage is asked anyway.
    call_command("store_renditions", stdout=io.StringIO())
    assert path.exists() and PillowImage.open(path).size == (640, 384)
    assert Image.objects.get(pk=image.pk).main_picture == image.main_picture


def test_renditions_lost_while_imagekit_still_records_them_are_made_again(media_root):
    image = make_image(files.landscape((1000, 600)))
    Image.objects.filter(pk=image.pk).update(renditions=None)
    shutil.rmtree(media_root / "renditions")  # imagekit's record in the cache says they exist
    assert Image.objects.get(pk=image.pk).main_picture == image.main_picture
    assert len([path for path in (media_root / "renditions").rglob("*") if path.is_file()]) == 17


def test_renditions_that_cannot_be_made_are_not_stored(media_root):
    image = make_image(files.landscape((1000, 600)))
    Image.objects.filter(pk=image.pk).update(renditions=None)
    original = media_root / image.file.name
    kept = original.read_bytes()
    shutil.rmtree(media_root / "renditions")
    original.unlink()
    cache.clear()
    broken = Image.objects.get(pk=image.pk).main_picture  # logged, the page still renders
    assert broken == image.main_picture  # the addresses the renditions will have
    assert Image.objects.get(pk=image.pk).renditions is None  # the next page tries again

    original.write_bytes(kept)  # the media folder restored
    cache.clear()  # imagekit's record of the failed attempt, which expires by itself
    again = Image.objects.get(pk=image.pk)
    assert again.main_picture == broken
    assert Image.objects.get(pk=image.pk).renditions == again.renditions
    url, _ = candidates(again.main_picture.webp_srcset)[0]
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
