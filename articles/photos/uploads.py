"""What an uploaded photo must be, and how it is cleaned before it is stored.

Every way a photo enters the site (the admin's photo form and the body editor's
inline upload, through `forms.ImageUploadField`; `Image.save()` for anything else) goes
through `prepare_image()`: the file is judged by what Pillow finds in it, never by its
name or declared type, and what is stored is a fresh encoding that carries no EXIF, GPS,
XMP or colour profile, so a photo never reveals where, when or with what it was taken.
"""

import io
import struct
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image as PillowImage
from PIL import ImageCms, ImageOps, UnidentifiedImageError, features

from lib.text import join_names

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# Room for a 45-megapixel professional camera's photo, small enough that decoding one is
# safe (50 million pixels take 200 MB of memory with an alpha channel).
MAX_PIXELS = 50_000_000

# Pillow format name -> stored file extension. AVIF only where this Pillow reads it.
ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
if features.check("avif"):
    ACCEPTED_FORMATS["AVIF"] = "avif"
FORMAT_NAMES = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "AVIF": "AVIF"}

# The stored original is the master every rendition is made from: keep it close
# to the upload.
ORIGINAL_SAVE_OPTIONS = {
    "JPEG": {"quality": 92, "optimize": True},
    "PNG": {},
    "WEBP": {"quality": 92},
    "AVIF": {"quality": 90},
}

MESSAGES = {
    "too_large": _(
        "The file is %(size)s MB; a photo may be at most %(limit)s MB. "
        "Export it smaller and upload it again."
    ),
    "not_an_image": _(
        "This file is not a photo that can be read. Upload a photo in one of these formats: "
        "%(formats)s."
    ),
    "format": _(
        "%(format)s files are not accepted. Upload a photo in one of these formats: %(formats)s."
    ),
    "animated": _("Animated images are not accepted; upload a still photo."),
    "too_many_pixels": _(
        "The photo is %(width)s×%(height)s pixels; at most %(limit)s megapixels are accepted. "
        "Export it smaller and upload it again."
    ),
    "far_too_many_pixels": _(
        "The photo has far more than the %(limit)s megapixels accepted. "
        "Export it smaller and upload it again."
    ),
    "damaged": _("The file is damaged or incomplete. Export the photo again and upload it."),
}


class PreparedImage(ContentFile):
    """A photo that passed the checks and was stripped: `Image.save()` stores it as is."""


def _refuse(code, **params):
    raise ValidationError(MESSAGES[code], code=code, params=params)


def _accepted_format_names():
    return join_names(FORMAT_NAMES[name] for name in ACCEPTED_FORMATS)


def _check_size(size):
    if size > MAX_UPLOAD_BYTES:
        megabytes = 1024 * 1024
        _refuse("too_large", size=f"{size / megabytes:.1f}", limit=MAX_UPLOAD_BYTES // megabytes)


def _open(data):
    """Open an upload with the plugins of the accepted formats alone.

    Pillow tries no other plugin, so a GIF, a TIFF or an EPS file (which Pillow would
    hand to Ghostscript) never reaches a parser or decoder of its own format.
    """
    return PillowImage.open(io.BytesIO(data), formats=tuple(ACCEPTED_FORMATS))


def _announced_format(data):
    """The refused format a file's first bytes announce, to name it in the message.

    Only the plugins' signature tests run, on the 16 bytes Pillow itself would compare:
    none of them parses the file.
    """
    PillowImage.init()
    prefix = data[:16]
    for name in PillowImage.ID:
        accept = PillowImage.OPEN[name][1]
        if name in ACCEPTED_FORMATS or accept is None:
            continue
        try:
            announced = accept(prefix)
        except (IndexError, TypeError, ValueError, struct.error):
            continue
        if announced and not isinstance(announced, str):  # a str is a warning, not a yes
            return name
    return None


def _open_header(data):
    """Read the header only: size and format are known before a single pixel is decoded."""
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its own limit and twice that; ours is lower anyway.
            warnings.simplefilter("ignore", PillowImage.DecompressionBombWarning)
            return _open(data)
    except PillowImage.DecompressionBombError:
        # Pillow refuses to report a size this far beyond its own limit (and ours).
        _refuse("far_too_many_pixels", limit=MAX_PIXELS // 1_000_000)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        refused_format = _announced_format(data)
        if refused_format:
            _refuse(
                "format",
                format=FORMAT_NAMES.get(refused_format, refused_format),
                formats=_accepted_format_names(),
            )
        _refuse("not_an_image", formats=_accepted_format_names())


def check_header(photo):
    """Refuse what can be refused without decoding: animation, format, pixel count."""
    if getattr(photo, "is_animated", False):
        _refuse("animated")
    if photo.format not in ACCEPTED_FORMATS:
        _refuse(
            "format",
            format=FORMAT_NAMES.get(photo.format, photo.format or "?"),
            formats=_accepted_format_names(),
        )
    width, height = photo.size
    if width * height > MAX_PIXELS:
        _refuse("too_many_pixels", width=width, height=height, limit=MAX_PIXELS // 1_000_000)


def _decode(data):
    """Decode every pixel: a truncated or corrupt file fails here rather than on a page."""
    try:
        # verify() catches broken PNG chunks; load() catches a JPEG cut short.
        _open(data).verify()
        photo = _open(data)
        photo.load()
        return photo
    except (OSError, SyntaxError, ValueError, PillowImage.DecompressionBombError):
        _refuse("damaged")


def _to_srgb(photo):
    """Convert to plain sRGB (or grey) and drop the colour profile with the other metadata.

    CMYK and wide-gamut photos keep their colours through the embedded profile;
    modes no web format stores (CMYK, 16-bit) become RGB, transparency is kept.
    """
    if photo.mode.startswith("I"):
        # 16-bit grey: scale to 8 bits rather than let the conversion clip it to white.
        photo = photo.convert("I").point(lambda value: value / 256).convert("L")
    profile = photo.info.get("icc_profile")
    has_alpha = photo.mode in ("RGBA", "LA", "PA") or "transparency" in photo.info
    target_mode = "RGBA" if has_alpha else ("L" if photo.mode in ("L", "1") else "RGB")
    if profile and photo.mode in ("RGB", "CMYK"):
        try:
            source_profile = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            described_as = ImageCms.getProfileDescription(source_profile).lower()
            if photo.mode == "RGB" and "srgb" in described_as:
                return photo  # Already sRGB: only the profile itself goes.
            return ImageCms.profileToProfile(
                photo, source_profile, ImageCms.createProfile("sRGB"), outputMode="RGB"
            )
        except ImageCms.PyCMSError:
            pass  # A broken profile: fall back to Pillow's own conversion below.
    if photo.mode == "P" and has_alpha:
        photo = photo.convert("RGBA")
    return photo if photo.mode == target_mode else photo.convert(target_mode)


def clean_pixels(photo):
    """The photo upright, in sRGB, as a new image carrying no metadata at all."""
    upright = ImageOps.exif_transpose(photo)
    converted = _to_srgb(upright)
    converted.info = {}
    return converted


def prepare_image(uploaded):
    """Check an uploaded file and return it cleaned, or raise a ValidationError.

    The checks run cheapest first, and nothing is decoded until the header has
    shown a still photo of an accepted format and a safe number of pixels.
    """
    _check_size(getattr(uploaded, "size", None) or 0)
    uploaded.seek(0)
    data = uploaded.read(MAX_UPLOAD_BYTES + 1)
    _check_size(len(data))  # for a file that did not know its size
    header = _open_header(data)
    check_header(header)
    source_format = header.format
    decoded = _decode(data)
    try:
        photo = clean_pixels(decoded)
    except (OSError, SyntaxError, ValueError):  # e.g. an EXIF block too broken to read
        _refuse("damaged")

    output = io.BytesIO()
    photo.save(output, format=source_format, **ORIGINAL_SAVE_OPTIONS[source_format])
    # The name only carries the extension: image_upload_to() makes the stored name.
    return PreparedImage(output.getvalue(), name=f"photo.{ACCEPTED_FORMATS[source_format]}")
