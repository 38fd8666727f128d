"""A journalist writes in CKEditor 5 and submits; an editor publishes; a reader reads."""

import re

import pytest
from django.contrib.auth.models import Group

from articles.models import Article
from tests.factories import ArticleFactory, CategoryFactory, ImageFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"
HEADLINE = "افتتاح معرض الكتاب في عمّان بمشاركة واسعة"
SUB_HEADING = "دور النشر العربية تعود بقوة"
PARAGRAPH = "افتتح المعرض أبوابه صباح اليوم وسط إقبال كبير من القرّاء والناشرين."


def log_in(browser, site_url, username):
    page = browser.new_page(viewport={"width": 1366, "height": 1000})
    page.goto(f"{site_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))
    return page


def pick(page, field, search):
    """Choose an option in one of the admin's autocomplete (select2) widgets."""
    page.click(f"#id_{field} + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", search)
    page.click(f".select2-results__option:has-text('{search}')")


def take_step(page, label):
    """Press a workflow button of the story form; the story comes back, not form errors,
    with a message saying what the step did."""
    page.get_by_role("button", name=label, exact=True).click()
    page.wait_for_load_state("load")
    errors = page.locator(".errornote, .errorlist")
    assert errors.count() == 0, errors.all_inner_texts()
    assert re.search(r"/admin/articles/article/\d+/change/", page.url), page.url
    return page.locator(".messagelist .success").inner_text()


def test_journalist_to_editor_to_reader(browser, site_url, screenshots, newsroom_roles):
    for name, username in [("صحفي", "journalist"), ("محرر", "editor")]:
        UserFactory(username=username, is_staff=True).groups.add(Group.objects.get(name=name))
    CategoryFactory(name="ثقافة")
    ImageFactory(alt_text="زوار يتجولون بين أجنحة معرض الكتاب")
    ArticleFactory()  # something already on the home page

    # The journalist writes the story in the editor and submits it for review.
    page = log_in(browser, site_url, "journalist")
    page.goto(f"{site_url}/admin/articles/article/add/")
    page.fill("#id_title", HEADLINE)
    page.fill("#id_summary", "آلاف الزوار في اليوم الأول لمعرض الكتاب.")
    editable = page.locator(".ck-editor__editable")
    editable.click()
    page.click(".ck-heading-dropdown .ck-dropdown__button")
    page.click(".ck-heading-dropdown .ck-button.ck-heading_heading1")
    page.keyboard.type(SUB_HEADING)
    page.keyboard.press("Enter")
    page.keyboard.type(PARAGRAPH)
    assert editable.evaluate("e => getComputedStyle(e).direction") == "rtl"
    pick(page, "main_image", "زوار يتجولون")
    pick(page, "category", "ثقافة")
    page.fill("#id_tags", "كتب، عمّان")
    assert page.get_by_role("button", name="نشر الآن").count() == 0
    page.screenshot(path=screenshots / "1-journalist-writes.png", full_page=True)
    assert "أُرسل الخبر للمراجعة" in take_step(page, "إرسال للمراجعة")
    page.screenshot(path=screenshots / "2-submitted.png")
    page.close()

    story = Article.objects.get(title=HEADLINE)
    assert story.status == Article.Status.REVIEW
    assert f"<h2>{SUB_HEADING}</h2>" in story.body
    assert sorted(story.tags.names()) == ["عمّان", "كتب"]

    # The editor finds it in the review queue and publishes it.
    page = log_in(browser, site_url, "editor")
    page.click("text=بانتظار المراجعة")
    page.click(f"text={HEADLINE}")
    page.screenshot(path=screenshots / "3-editor-publishes.png", full_page=True)
    assert "نُشر الخبر" in take_step(page, "نشر الآن")
    page.close()
    story.refresh_from_db()
    assert story.is_published()

    # A logged-out reader sees it on the home page and reads it.
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(site_url)
    page.click(f"text={HEADLINE}")
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == HEADLINE
    assert page.locator(".story__body h2").inner_text() == SUB_HEADING
    assert PARAGRAPH in page.locator(".story__body").inner_text()
    page.screenshot(path=screenshots / "4-reader.png", full_page=True)
    page.close()
