"""The workflow buttons in Chromium, as each role uses them, at 1366 and 390 px: a draft
with just a headline, a submission that names what is missing, the editor told on the
desk, a schedule chosen in the picker, and a story returned with a note."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article, Notification
from articles.workflow import schedule_time
from tests.browser.test_newsroom_flow import log_in, pick
from tests.factories import CategoryFactory, ImageFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADLINE = "وزراء الطاقة العرب يجتمعون في الرياض"


@pytest.fixture
def newsroom(newsroom_roles):
    people = {}
    for group, username, first, last in [
        ("صحفي", "journalist", "ليلى", "حداد"),
        ("محرر", "editor", "منى", "العلي"),
    ]:
        user = UserFactory(username=username, first_name=first, last_name=last, is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        people[username] = user
    CategoryFactory(name="اقتصاد")
    ImageFactory(alt_text="قاعة الاجتماع في الرياض")
    return people


def buttons(page):
    return page.locator(".workflow-steps > button, .workflow-steps summary").all_inner_texts()


def no_page_scroll_sideways(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_story_goes_from_a_headline_to_a_schedule(browser, site_url, screenshots, newsroom):
    # The journalist saves an idea with nothing but its headline.
    page = log_in(browser, site_url, "journalist")
    page.goto(f"{site_url}/admin/articles/article/add/")
    assert buttons(page) == ["حفظ المسودة", "إرسال للمراجعة"]
    page.fill("#id_title", HEADLINE)
    page.get_by_role("button", name="حفظ المسودة").click()
    expect(page.locator(".messagelist .success")).to_have_text("حُفظت المسودة.")
    assert re.search(r"/admin/articles/article/\d+/change/$", page.url)

    # Submitting it asks for what it lacks, by name, and keeps the headline.
    page.get_by_role("button", name="إرسال للمراجعة").click()
    error = page.locator(".errornote + .errorlist, .errorlist.nonfield").first
    expect(error).to_contain_text("المقدمة، نص الخبر، الصورة الرئيسية، القسم")
    assert page.input_value("#id_title") == HEADLINE
    page.screenshot(path=screenshots / "submit-incomplete-1366.png", full_page=True)

    page.fill("#id_summary", "اجتماع طارئ لبحث أسعار النفط.")
    page.locator(".ck-editor__editable").click()
    page.keyboard.type("يبحث الوزراء اليوم خفض الإنتاج.")
    pick(page, "main_image", "قاعة الاجتماع")
    pick(page, "category", "اقتصاد")
    page.get_by_role("button", name="إرسال للمراجعة").click()
    expect(page.locator(".messagelist .success")).to_contain_text("أُرسل الخبر للمراجعة")
    assert buttons(page) == ["حفظ التعديلات", "سحب إلى المسودات"]
    page.close()
    story = Article.objects.get(title=HEADLINE)
    assert story.status == Article.Status.REVIEW

    # The editor is told on the desk, opens the story and schedules it in the picker.
    page = log_in(browser, site_url, "editor")
    notices = page.locator(".desk__box--notifications")
    expect(notices).to_contain_text(HEADLINE)
    expect(notices).to_contain_text("أُرسل للمراجعة")
    page.screenshot(path=screenshots / "desk-notified-1366.png", full_page=True)
    notices.get_by_role("link", name=HEADLINE).click()
    page.wait_for_url(re.compile(r"/change/$"))
    assert buttons(page) == ["حفظ التعديلات", "نشر الآن", "جدولة…", "إعادة للكاتب مع ملاحظة"]
    assert no_page_scroll_sideways(page)
    page.screenshot(path=screenshots / "story-form-editor-1366.png", full_page=True)

    picker = page.locator(".workflow-schedule__picker")
    expect(picker).to_be_hidden()
    page.get_by_text("جدولة…", exact=True).click()
    expect(picker).to_be_visible()
    moment = (timezone.localtime() + timedelta(days=2)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    page.fill("#id_published_at_0", moment.strftime("%Y-%m-%d"))
    page.fill("#id_published_at_1", "09:00")
    page.screenshot(path=screenshots / "schedule-picker-1366.png")
    page.set_viewport_size({"width": 390, "height": 844})
    assert no_page_scroll_sideways(page)
    page.screenshot(path=screenshots / "schedule-picker-390.png", full_page=True)
    picker.get_by_role("button", name="جدولة", exact=True).click()
    expect(page.locator(".messagelist .success")).to_have_text(
        f"جُدول للنشر {schedule_time(moment)}."
    )
    assert buttons(page) == ["حفظ التعديلات", "نشر الآن", "جدولة…", "إلغاء الجدولة"]
    page.screenshot(path=screenshots / "scheduled-390.png", full_page=True)
    page.close()

    story.refresh_from_db()
    assert story.is_scheduled() and story.published_at == moment
    assert Notification.objects.filter(
        recipient=newsroom["journalist"], step=Notification.Step.SCHEDULED
    ).exists()


def test_a_story_returned_with_a_note_reaches_its_writer(browser, site_url, screenshots, newsroom):
    story = Article.objects.create(
        title=HEADLINE,
        summary="اجتماع طارئ.",
        body="<p>نص الخبر.</p>",
        main_image=ImageFactory(),
        category=CategoryFactory(),
        status=Article.Status.REVIEW,
        created_by=newsroom["journalist"],
    )
    story.authors.add(newsroom["journalist"])

    page = log_in(browser, site_url, "editor")
    page.goto(f"{site_url}/admin/articles/article/{story.pk}/change/")
    page.get_by_role("button", name="إعادة للكاتب مع ملاحظة").click()
    expect(page.locator(".field-note .errorlist")).to_contain_text("اكتب للكاتب ملاحظة")
    page.fill("#id_note", "ينقصه رأي منظمة أوبك.")
    page.get_by_role("button", name="إعادة للكاتب مع ملاحظة").click()
    expect(page.locator(".messagelist .success")).to_have_text("أُعيد الخبر إلى كاتبه مع ملاحظتك.")
    page.close()

    page = log_in(browser, site_url, "journalist")
    page.set_viewport_size({"width": 390, "height": 844})
    returned = page.locator(".desk__box--notifications")
    expect(returned).to_contain_text("ينقصه رأي منظمة أوبك.")
    page.screenshot(path=screenshots / "desk-returned-390.png", full_page=True)
    returned.get_by_role("link", name=HEADLINE).click()
    page.wait_for_url(re.compile(r"/change/$"))
    expect(page.locator(".editorial-note")).to_contain_text("منى العلي")
    assert buttons(page) == ["حفظ المسودة", "إرسال للمراجعة"]
    assert no_page_scroll_sideways(page)
    page.screenshot(path=screenshots / "story-form-journalist-390.png", full_page=True)
    page.close()
    assert Article.objects.get(pk=story.pk).status == Article.Status.DRAFT
