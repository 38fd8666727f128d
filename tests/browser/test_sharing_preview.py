"""The story form's preview of the story where it is shared, in Chromium: redrawn as the
headline, standfirst, SEO fields and photo change, beside the fields at 1366 px and under
them on a phone (#14)."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.test_never_lose_work import wait_for_autosave
from tests.browser.test_newsroom_flow import log_in
from tests.factories import ArticleFactory, ImageFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth <= window.innerWidth"


def test_the_preview_follows_the_form(browser, site_url, screenshots, newsroom_roles):
    journalist = UserFactory(username="journalist", is_staff=True)
    journalist.groups.add(Group.objects.get(name="صحفي"))
    story = ArticleFactory(
        status=Article.Status.DRAFT, published_at=None, created_by=journalist,
        title="قمة باريس لتعزيز الدفاعات", summary="وزير الخارجية يلتقي نظراءه في باريس.",
    )  # fmt: skip
    story.authors.add(journalist)
    harbour = ImageFactory(alt_text="سفن في ميناء الإسكندرية عند الفجر", credit="رويترز")

    page = log_in(browser, site_url, "journalist")
    page.goto(f"{site_url}/admin/articles/article/{story.pk}/change/")
    preview = page.locator(".sharing-preview")
    search_title = preview.locator('[data-preview="search-title"]')
    card_title = preview.locator('[data-preview="card-title"]')
    card_text = preview.locator('[data-preview="card-description"]')
    expect(search_title).to_have_text("قمة باريس لتعزيز الدفاعات | خَبَرَيْن")

    # Beside the SEO fields at 1366 px.
    fields, shown = page.locator(".field-seo_title").bounding_box(), preview.bounding_box()
    assert shown["x"] + shown["width"] <= fields["x"] + 1  # to its left, in a right-to-left page
    assert page.evaluate(NO_SIDEWAYS_SCROLL)

    page.fill("#id_title", "عنوان جديد كتبته الصحفية الآن")
    expect(card_title).to_have_text("عنوان جديد كتبته الصحفية الآن")
    page.fill("#id_seo_title", "قمة باريس في سطر")
    expect(search_title).to_have_text("قمة باريس في سطر | خَبَرَيْن")
    expect(card_title).to_have_text("قمة باريس في سطر")
    page.fill("#id_summary", "")
    expect(card_text).to_have_text("لا وصف بعد: اكتب مقدمة الخبر أو وصفاً لمحركات البحث.")
    page.fill("#id_seo_description", "ما اتفق عليه الوزراء، باختصار.")
    expect(card_text).to_have_text("ما اتفق عليه الوزراء، باختصار.")

    # Another photo chosen in the picker is the card's photo at once.
    page.locator("#id_main_image[data-picker=thumbnails]").wait_for(state="attached")
    page.click("#id_main_image + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", "الإسكندرية")
    page.locator(".photo-picker .photo-option").first.click()
    image = preview.locator(".share-card__image")
    expect(image).to_have_attribute("src", harbour.thumbnail.url)
    page.screenshot(path=screenshots / "sharing-1366.png", full_page=True)

    # On a phone the preview comes after the fields, and nothing scrolls sideways.
    page.set_viewport_size({"width": 390, "height": 844})
    fields, shown = page.locator(".field-seo_description").bounding_box(), preview.bounding_box()
    assert shown["y"] >= fields["y"] + fields["height"] - 1
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    page.screenshot(path=screenshots / "sharing-390.png", full_page=True)
    # Leaving sends the typed text to the autosave: it is written before the test's
    # database is emptied, not while.
    page.goto("about:blank")
    wait_for_autosave(page, "ما اتفق عليه الوزراء، باختصار.")
    page.close()
