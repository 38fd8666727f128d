"""The desk in Chromium: how long ago, in Arabic, and the desk and story list at 1366 and
390 px."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from articles.models import Article
from tests.browser.test_newsroom_flow import log_in
from tests.factories import ArticleFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# How long ago each draft was last saved, and how the desk says it.
AGES = [
    (timedelta(seconds=20), "منذ لحظات"),
    (timedelta(minutes=2), "منذ دقيقتين"),
    (timedelta(minutes=3), "منذ 3 دقائق"),
    (timedelta(minutes=11), "منذ 11 دقيقة"),
    (timedelta(days=9), "منذ أسبوع ويومين"),
]


def no_page_scroll_sideways(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_the_desk_says_how_long_ago_in_arabic_at_1366_and_390_px(
    browser, site_url, screenshots, newsroom_roles
):
    journalist = UserFactory(
        username="journalist", first_name="ليلى", last_name="حداد", is_staff=True
    )
    journalist.groups.add(Group.objects.get(name="صحفي"))
    drafts = []
    for number in range(len(AGES)):
        story = ArticleFactory(
            title=f"مسودة رقم {number} عن قمة باريس لتعزيز الدفاعات",
            status=Article.Status.DRAFT,
            published_at=None,
            created_by=journalist,
        )
        story.authors.add(journalist)
        drafts.append(story)
    live = ArticleFactory(title="خبر نُشر قبل ساعتين", created_by=journalist)
    live.authors.add(journalist)

    page = log_in(browser, site_url, "journalist")
    # The ages are set just before the desk is read again: a slow login must not age them.
    for story, (age, _said) in zip(drafts, AGES, strict=True):
        Article.objects.filter(pk=story.pk).update(updated_at=timezone.now() - age)
    Article.objects.filter(pk=live.pk).update(published_at=timezone.now() - timedelta(hours=2))
    page.reload()
    desk = page.locator(".desk")
    drafts = page.locator(".desk__box--drafts")
    for _age, said in AGES:
        assert drafts.get_by_text(said, exact=True).count() == 1, said
    assert page.locator(".desk__box--published").get_by_text("منذ ساعتين").count() == 1
    assert "(5)" in drafts.locator("h2").inner_text()
    page.screenshot(path=screenshots / "desk-1366.png", full_page=True)
    assert no_page_scroll_sideways(page)

    # The story list behind the box, readable at 1366 px.
    drafts.get_by_role("link", name="مسودة رقم 0 عن قمة باريس لتعزيز الدفاعات").wait_for()
    page.goto(f"{site_url}/admin/articles/article/?desk=drafts")
    assert page.locator("#result_list tbody tr").count() == 5
    assert page.locator("#result_list th.column-author_names").is_visible()
    title_width = page.locator("#result_list td.field-title").first.bounding_box()["width"]
    assert title_width >= 200, title_width
    page.screenshot(path=screenshots / "story-list-1366.png", full_page=True)

    # On a phone the desk's boxes stack, and the list keeps the headline in view.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site_url}/admin/")
    boxes = desk.locator(".desk__box")
    first, second = boxes.nth(0).bounding_box(), boxes.nth(1).bounding_box()
    assert second["y"] >= first["y"] + first["height"] - 1  # one column
    assert first["width"] <= 390
    page.screenshot(path=screenshots / "desk-390.png", full_page=True)
    assert no_page_scroll_sideways(page)

    page.goto(f"{site_url}/admin/articles/article/?desk=drafts")
    title = page.locator("#result_list td.field-title").first
    box = title.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    assert not page.locator("#result_list th.column-list_thumbnail").is_visible()
    page.screenshot(path=screenshots / "story-list-390.png", full_page=True)
    page.close()
