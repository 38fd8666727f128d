"""In a real browser the article page downloads one fitting WebP per photo (issue 5)."""

import pytest
from django.core.files.base import ContentFile

from articles.models import Image, RelatedLink
from tests.browser.conftest import in_chromium_thread, site_url  # noqa: F401 (fixture)
from tests.factories import ArticleFactory, ImageFactory, RelatedLinkFactory, UserFactory

from . import files

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# viewport width -> the main photo's width on the page (see `sizes` in includes/figure.html)
VIEWPORTS = {390: 390 - 32, 1366: 736}


def in_chromium(url, viewport, check):
    """Open `url` in Debian's Chromium and return `check(page)`."""

    def work(browser):
        page = browser.new_page(viewport={"width": viewport, "height": 900})
        page.goto(url)
        page.wait_for_load_state("load")
        return check(page)

    return in_chromium_thread(work)


@pytest.fixture
def story_url(site_url):  # noqa: F811
    photo = ImageFactory(
        file=ContentFile(files.encode(files.banded((2400, 1600))), name="p.jpg"),
        caption="التقى المبعوث بالمستشار الرئاسي في قصر الإليزيه يوم الخميس.",
    )
    story = ArticleFactory(main_image=photo)
    for _ in range(4):
        RelatedLinkFactory(article=story, kind=RelatedLink.Kind.RELATED)
    return f"{site_url}{story.get_absolute_url()}"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_main_photo_is_a_webp_that_fits_and_does_not_shift(story_url, tmp_path, viewport):
    def measure(page):
        main = page.locator(".main-photo img")
        cards = page.locator(".related .card img")
        page.screenshot(path=tmp_path / f"article-{viewport}.png", full_page=True)
        return {
            "box": main.bounding_box(),
            "current": main.evaluate("img => img.currentSrc"),
            "natural": main.evaluate("img => img.naturalWidth"),
            "cards": cards.count(),
            "card_loading": cards.first.get_attribute("loading"),
        }

    seen = in_chromium(story_url, viewport, measure)
    assert abs(seen["box"]["width"] - VIEWPORTS[viewport]) < 2
    # The box has its final 3:2 height from the width/height attributes.
    assert abs(seen["box"]["height"] - seen["box"]["width"] * 1600 / 2400) < 2
    assert seen["current"].endswith(".webp")
    # A width from the srcset at least as wide as the box (at this 1x density), not 1920.
    assert VIEWPORTS[viewport] <= seen["natural"] < 1920
    assert seen["cards"] == 4 and seen["card_loading"] == "lazy"


def test_a_photo_dropped_into_the_body_editor_is_checked_and_kept(site_url, tmp_path):  # noqa: F811
    """The real CKEditor posts to our view (CSRF header, "upload" field) and shows the
    rendition it answers with; the photo is then an Image row, stripped of its GPS."""
    UserFactory(username="desk", is_staff=True, is_superuser=True, password="desk-password-1")
    photo_path = tmp_path / "IMG_0001.jpg"
    photo_path.write_bytes(files.jpeg_with_gps((1600, 900)))

    def upload(page):
        page.fill("#id_username", "desk")
        page.fill("#id_password", "desk-password-1")
        page.click("input[type=submit]")
        page.goto(f"{site_url}/admin/articles/article/add/")
        page.set_input_files(".ck-file-dialog-button input[type=file]", str(photo_path))
        inserted = page.locator(".ck-content img[src*='/media/renditions/']")
        inserted.wait_for(timeout=15_000)
        return inserted.get_attribute("src")

    src = in_chromium(f"{site_url}/admin/login/", 1366, upload)
    image = Image.objects.get()
    assert src == image.body_rendition.url
    assert image.alt_text == "صورة من نص الخبر"
    with image.file.open("rb") as original:
        assert files.metadata_of(original.read())["gps"] == {}
