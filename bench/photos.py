"""Photo pipeline figures: the cost of renditions, and what a reader downloads.

Run with `make bench-photos` (or `.venv/bin/python bench/photos.py`). It needs no
server: Django runs with DEBUG on, SQLite and MEDIA_ROOT in a temporary folder that
is removed afterwards. It prints

- the time to check and strip a 24-megapixel (6000×4000) JPEG upload, and to make its
  full rendition set (articles/photos/renditions.py), once;
- the bytes of the article page's photos a browser downloads at 390 and 1366 pixels wide:
  the main photo and four related-news cards, each the candidate that the page's
  srcset and sizes select, next to the bytes of the five original files.

A browser takes, among a <picture>'s WebP candidates, the narrowest at least as wide as the
photo's box times the screen's pixel density (the widest if none is): that is what Firefox
and Safari do, and what Chromium did for these pages in tests/photos/test_browser.py.
"""

import io
import os
import random
import re
import shutil
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

WORKDIR = Path(tempfile.mkdtemp(prefix="khabarayn-bench-photos-"))
os.environ.update(
    DJANGO_SETTINGS_MODULE="khabarayn.settings",
    DEBUG="1",
    ALLOWED_HOSTS="testserver",
    MEDIA_ROOT=str(WORKDIR / "media"),
    DATABASE_URL=f"sqlite:///{WORKDIR / 'bench.sqlite3'}",
)
for variable in ("CACHE_URL", "REDIS_URL"):
    os.environ.pop(variable, None)  # imagekit's "this rendition exists" stays in this process
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from PIL import Image as PillowImage  # noqa: E402
from PIL import ImageChops, ImageDraw  # noqa: E402

from articles.models import Article, Image, RelatedLink  # noqa: E402
from articles.photos.uploads import prepare_image  # noqa: E402
from categories.models import Category  # noqa: E402

WIDTH, HEIGHT = 6000, 4000
UPLOAD_QUALITY = 92  # a camera's "fine" JPEG
ROOT_FONT_SIZE = 16  # px per rem
# (viewport width, screen pixel density): a phone and a laptop at 1x, then as sold.
VIEWS = [(390, 1), (1366, 1), (390, 3), (1366, 2)]


def photo(seed):
    """A 6000×4000 scene with detail at every scale, so that it compresses about like a
    photograph at every width: over a thousand shapes and lines of every size, and grain
    from the sensor's pixel up to blotches a sixteenth of the frame across."""
    rng = random.Random(seed)
    half = (WIDTH // 2, HEIGHT // 2)
    sky = PillowImage.linear_gradient("L").resize(half)
    scene = PillowImage.merge(
        "RGB", [sky.point(lambda v, k=k: int(v * k) + 40) for k in rng.sample([0.5, 0.7, 0.9], 3)]
    )
    draw = ImageDraw.Draw(scene)
    for _ in range(1200):
        x, y = rng.randrange(half[0]), rng.randrange(half[1])
        size = int(half[0] / 6 * rng.random() ** 3) + 4  # many small shapes, a few large
        color = tuple(rng.randrange(256) for _ in range(3))
        shape = draw.ellipse if rng.random() < 0.5 else draw.rectangle
        shape((x, y, x + size, y + size * 2 // 3), fill=color)
    for _ in range(300):
        x, y = rng.randrange(half[0]), rng.randrange(half[1])
        end = (x + rng.randrange(-300, 300), y + rng.randrange(-300, 300))
        color = tuple(rng.randrange(256) for _ in range(3))
        draw.line((x, y, *end), fill=color, width=rng.randrange(1, 6))
    scene = scene.resize((WIDTH, HEIGHT), PillowImage.Resampling.BICUBIC)
    grain = PillowImage.effect_noise((WIDTH, HEIGHT), 40)
    for octave in range(1, 6):
        coarse = PillowImage.effect_noise((WIDTH >> octave, HEIGHT >> octave), 40)
        coarse = coarse.resize((WIDTH, HEIGHT), PillowImage.Resampling.BICUBIC)
        grain = PillowImage.blend(grain, coarse, 1 / (octave + 1))
    texture = PillowImage.merge(
        "RGB", [ImageChops.offset(grain, 97 * band, 53 * band) for band in range(3)]
    )
    return PillowImage.blend(scene, texture, 0.35)


def upload(seed):
    buffer = io.BytesIO()
    photo(seed).save(buffer, format="JPEG", quality=UPLOAD_QUALITY)
    return SimpleUploadedFile(f"DSC_{seed:04d}.jpg", buffer.getvalue(), "image/jpeg")


def store(uploaded, alt_text):
    image = Image(file=prepare_image(uploaded), alt_text=alt_text, credit="bench")
    image.save()
    return image


class Pictures(HTMLParser):
    """The page's <picture> elements: the sizes, WebP srcset and JPEG srcset of each."""

    def __init__(self):
        super().__init__()
        self.pictures = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "source" and attrs.get("type") == "image/webp":
            self.pictures.append({"sizes": attrs["sizes"], "webp": attrs["srcset"]})
        elif tag == "img" and self.pictures and "jpeg" not in self.pictures[-1]:
            self.pictures[-1]["jpeg"] = attrs["srcset"]


def length(value, viewport):
    value = value.strip()
    if match := re.fullmatch(r"([\d.]+)rem", value):
        return float(match[1]) * ROOT_FONT_SIZE
    if match := re.fullmatch(r"([\d.]+)vw", value):
        return float(match[1]) * viewport / 100
    if match := re.fullmatch(r"calc\(([\d.]+)vw - ([\d.]+)rem\)", value):
        return float(match[1]) * viewport / 100 - float(match[2]) * ROOT_FONT_SIZE
    raise ValueError(f"a length this script does not know: {value!r}")


def slot_width(sizes, viewport):
    """The photo's box width that `sizes` announces at this viewport width."""
    for entry in sizes.split(", "):
        if match := re.fullmatch(r"\(min-width: ([\d.]+)rem\) (.+)", entry):
            if viewport >= float(match[1]) * ROOT_FONT_SIZE:
                return length(match[2], viewport)
        else:
            return length(entry, viewport)
    raise ValueError(f"no default size in {sizes!r}")


def chosen(srcset, sizes, viewport, density):
    """(width, url) of the candidate a browser downloads."""
    candidates = sorted(
        (int(width[:-1]), url) for url, width in (c.split() for c in srcset.split(", "))
    )
    needed = slot_width(sizes, viewport) * density
    return next(((w, url) for w, url in candidates if w >= needed), candidates[-1])


def media_bytes(url):
    return (WORKDIR / "media" / url.removeprefix("/media/")).stat().st_size


def main():
    call_command("migrate", verbosity=0)
    print(f"Photo pipeline ({WIDTH}×{HEIGHT} = {WIDTH * HEIGHT / 1e6:.0f} megapixels per photo)")

    main_upload = upload(seed=1)
    started = time.perf_counter()
    prepared = prepare_image(main_upload)
    checked = time.perf_counter()
    main_photo = Image(file=prepared, alt_text="main", credit="bench")
    main_photo.save()  # stores the original, then makes every rendition
    finished = time.perf_counter()
    renditions = [p for p in (WORKDIR / "media" / "renditions").rglob("*") if p.is_file()]
    print(f"  upload {main_upload.size / 1e6:.1f} MB, stored original {prepared.size / 1e6:.1f} MB")
    print(f"  check, orient and strip the upload: {checked - started:6.2f} s")
    print(f"  full rendition set ({len(renditions)} files): {finished - checked:6.2f} s")

    card_uploads = [upload(seed) for seed in range(2, 6)]
    cards = [store(card_upload, f"card {n}") for n, card_upload in enumerate(card_uploads)]
    originals = main_upload.size + sum(card_upload.size for card_upload in card_uploads)
    section = Category.objects.create(name="bench")
    story = Article.objects.create(
        title="bench story", summary="…", body="<p>…</p>", main_image=main_photo, category=section
    )
    for position, card in enumerate(cards):
        target = Article.objects.create(
            title=f"related {position}", summary="…", body="<p>…</p>", main_image=card,
            category=section, status=Article.Status.PUBLISHED,
        )  # fmt: skip
        RelatedLink.objects.create(
            article=story, kind=RelatedLink.Kind.RELATED, target_article=target, position=position
        )
    client = Client()
    client.force_login(
        django.contrib.auth.get_user_model().objects.create_superuser("bench", password=None)
    )  # the bench story is a draft: staff see it
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200, response.status_code
    parser = Pictures()
    parser.feed(response.content.decode())
    assert len(parser.pictures) == 5, len(parser.pictures)  # the main photo, then the cards

    print()
    print("Bytes a browser downloads for the article page's photos (main + 4 cards):")
    print(f"  the five original files: {originals / 1e6:.2f} MB")
    for viewport, density in VIEWS:
        totals = {}
        for format in ("webp", "jpeg"):
            picks = [chosen(p[format], p["sizes"], viewport, density) for p in parser.pictures]
            totals[format] = sum(media_bytes(url) for _, url in picks)
        (main_width, _), *card_picks = picks
        print(
            f"  {viewport:>4} px at {density}x: {totals['webp'] / 1e3:6.1f} KB in WebP "
            f"({100 * totals['webp'] / originals:.1f}% of the originals), "
            f"{totals['jpeg'] / 1e3:6.1f} KB in JPEG; "
            f"main photo {main_width} px, cards {card_picks[0][0]} px wide"
        )


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(WORKDIR, ignore_errors=True)
