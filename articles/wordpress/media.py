"""Where an attachment's file comes from, and what stands in for one that is missing.

A file is read from `--media-dir` (a copy of the old site's wp-content/uploads), found by
the path WordPress stored for it (`_wp_attached_file`) or else by its address; with
`--fetch-media`, from the old site over HTTP, with a time limit and no more bytes than a
photo may have. Either way it then goes through the admin's upload checks (Image.save()
calls articles/photos/uploads.prepare_image()).
"""

import io
import ipaddress
import socket
import urllib.request
from functools import cache
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from PIL import Image as PillowImage
from PIL import ImageDraw

from ..photos.uploads import MAX_UPLOAD_BYTES

FETCH_TIMEOUT_SECONDS = 20
UPLOADS_MARKER = "/wp-content/uploads/"
# The file types a photo may be (what prepare_image() accepts, and GIF, which it refuses
# with its own message); any other attachment (a PDF, a video) is no photo.
IMAGE_EXTENSIONS = {"jpg", "jpeg", "jpe", "png", "webp", "avif", "gif"}
PLACEHOLDER_SIZE = (1200, 675)


class MediaError(Exception):
    """The file could not be had; the message says why."""


def upload_path(attached_file, url):
    """The file's path under wp-content/uploads: `_wp_attached_file`, else from its URL."""
    if attached_file and not attached_file.startswith(("/", "http:", "https:")):
        return attached_file
    path = unquote(urlsplit(url or "").path)
    if UPLOADS_MARKER in path:
        return path.split(UPLOADS_MARKER, 1)[1]
    return PurePosixPath(path).name


def is_image(path):
    return PurePosixPath(path).suffix.lower().lstrip(".") in IMAGE_EXTENSIONS


def read_from_folder(media_dir, relative):
    """The bytes of `relative` under `media_dir`; never a file outside it."""
    root = Path(media_dir).resolve()
    candidate = (root / relative).resolve()
    if not candidate.is_relative_to(root):
        raise MediaError("its path leads outside the media folder")
    if not candidate.is_file():
        raise MediaError("not in the media folder")
    if candidate.stat().st_size > MAX_UPLOAD_BYTES:
        raise MediaError("larger than a photo may be")
    return candidate.read_bytes()


def _public_host(host):
    """Whether every address `host` has is a public one: the export is untrusted, and an
    attachment address must not make this server fetch from its own network."""
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return all(ipaddress.ip_address(info[4][0]).is_global for info in infos)


def fetch(url):
    """The bytes at `url` (http or https, on a public host), at most a photo's size."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise MediaError("no http(s) address")
    if not _public_host(parts.hostname):
        raise MediaError("its host is not a public address")
    request = urllib.request.Request(url, headers={"User-Agent": "khabarayn-import"})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_SECONDS) as response:  # noqa: S310
            data = response.read(MAX_UPLOAD_BYTES + 1)
    except (OSError, ValueError) as error:
        raise MediaError(f"could not be fetched ({error})") from error
    if len(data) > MAX_UPLOAD_BYTES:
        raise MediaError("larger than a photo may be")
    return data


@cache
def placeholder_bytes():
    """A plain 16:9 JPEG with a drawn frame and mountain, which stands in for a photo
    whose file is missing until an editor uploads the real one."""
    width, height = PLACEHOLDER_SIZE
    picture = PillowImage.new("RGB", PLACEHOLDER_SIZE, (226, 228, 231))
    draw = ImageDraw.Draw(picture)
    frame = (width * 0.38, height * 0.32, width * 0.62, height * 0.68)
    draw.rectangle(frame, outline=(150, 154, 160), width=8)
    left, top, right, bottom = frame
    draw.polygon(
        [(left + 12, bottom - 12), (left + 90, top + 110), (left + 150, bottom - 60),
         (left + 200, top + 140), (right - 12, bottom - 12)],
        fill=(170, 174, 180),
    )  # fmt: skip
    draw.ellipse((right - 80, top + 30, right - 40, top + 70), fill=(170, 174, 180))
    output = io.BytesIO()
    picture.save(output, format="JPEG", quality=85)
    return output.getvalue()
