"""Photo files built with Pillow for the tests: good ones, dangerous ones and broken ones."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage

GPS_IFD = 0x8825
ORIENTATION = 0x0112
MAKE, MODEL = 0x010F, 0x0110
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:City="SourceTown"/>'
    b"</rdf:RDF></x:xmpmeta>"
)


def encode(image, format="JPEG", **options):
    buffer = io.BytesIO()
    image.save(buffer, format=format, **options)
    return buffer.getvalue()


def upload(data, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def landscape(size=(1200, 675), color="darkred"):
    return PillowImage.new("RGB", size, color)


def jpeg(size=(1200, 675), color="darkred", **options):
    return encode(landscape(size, color), "JPEG", **options)


def banded(size=(1600, 900)):
    """Red left and right thirds, blue middle: a centred crop keeps the blue."""
    image = PillowImage.new("RGB", size, "red")
    third = size[0] // 3
    image.paste(PillowImage.new("RGB", (size[0] - 2 * third, size[1]), "blue"), (third, 0))
    return image


def source_revealing_exif():
    """Camera, place (GPS near Kyiv) and an orientation of "rotate 90° clockwise"."""
    exif = PillowImage.Exif()
    exif[MAKE] = "SourceCam"
    exif[MODEL] = "Leaky 3000"
    exif[ORIENTATION] = 6
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2] = "N", (50.0, 27.0, 0.5)
    gps[3], gps[4] = "E", (30.0, 31.0, 24.0)
    return exif


def jpeg_with_gps(size=(1200, 600)):
    return jpeg(size, exif=source_revealing_exif(), xmp=XMP)


def cmyk_jpeg(size=(800, 450)):
    return encode(PillowImage.new("CMYK", size, (0, 255, 255, 0)), "JPEG")


def truncated_jpeg():
    data = encode(banded((1600, 900)).effect_spread(8), "JPEG", quality=95)
    return data[: len(data) // 2]


def animated(format):
    frames = [PillowImage.new("RGB", (320, 180), color) for color in ("red", "blue", "green")]
    return encode(frames[0], format, save_all=True, append_images=frames[1:], duration=100)


def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(width=30000, height=30000):
    """A valid PNG of width × height black 1-bit pixels, ~100 KB on disk, 900 MB decoded."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = b"\0" * (1 + (width + 7) // 8)
    compressor = zlib.compressobj(9)
    compressed = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", compressed)
        + _png_chunk(b"IEND", b"")
    )


def png_header_only(width, height):
    """A PNG whose header announces width × height; its pixel data is never reached."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IEND", b"")


def metadata_of(data):
    """What a file tells about its source: EXIF tags, GPS tags, XMP, colour profile."""
    image = PillowImage.open(io.BytesIO(data))
    exif = image.getexif()
    return {
        "exif": dict(exif),
        "gps": dict(exif.get_ifd(GPS_IFD)),
        "xmp": image.info.get("xmp") or b"SourceTown" in data,
        "icc": image.info.get("icc_profile"),
        "exif_block": "exif" in image.info,
    }
