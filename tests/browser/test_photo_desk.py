"""The photo desk in Chromium at 1366 px: the main-photo picker's thumbnails, the batch
upload, the focal point, and the related-links editor fitting the screen (issue 14)."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from articles.models import Article, Image, RelatedLink
from tests.browser.test_newsroom_flow import log_in
from tests.factories import ArticleFactory, ImageFactory, RelatedLinkFactory, UserFactory
from tests.photos import files

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def journalist(newsroom_roles):
    user = UserFactory(username="journalist", is_staff=True)
    user.groups.add(Group.objects.get(name="صحفي"))
    return user


def test_the_picker_shows_thumbnails_found_by_credit(browser, site_url, screenshots, journalist):
    for number in range(3):
        ImageFactory(alt_text=f"مشهد من الميناء رقم {number}", credit="لودوفيك مارين/رويترز")
    ImageFactory(alt_text="صورة من وكالة أخرى", credit="أسوشيتد برس")
    ImageFactory(alt_text="", credit="", caption="رويترز: صورة لم توصف بعد")

    page = log_in(browser, site_url, "journalist")
    page.goto(f"{site_url}/admin/articles/article/add/")
    page.locator("#id_main_image[data-picker=thumbnails]").wait_for(state="attached")
    page.click("#id_main_image + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", "رويترز")
    options = page.locator(".photo-picker .photo-option")
    # A locator, not wait_for_function: polling a string would be an eval, which the
    # admin's Content-Security-Policy refuses.
    try:
        expect(options).to_have_count(3, timeout=20_000)
    except AssertionError:
        # What select2 shows instead ("Searching…", an error, other options) says why.
        shown = page.locator(".select2-results").all_inner_texts()
        raise AssertionError(f"the picker shows {shown!r}") from None
    page.screenshot(path=screenshots / "picker-1366.png", full_page=True)
    boxes = [options.nth(index).bounding_box() for index in range(3)]
    assert boxes[0]["y"] == boxes[1]["y"]  # a grid, side by side
    assert all(
        image.evaluate("img => img.complete && img.naturalWidth == 320")
        for image in options.locator("img").all()
    )
    assert "لودوفيك مارين/رويترز" in options.first.inner_text()
    options.nth(1).click()
    preview = page.locator(".field-main_image_preview img")
    preview.wait_for()
    chosen = Image.objects.get(pk=page.input_value("#id_main_image"))
    assert chosen.credit == "لودوفيك مارين/رويترز"
    assert preview.get_attribute("src") == chosen.thumbnail.url
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    page.close()


def test_photos_dropped_at_once_wait_for_their_description(
    browser, site_url, screenshots, journalist, tmp_path
):
    paths = []
    for name in ("one.jpg", "two.jpg"):
        paths.append(tmp_path / name)
        paths[-1].write_bytes(files.jpeg((1600, 900)))
    page = log_in(browser, site_url, "journalist")
    page.goto(f"{site_url}/admin/articles/image/")
    page.click("text=رفع عدة صور")
    # Choosing the files sends them at once, as dropping them on the zone does.
    with page.expect_navigation():
        page.set_input_files(".photo-drop input[type=file]", [str(path) for path in paths])
    page.wait_for_load_state("load")
    assert page.locator(".photo-card").count() == 2
    page.screenshot(path=screenshots / "upload-1366.png", full_page=True)
    page.fill("#id_photos-0-alt_text", "قوارب الصيد في الميناء")
    page.fill("#id_photos-0-credit", "خبرين")
    page.click(".photo-descriptions input[type=submit]")
    page.wait_for_load_state("load")
    assert page.locator(".photo-card").count() == 1
    assert Image.objects.complete().get().alt_text == "قوارب الصيد في الميناء"
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    page.set_viewport_size({"width": 390, "height": 900})
    page.screenshot(path=screenshots / "upload-390.png", full_page=True)
    page.close()


def test_a_click_on_the_photo_sets_its_focal_point(browser, site_url, screenshots, journalist):
    photo = ImageFactory(uploaded_by=journalist)
    page = log_in(browser, site_url, "journalist")
    page.goto(f"{site_url}/admin/articles/image/{photo.pk}/change/")
    image = page.locator(".field-preview .focal-point img")
    box = image.bounding_box()
    image.click(position={"x": box["width"] * 0.25, "y": box["height"] * 0.75})
    assert abs(float(page.input_value("#id_focal_x")) - 0.25) <= 0.01
    assert abs(float(page.input_value("#id_focal_y")) - 0.75) <= 0.01
    page.screenshot(path=screenshots / "focal-point-1366.png", full_page=True)
    page.click("input[name=_save]")
    page.wait_for_load_state("load")
    photo.refresh_from_db()
    assert photo.renditions["focal_point"] == [photo.focal_x, photo.focal_y]
    assert abs(photo.focal_x - 0.25) <= 0.01
    page.close()


def test_the_links_editor_fits_1366_pixels(browser, site_url, screenshots, journalist):
    story = ArticleFactory(status=Article.Status.DRAFT, published_at=None, created_by=journalist)
    long_title = "عنوان خبر طويل جداً عن قمة القادة الأوروبيين في بروكسل"
    RelatedLinkFactory(
        article=story,
        kind=RelatedLink.Kind.SEE_ALSO,
        target_article=ArticleFactory(title=long_title),
        after_paragraph=2,
    )
    RelatedLinkFactory(
        article=story,
        kind=RelatedLink.Kind.RELATED,
        target_article=None,
        url="https://example.org/analysis/a-very-long-address-of-an-analysis-page",
        title="تحليل: ماذا بعد القمة وما الذي ينتظر أوروبا في الشتاء المقبل؟",
    )
    page = log_in(browser, site_url, "journalist")
    page.goto(f"{site_url}/admin/articles/article/{story.pk}/change/")
    table = page.locator("#links-group table")
    table.scroll_into_view_if_needed()
    page.screenshot(path=screenshots / "links-1366.png", full_page=True)
    fits = table.evaluate(
        "t => t.scrollWidth <= t.parentElement.clientWidth"
        " && t.getBoundingClientRect().left >= 0 && t.getBoundingClientRect().right <= innerWidth"
    )
    assert fits
    # Nor does any control spill over into the next column.
    spilling = table.evaluate(
        "t => Array.from(t.querySelectorAll('tbody td'))"
        ".filter(td => td.scrollWidth > td.clientWidth + 1).map(td => td.className)"
    )
    assert spilling == []
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    paragraph = page.locator("#id_links-0-after_paragraph")
    assert paragraph.evaluate("s => s.selectedOptions[0].text") == "2. الفقرة الثانية عن الهدنة."
    paragraph.select_option(label="3. الفقرة الثالثة عن التحالف.")
    page.get_by_role("button", name="حفظ المسودة").click()
    page.wait_for_load_state("load")
    assert RelatedLink.objects.get(kind=RelatedLink.Kind.SEE_ALSO).after_paragraph == 3
    page.set_viewport_size({"width": 390, "height": 900})
    page.screenshot(path=screenshots / "links-390.png", full_page=True)
    page.close()


def test_the_file_input_says_what_it_does_in_arabic_and_takes_the_keyboard(
    browser, site_url, screenshots, journalist, tmp_path
):
    """Our button over the browser's own "Choose File / No file chosen": the input is out
    of sight but takes the focus, the button shows it, and the names chosen are shown."""
    photo = tmp_path / "ميناء.jpg"
    photo.write_bytes(files.jpeg((1600, 900)))
    page = log_in(browser, site_url, "journalist")
    page.goto(f"{site_url}/admin/articles/image/add/")
    button = page.locator(".field-file .file-picker__button")
    expect(button).to_have_text("اختر صورة…")
    expect(page.locator(".field-file .file-picker__chosen")).to_have_text("لم تُختر أي صورة بعد")
    native = page.locator("#id_file").bounding_box()
    assert native["width"] <= 1 and native["height"] <= 1  # the browser's own words unseen
    # The keyboard reaches the input, and its focus shows on the button.
    page.focus("#id_file")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_file"
    assert button.evaluate("b => getComputedStyle(b).outlineStyle") == "solid"
    # A click on the button opens the chooser of the input.
    with page.expect_file_chooser() as chooser:
        button.click()
    chooser.value.set_files(str(photo))
    expect(page.locator(".field-file .file-picker__chosen")).to_have_text("ميناء.jpg")
    page.screenshot(path=screenshots / "file-picker-1366.png")
    page.close()
