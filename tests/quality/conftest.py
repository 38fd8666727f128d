import pytest
from django.core.cache import cache
from django.utils import timezone

from articles.models import BreakingNews, Correction, LiveUpdate, RelatedLink
from articles.reads.counting import TOP_KEY, add_read
from tests.factories import ArticleFactory, CategoryFactory, RelatedLinkFactory, UserFactory


@pytest.fixture
def reader_pages(db):
    """One page of each kind a reader meets, built like the reference page, with every
    part issue 16 added: the breaking bar, a live story, corrections, most read.

    Reads are counted in the cache, which outlives the test's database: emptied after."""
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
    line = BreakingNews(text="عاجل: اتفاق على هدنة في الشمال", article=story)
    line.go_live(author)
    live = ArticleFactory(title="تغطية مباشرة لقمة الطاقة", category=world, is_live=True)
    LiveUpdate.objects.create(article=live, text="وصول القادة", created_at=timezone.now())
    LiveUpdate.objects.create(
        article=live, text="اتفاق على الآلية", is_important=True, photo=live.main_image
    )
    for reads, read_story in enumerate([live, story], start=1):
        for _ in range(reads):
            add_read(read_story.pk)
    cache.delete(TOP_KEY)  # not an earlier test's tally
    yield {
        "home": "/",
        "section": world.get_absolute_url(),
        "tag": story.tags.get(name="باريس").get_absolute_url(),
        "author": "/author/laila/",
        "search": "/search/?q=باريس",
        "article": story.get_absolute_url(),
        "corrections": "/corrections/",
        "live": live.get_absolute_url(),
        "not_found": "/news/999999/لا-يوجد/",
    }
    cache.clear()
