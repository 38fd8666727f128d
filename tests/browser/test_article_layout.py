"""What a reader sees in a real browser: right-to-left, no sideways scrolling, alt text."""

import pytest

from articles.models import RelatedLink
from tests.factories import ArticleFactory, CategoryFactory, RelatedLinkFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": (1366, 900), "phone": (390, 844)}


@pytest.fixture
def story_page(site_url):
    for order, name in enumerate(["أخبار", "سياسة", "أعمال", "رياضة", "العالم", "تكنولوجيا",
                                  "اقتصاد", "صحة", "تسلية"]):  # fmt: skip
        CategoryFactory(name=name, navigation_order=order)
    story = ArticleFactory(
        title="قمة باريس لتعزيز دفاعات أوكرانيا ضد روسيا وسط تصاعد الضغوط الدولية",
        body="".join(
            f"<h2>عنوان فرعي رقم {n}</h2><p>{'نص طويل للفقرة يشرح تفاصيل الخبر. ' * 12}</p>"
            for n in range(1, 6)
        ),
        tags=["أوروبا", "أوكرانيا"],
    )
    RelatedLinkFactory(
        article=story, kind=RelatedLink.Kind.SEE_ALSO, after_paragraph=2,
        target_article=ArticleFactory(title="قادة أوروبا يعقدون قمة طارئة حول أوكرانيا"),
    )  # fmt: skip
    for _ in range(4):
        RelatedLinkFactory(article=story)
    return f"{site_url}{story.get_absolute_url()}"


@pytest.mark.parametrize("width", WIDTHS)
def test_article_page_reads_right_to_left_without_overflow(browser, story_page, screenshots, width):
    viewport_width, viewport_height = WIDTHS[width]
    page = browser.new_page(viewport={"width": viewport_width, "height": viewport_height})
    response = page.goto(story_page)
    assert response.status == 200
    page.wait_for_load_state("load")

    assert page.evaluate("getComputedStyle(document.documentElement).direction") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{overflow}px of horizontal scrolling at {viewport_width}px"

    images = page.locator("img")
    assert images.count() >= 6
    for index in range(images.count()):
        alt = images.nth(index).get_attribute("alt")
        assert alt is not None, images.nth(index).evaluate("e => e.outerHTML")

    # The headline starts at the right-hand edge of its column.
    box = page.locator("h1").bounding_box()
    column = page.locator(".story").bounding_box()
    assert abs((box["x"] + box["width"]) - (column["x"] + column["width"])) < 2

    assert page.locator("text=شاهد ايضاً:").count() == 1
    assert page.locator(".related .card").count() == 4
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith('"Noto Naskh')
    assert page.evaluate("document.fonts.check('16px \"Noto Naskh Arabic\"', 'خبر')")

    page.screenshot(path=screenshots / f"article-{width}.png", full_page=True)
    page.close()
