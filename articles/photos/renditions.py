"""Renditions of a photo: the sizes and formats readers download instead of the original.

Every photo gets, at widths of 320, 640, 960, 1280 and 1920 pixels (never wider than the
original; the original's own width stands in for the first one it cannot reach), the whole
photo and a 16:9 crop for cards, each as WebP and as JPEG, plus one 1200×630 JPEG crop for
link previews. Both crops keep the photo's focal point (`Image.focal_point`, the middle
unless someone chose it) as far as the photo allows. They are made when the photo is saved,
stored in media storage beside the original (one folder per photo), and deleted with the
photo.

What pages need of them (each one's address, width and height, and the bytes of the link
preview's JPEG, which feeds declare) is stored on the photo's row as they are made
(`Image.renditions`, from make_renditions()), so a page has it with the row it loads anyway
and asks neither storage nor imagekit. Working it out is the costly part: imagekit names a
rendition by hashing its pickled spec, about a millisecond a file, 21 files a photo.

Why django-imagekit rather than sorl-thumbnail: its specs are plain classes, sized exactly
and stored anywhere, and it keeps no table of its own (only "this file exists", in Django's
cache, which spares storage a look at each file when the renditions are made again).
"""

import hashlib
import posixpath
from dataclasses import dataclass
from types import SimpleNamespace

from django.conf import settings
from django.core.files.storage import default_storage
from imagekit.cachefiles import ImageCacheFile
from imagekit.cachefiles.backends import get_default_cachefile_backend
from imagekit.cachefiles.state import prefetch_cachefile_states, use_cachefile_state_cache
from imagekit.specs import ImageSpec
from imagekit.utils import open_image, process_image
from pilkit.processors import Anchor, Resize, ResizeToFill

RENDITION_WIDTHS = (320, 640, 960, 1280, 1920)
CARD_ASPECT_RATIO = (16, 9)
# The size Facebook, X and WhatsApp show a link preview at (1.91:1), so that they crop
# nothing themselves: the crop is ours, around the focal point.
OPEN_GRAPH_WIDTH, OPEN_GRAPH_HEIGHT = 1200, 630
# (x, y) from 0 to 1, left to right and top to bottom: where a crop is anchored.
CENTRE = (0.5, 0.5)
# The width of the <img src> that browsers without srcset support download.
MAIN_FALLBACK_WIDTH = 960
CARD_FALLBACK_WIDTH = 640
# For inline photos in a story's body, which are plain <img> without srcset.
BODY_WIDTH = 1280
# The newsroom's thumbnails (the story form's photo picker): the narrowest rendition.
THUMBNAIL_WIDTH = RENDITION_WIDTHS[0]

WEBP, JPEG = "WEBP", "JPEG"
SAVE_OPTIONS = {
    WEBP: {"quality": 78, "method": 4},
    JPEG: {"quality": 82, "optimize": True, "progressive": True},
}
OPEN_GRAPH_OPTIONS = {"quality": 85, "optimize": True, "progressive": True}
# What the renditions are made with (their file names hash it too).
SPECS = repr(
    (
        RENDITION_WIDTHS,
        CARD_ASPECT_RATIO,
        (OPEN_GRAPH_WIDTH, OPEN_GRAPH_HEIGHT),
        SAVE_OPTIONS,
        OPEN_GRAPH_OPTIONS,
    )
)


class RenditionSpec(ImageSpec):
    """One rendition: the whole photo, or a crop anchored at its focal point, at one size,
    in one format."""

    def __init__(self, source, *, width, height, format, crop=False, options=None, anchor=CENTRE):
        self.width, self.height, self.crop = width, height, crop
        self.format = format
        self.options = options or SAVE_OPTIONS[format]
        # Exact sizes, computed from the original's, so a page knows every rendition's
        # width and height without opening a file. rendition_sizes() never asks for more
        # pixels than the original has, so nothing here is ever enlarged.
        if crop:
            # pilkit keeps the part of the photo at `anchor` (0 to 1 on each axis). The
            # middle is named as before, so that the files of photos never given a focal
            # point keep their names (imagekit names a file by hashing its processors).
            anchor = Anchor.CENTER if tuple(anchor) == CENTRE else tuple(anchor)
            self.processors = [ResizeToFill(width, height, anchor=anchor)]
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


def open_graph_size(original_width, original_height):
    """(width, height) of the link preview's 1.91:1 crop, never enlarged."""
    width = min(OPEN_GRAPH_WIDTH, original_width)
    width = min(width, original_height * OPEN_GRAPH_WIDTH // OPEN_GRAPH_HEIGHT)
    return width, max(1, round(width * OPEN_GRAPH_HEIGHT / OPEN_GRAPH_WIDTH))


def _cache_file(source, width, height, format, crop=False, options=None, anchor=CENTRE):
    spec = RenditionSpec(
        source,
        width=width,
        height=height,
        format=format,
        crop=crop,
        options=options,
        anchor=anchor,
    )
    return ImageCacheFile(spec)


def _plan(source, original_width, original_height, focal_point=CENTRE):
    """What pages need of the renditions, as Image.renditions stores it (each one's width,
    height and addresses, and the focal point the crops keep; the link preview's bytes are
    for the caller to add), and the renditions' files, named but not necessarily made, the
    link preview's last."""
    files = []

    def url(width, height, format, crop=False, options=None):
        anchor = focal_point if crop else CENTRE
        cache_file = _cache_file(source, width, height, format, crop, options, anchor)
        files.append(cache_file)
        return cache_file.storage.url(cache_file.name)

    record = {"made_for": _made_for(), "focal_point": list(focal_point)}
    for kind, crop in (("whole", False), ("crop", True)):
        record[kind] = [
            {
                "width": width,
                "height": height,
                "webp": url(width, height, WEBP, crop),
                "jpeg": url(width, height, JPEG, crop),
            }
            for width, height in rendition_sizes(original_width, original_height, crop=crop)
        ]
    width, height = open_graph_size(original_width, original_height)
    record["open_graph"] = {
        "width": width,
        "height": height,
        "url": url(width, height, JPEG, crop=True, options=OPEN_GRAPH_OPTIONS),
    }
    return record, files


def make_renditions(
    source, original_width, original_height, *, focal_point=CENTRE, look_in_storage=False
):
    """Make every rendition that does not exist yet; returns what pages need of them.

    Which exist is imagekit's record in the cache (one round trip for them all), checked
    on the link preview's file, whose size is read anyway; or with `look_in_storage`,
    storage's own answer, file by file. Raises OSError when they cannot be made (the
    original is missing or unreadable).
    """
    record, files = _plan(source, original_width, original_height, focal_point)
    if look_in_storage:
        for cache_file in files:
            if not cache_file.storage.exists(cache_file.name):
                cache_file.generate(force=True)
    else:
        with use_cachefile_state_cache() as states:
            prefetch_cachefile_states(files, state_cache=states)
            for cache_file in files:
                cache_file.generate()
    open_graph = files[-1]
    try:
        record["open_graph"]["bytes"] = open_graph.storage.size(open_graph.name)
    except FileNotFoundError:
        if look_in_storage:
            raise
        # imagekit's record said the file exists, and it is out of date (media restored
        # without its renditions, a photo's name used again): storage is asked about each.
        return make_renditions(
            source, original_width, original_height, focal_point=focal_point, look_in_storage=True
        )
    return record


def planned_renditions(source, original_width, original_height, focal_point=CENTRE):
    """What make_renditions() would return, without making anything (the link preview's
    bytes unknown: 0), for a page to render where the renditions cannot be made."""
    record, _ = _plan(source, original_width, original_height, focal_point)
    record["open_graph"]["bytes"] = 0
    return record


def _made_for():
    """What stored renditions depend on besides the original: the specs, and the storage
    and address they are served from, as a fingerprint (the storage's options may hold
    keys). A row whose renditions were made for others (other widths, photos moved to a
    bucket or behind a CDN) gets them anew from the first page that shows it
    (Image.current_renditions)."""
    served_from = repr((settings.STORAGES["default"], settings.MEDIA_URL))
    return hashlib.sha256(f"{SPECS} {served_from}".encode()).hexdigest()[:16]


def renditions_are_current(record, focal_point=CENTRE):
    """Were these stored renditions made with today's specs, for today's storage, and
    cropped at this focal point? (Those stored before there were focal points are centred.)"""
    return (
        bool(record)
        and record.get("made_for") == _made_for()
        and tuple(record.get("focal_point", CENTRE)) == tuple(focal_point)
    )


# Reading stored renditions: what a page does, with no file, storage or imagekit involved.


def _widest_within(renditions, width):
    """The widest of `renditions` (narrowest first) not wider than `width`, or the narrowest."""
    narrow_enough = [rendition for rendition in renditions if rendition["width"] <= width]
    return narrow_enough[-1] if narrow_enough else renditions[0]


def _srcset(renditions, format):
    return ", ".join(f"{rendition[format]} {rendition['width']}w" for rendition in renditions)


def picture(record, *, crop=False):
    """The whole photo's <picture>, or its 16:9 crop's, from stored renditions."""
    renditions = record["crop" if crop else "whole"]
    fallback = _widest_within(renditions, CARD_FALLBACK_WIDTH if crop else MAIN_FALLBACK_WIDTH)
    largest = renditions[-1]
    return Picture(
        webp_srcset=_srcset(renditions, "webp"),
        jpeg_srcset=_srcset(renditions, "jpeg"),
        fallback=Rendition(fallback["jpeg"], fallback["width"], fallback["height"]),
        width=largest["width"],
        height=largest["height"],
    )


def jpeg_rendition(record, width):
    """The whole photo's widest JPEG rendition at most `width` pixels wide (or the narrowest)."""
    rendition = _widest_within(record["whole"], width)
    return Rendition(rendition["jpeg"], rendition["width"], rendition["height"])


def open_graph_rendition(record):
    open_graph = record["open_graph"]
    return Rendition(open_graph["url"], open_graph["width"], open_graph["height"])


def open_graph_bytes(record):
    return record["open_graph"]["bytes"]


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
    backend = get_default_cachefile_backend()
    for name in names:
        path = posixpath.join(folder, name)
        storage.delete(path)
        # Forget imagekit's "this file exists", so that nothing goes on trusting it.
        backend.cache.delete(backend.get_key(SimpleNamespace(name=path)))
    storage.delete(source_name)
