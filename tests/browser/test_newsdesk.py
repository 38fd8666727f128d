"""Issue 16 in Chromium: the breaking bar an editor posts from the admin home, on a
reader's page at 390 px, and a live story whose updates arrive without a reload."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from articles.models import LiveUpdate
from tests.browser.test_newsroom_flow import log_in
from tests.factories import ArticleFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def editor(newsroom_roles):
    user = UserFactory(username="editor", first_name="منى", last_name="العلي", is_staff=True)
    user.groups.add(Group.objects.get(name="محرر"))
    return user


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_the_breaking_bar_from_the_admin_home_to_every_page(browser, site_url, screenshots, editor):
    story = ArticleFactory(title="تفاصيل انفجار الميناء")
    desk = log_in(browser, site_url, "editor")
    desk.fill("#id_breaking_text", "عاجل من الميناء: انفجار يهز المنطقة الصناعية")
    desk.select_option("#id_breaking_article", str(story.pk))
    desk.get_by_role("button", name="انشر الآن").click()
    expect(desk.locator(".messagelist .success")).to_contain_text("نُشر الخبر العاجل")
    expect(desk.locator(".breaking-desk")).to_contain_text("في الشريط الآن")

    reader = browser.new_page(viewport=PHONE)
    for url in ["/", story.get_absolute_url(), "/no-such-page/"]:
        reader.goto(site_url + url)
        bar = reader.locator(".breaking")
        expect(bar).to_contain_text("عاجل")
        expect(bar.get_by_role("link")).to_have_text("عاجل من الميناء: انفجار يهز المنطقة الصناعية")
        # At the top of the page, above the site's header, and never wider than the phone.
        assert bar.bounding_box()["y"] == 0
        assert no_sideways_scroll(reader)
    reader.goto(site_url + "/")
    reader.screenshot(path=screenshots / "breaking_bar_390.png")

    # Withdrawn from the admin home: gone from the next page a reader opens.
    desk.get_by_role("button", name="اسحب").click()
    expect(desk.locator(".messagelist .success")).to_contain_text("سُحب")
    reader.reload()
    expect(reader.locator(".breaking")).to_have_count(0)
    reader.close()
    desk.close()


def test_live_updates_arrive_without_a_reload(browser, site_url, screenshots, settings, editor):
    settings.LIVE_POLL_SECONDS = 1
    story = ArticleFactory(title="تغطية مباشرة لقمة الطاقة", is_live=True)
    LiveUpdate.objects.create(article=story, text="وصول القادة إلى مقر القمة")
    reader = browser.new_page(viewport=PHONE)
    reader.goto(site_url + story.get_absolute_url())
    expect(reader.locator(".live-label")).to_have_text("مباشر")
    reader.evaluate("window.stillTheSamePage = true")

    # The editor posts from the live desk; the cursor is back in the text box after.
    desk = log_in(browser, site_url, "editor")
    desk.goto(f"{site_url}/admin/articles/article/{story.pk}/live/")
    assert desk.evaluate("document.activeElement.name") == "text"
    desk.fill("textarea[name=text]", "القادة يتفقون على ملء الخزانات بنسبة تسعين في المئة")
    desk.check("input[name=is_important]")
    desk.get_by_role("button", name="انشر التحديث").click()
    expect(desk.locator(".messagelist .success")).to_have_text("نُشر التحديث.")
    assert desk.evaluate("document.activeElement.name") == "text"
    desk.fill("textarea[name=text]", "استراحة قصيرة في المفاوضات")
    desk.keyboard.press("Tab")  # to "مهم", left unticked
    desk.get_by_role("button", name="انشر التحديث").click()
    expect(desk.locator(".messagelist .success")).to_have_text("نُشر التحديث.")

    # On the reader's page, without a reload: pinned first, then the newest.
    updates = reader.locator(".live-update")
    expect(updates).to_have_count(3, timeout=15_000)
    expect(updates.nth(0)).to_contain_text("القادة يتفقون")
    expect(updates.nth(0)).to_contain_text("مهم")
    expect(updates.nth(1)).to_contain_text("استراحة قصيرة")
    expect(updates.nth(2)).to_contain_text("وصول القادة")
    expect(reader.locator(".live__status")).to_have_text("وصلت تحديثات جديدة.")
    assert reader.evaluate("window.stillTheSamePage") is True
    assert no_sideways_scroll(reader)
    reader.screenshot(path=screenshots / "live_story_390.png", full_page=True)

    # Without JavaScript the page shows them all the same.
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    plain = context.new_page()
    plain.goto(site_url + story.get_absolute_url())
    expect(plain.locator(".live-update")).to_have_count(3)
    context.close()
    reader.close()  # it would go on asking for the updates
    desk.close()
