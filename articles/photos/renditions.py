"""Renditions of a photo: the sizes and formats readers download instead of the original.

Why django-imagekit rather than sorl-thumbnail: imagekit keeps no state in the database (only
"this file exists", in Django's cache), so rendition URLs cost pages no SQL query where sorl
reads its key-value table; and its specs are plain classes, sized exactly and stored anywhere.

Every photo gets, at widths of 320, 640, 960, 1280 and 1920 pixels (never wider than the
original; the original's own width stands in for the first one it cannot reach), the whole
photo and a centred 16:9 crop for cards, each as WebP and as JPEG, plus one 1200-pixel JPEG
for link previews. They are made when the photo is saved, stored in media storage beside the
original (one folder per photo), rebuilt if one goes missing, and deleted with the photo.
"""

import logging
import posixpath
import threading
from dataclasses import dataclass
from types import SimpleNamespace

from cachetools import TTLCache
from django.conf import settings
from django.core.files.storage import default_storage
from imagekit import register
from imagekit.cachefiles import ImageCacheFile
from imagekit.cachefiles.backends import get_default_cachefile_backend
from imagekit.cachefiles.state import prefetch_cachefile_states, use_cachefile_state_cache
from imagekit.specs import ImageSpec
from imagekit.utils import open_image, process_image
from pilkit.processors import Anchor, Resize, ResizeToFill

logger = logging.getLogger(__name__)

RENDITION_WIDTHS = (320, 640, 960, 1280, 1920)
CARD_ASPECT_RATIO = (16, 9)
OPEN_GRAPH_WIDTH = 1200
# The width of the <img src> that browsers without srcset support download.
MAIN_FALLBACK_WIDTH = 960
CARD_FALLBACK_WIDTH = 640
# For inline photos in a story's body, which are plain <img> without srcset.
BODY_WIDTH = 1280

WEBP, JPEG = "WEBP", "JPEG"
SAVE_OPTIONS = {
    WEBP: {"quality": 78, "method": 4},
    JPEG: {"quality": 82, "optimize": True, "progressive": True},
}
OPEN_GRAPH_OPTIONS = {"quality": 85, "optimize": True, "progressive": True}
# A rendition's name is a hash of its spec (imagekit pickles it: about a millisecond per
# file, ten files a <picture>), so each process keeps the URLs it has worked out, for as
# long as it trusts that their files exist; then it looks again.
RENDITION_MEMO_SIZE = 4096
RENDITION_MEMO_SECONDS = 10 * 60


class RenditionSpec(ImageSpec):
    """One rendition: the whole photo or its centred 16:9 crop, at one size, in one format."""

    def __init__(self, source, *, width, height, format, crop=False, options=None):
        self.width, self.height, self.crop = width, height, crop
        self.format = format
        self.options = options or SAVE_OPTIONS[format]
        # Exact sizes, computed from the original's, so a page knows every rendition's
        # width and height without opening a file. rendition_sizes() never asks for more
        # pixels than the original has, so nothing here is ever enlarged.
        if crop:
            self.processors = [ResizeToFill(width, height, anchor=Anchor.CENTER)]
        else:
            self.processors = [Resize(width, height)]
        super().__init__(source=source)

    def generate(self):
        closed = self.source.closed
        if closed:
            self.source.open()
        try:
            photo = open_image(self.source)
            # A JPEG is decoded straight at 1/2, 1/4 or 1/8 scale (libjpeg's DCT scaling)
            # when that still leaves twice the target size, as Pillow's own thumbnail() does:
            # a 320-pixel rendition of a 24-megapixel photo decodes 0.4 megapixels, not 24.
            photo.draft(None, (self.width * 2, self.height * 2))
            return process_image(
                photo, processors=self.processors, format=self.format, options=self.options
            )
        finally:
            if closed:
                self.source.close()


# imagekit runs its rebuild-on-demand strategy for registered generators only.
register.generator("articles:rendition", RenditionSpec)


@dataclass(frozen=True)
class Rendition:
    url: str
    width: int
    height: int


@dataclass(frozen=True)
class Picture:
    """What a <picture> element needs: WebP and JPEG candidates, a fallback, the intrinsic size."""

    webp_srcset: str
    jpeg_srcset: str
    fallback: Rendition
    width: int
    height: int


def rendition_widths(largest):
    """The standard widths below `largest`, then `largest` itself capped at the widest."""
    largest = min(largest, RENDITION_WIDTHS[-1])
    return [width for width in RENDITION_WIDTHS if width < largest] + [largest]


def _proportional(original_width, original_height, width):
    """(width, height) of the whole photo scaled to `width`, or to its own width if narrower."""
    width = min(width, original_width)
    return width, max(1, round(original_height * width / original_width))


def rendition_sizes(original_width, original_height, *, crop=False):
    """(width, height) of each rendition: the whole photo, or its 16:9 crop, never enlarged."""
    if crop:
        ratio_width, ratio_height = CARD_ASPECT_RATIO
        largest = min(original_width, original_height * ratio_width // ratio_height)
        return [
            (width, max(1, round(width * ratio_height / ratio_width)))
            for width in rendition_widths(largest)
        ]
    return [
        _proportional(original_width, original_height, width)
        for width in rendition_widths(original_width)
    ]


def _cache_file(source, width, height, format, crop=False, options=None):
    spec = RenditionSpec(
        source, width=width, height=height, format=format, crop=crop, options=options
    )
    return ImageCacheFile(spec)


def _url(cache_file):
    """(the rendition's URL, whether its file is there), generating it if it is missing.

    When it cannot be made (the original is gone: a restore without the media folder),
    the page still renders, with a broken photo, and the error is logged.
    """
    try:
        return cache_file.url, True
    except OSError:
        logger.exception("Rendition %s could not be made", cache_file.name)
        return cache_file.storage.url(cache_file.name), False


def _urls(cache_files):
    """(the files' URLs, whether all are there), generating any that is missing, in one
    round trip to the cache."""
    with use_cachefile_state_cache() as states:
        prefetch_cachefile_states(cache_files, state_cache=states)
        found = [_url(cache_file) for cache_file in cache_files]
    return [url for url, _ in found], all(there for _, there in found)


def _srcset(urls, sizes):
    return ", ".join(f"{url} {width}w" for url, (width, _) in zip(urls, sizes, strict=True))


_renditions = TTLCache(maxsize=RENDITION_MEMO_SIZE, ttl=RENDITION_MEMO_SECONDS)
_renditions_lock = threading.Lock()


def forget_renditions():
    """Work every rendition's URL out again (its file may have gone: a deleted photo, a test)."""
    with _renditions_lock:
        _renditions.clear()


def _remembered(key, work_out):
    """work_out()'s value, from this process's memo when its files were all there.

    work_out() returns (value, whether every file is there); a value with a rendition that
    could not be made is not remembered, so that the next page tries again.
    """
    with _renditions_lock:
        remembered = _renditions.get(key)
    if remembered is not None:
        return remembered
    value, complete = work_out()
    if complete:
        with _renditions_lock:
            _renditions[key] = value
    return value


def picture(source, original_width, original_height, *, crop=False):
    def work_out():
        dimensions = rendition_sizes(original_width, original_height, crop=crop)
        webp = [_cache_file(source, width, height, WEBP, crop) for width, height in dimensions]
        jpeg = [_cache_file(source, width, height, JPEG, crop) for width, height in dimensions]
        urls, complete = _urls(webp + jpeg)
        return _picture(dimensions, urls, crop), complete

    return _remembered(("picture", source.name, original_width, original_height, crop), work_out)


def _picture(dimensions, urls, crop):
    webp_urls, jpeg_urls = urls[: len(dimensions)], urls[len(dimensions) :]
    fallback_width = CARD_FALLBACK_WIDTH if crop else MAIN_FALLBACK_WIDTH
    # The widest rendition that is not wider than the fallback width (or the narrowest).
    index = max([0] + [i for i, (width, _) in enumerate(dimensions) if width <= fallback_width])
    largest_width, largest_height = dimensions[-1]
    return Picture(
        webp_srcset=_srcset(webp_urls, dimensions),
        jpeg_srcset=_srcset(jpeg_urls, dimensions),
        fallback=Rendition(jpeg_urls[index], *dimensions[index]),
        width=largest_width,
        height=largest_height,
    )


def open_graph_cache_file(source, original_width, original_height):
    """The Open Graph rendition's file (its storage name and size), with its width and height."""
    width, height = _proportional(original_width, original_height, OPEN_GRAPH_WIDTH)
    return _cache_file(source, width, height, JPEG, options=OPEN_GRAPH_OPTIONS), width, height


def open_graph_rendition(source, original_width, original_height):
    def work_out():
        cache_file, width, height = open_graph_cache_file(source, original_width, original_height)
        url, complete = _url(cache_file)
        return Rendition(url, width, height), complete

    return _remembered(("open graph", source.name, original_width, original_height), work_out)


def open_graph_file_size(source, original_width, original_height):
    """Bytes of the Open Graph rendition (feeds' enclosures declare them).

    Asked of storage (a stat on disk, an HTTP request on S3) once per process and memo
    period: the rendition's name comes from the original's random name and the rendition's
    settings, so it always names the same file.
    """

    def work_out():
        cache_file, _, _ = open_graph_cache_file(source, original_width, original_height)
        _url(cache_file)  # Made first if it is missing.
        try:
            return cache_file.storage.size(cache_file.name), True
        except OSError:
            return 0, False

    return _remembered(("open graph size", source.name, original_width, original_height), work_out)


def single_rendition(source, original_width, original_height, width, format=JPEG):
    """One rendition of the whole photo, `width` pixels wide or the original's width."""
    width, height = _proportional(original_width, original_height, width)

    def work_out():
        url, complete = _url(_cache_file(source, width, height, format))
        return Rendition(url, width, height), complete

    return _remembered(("single", source.name, width, height, format), work_out)


def generate_renditions(source, original_width, original_height):
    """Make every rendition that does not exist yet; returns how many files there are."""
    files = [open_graph_cache_file(source, original_width, original_height)[0]]
    for crop in (False, True):
        for width, height in rendition_sizes(original_width, original_height, crop=crop):
            files += [_cache_file(source, width, height, fmt, crop) for fmt in (WEBP, JPEG)]
    for cache_file in files:
        cache_file.generate()
    return len(files)


def renditions_folder(source_name):
    """Where imagekit's namer puts a photo's renditions: one folder per original."""
    return posixpath.join(settings.IMAGEKIT_CACHEFILE_DIR, posixpath.splitext(source_name)[0])


def delete_image_files(source_name, storage=default_storage):
    """Delete an original and every rendition made from it (whatever the specs were then)."""
    folder = renditions_folder(source_name)
    try:
        _, names = storage.listdir(folder)
    except FileNotFoundError:
        names = []
    forget_renditions()
    backend = get_default_cachefile_backend()
    for name in names:
        path = posixpath.join(folder, name)
        storage.delete(path)
        # Forget imagekit's "this file exists", so that nothing goes on trusting it.
        backend.cache.delete(backend.get_key(SimpleNamespace(name=path)))
    storage.delete(source_name)
