import pytest

from articles.models import Correction, RelatedLink
from tests.factories import ArticleFactory, CategoryFactory, RelatedLinkFactory, UserFactory


@pytest.fixture
def reader_pages(db):
    """One page of each kind a reader meets, built like the reference page."""
    world = CategoryFactory(name="العالم", navigation_order=1)
    europe = CategoryFactory(name="أوروبا", parent=world, show_in_navigation=False)
    CategoryFactory(name="رياضة", navigation_order=2)
    author = UserFactory(username="laila", first_name="ليلى", last_name="حداد")
    story = ArticleFactory(
        title="قمة باريس لتعزيز دفاعات أوكرانيا ضد روسيا",
        category=europe,
        tags=["أوكرانيا", "باريس"],
        body=(
            "<h2>اجتماع الوزراء</h2><p>الفقرة الأولى عن <strong>القمة</strong>.</p>"
            "<h2>تحديات الحرب</h2><p>الفقرة الثانية.</p><blockquote><p>اقتباس</p></blockquote>"
            "<ul><li>بند أول</li><li>بند ثان</li></ul><p>الفقرة الثالثة.</p>"
        ),
        is_lead=True,
    )
    story.authors.add(author)
    RelatedLinkFactory(article=story, kind=RelatedLink.Kind.SEE_ALSO, after_paragraph=1)
    for _ in range(3):
        RelatedLinkFactory(article=story, target_article=ArticleFactory(category=europe))
    RelatedLinkFactory(
        article=story, target_article=None, url="https://example.org/analysis", title="تحليل"
    )
    ArticleFactory.create_batch(3, category=world, is_featured=True)
    Correction.objects.create(article=story, text="ورد خطأً أن القمة عقدت يوم الأربعاء.")
    return {
        "home": "/",
        "section": world.get_absolute_url(),
        "tag": story.tags.get(name="باريس").get_absolute_url(),
        "author": "/author/laila/",
        "search": "/search/?q=باريس",
        "article": story.get_absolute_url(),
        "corrections": "/corrections/",
        "not_found": "/news/999999/لا-يوجد/",
    }
