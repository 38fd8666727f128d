"""The article page shows every part of the reference page, and only to whom it should."""

import re
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from django.urls import reverse

from articles.models import RelatedLink
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    ImageFactory,
    RelatedLinkFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

BODY = (
    "<h2>اجتماع وزراء الخارجية في باريس</h2><p>الفقرة الأولى.</p>"
    "<h2>تحديات إنهاء الحرب</h2><p>الفقرة الثانية.</p>"
    "<h2>أهمية القمة</h2><p>الفقرة الثالثة.</p>"
    "<h2>دور الوزراء</h2><p>الفقرة الرابعة.</p><p>الفقرة الخامسة.</p>"
)


class Outline(HTMLParser):
    """The body's headings, images and visible text in document order."""

    def __init__(self):
        super().__init__()
        self.h1_count = 0
        self.images = []
        self.text = []
        self.in_body = self.in_script = False

    def handle_starttag(self, tag, attrs):
        self.in_body = self.in_body or tag == "body"
        self.in_script = tag in {"script", "style"}
        if tag == "h1":
            self.h1_count += 1
        if tag == "img":
            self.images.append(dict(attrs))

    def handle_endtag(self, tag):
        self.in_script = False

    def handle_data(self, data):
        if self.in_body and not self.in_script and data.strip():
            self.text.append(data.strip())


def outline(response):
    parser = Outline()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def reference_story():
    """A story built like the reference page: sections, photo, see-also and related news."""
    europe = CategoryFactory(name="أوروبا", show_in_navigation=False)
    story = ArticleFactory(
        title="قمة باريس لتعزيز دفاعات أوكرانيا ضد روسيا",
        summary="وزير الخارجية يلتقي المسؤولين الأوكرانيين في باريس لتعزيز الدفاعات.",
        body=BODY,
        category=europe,
        main_image=ImageFactory(
            alt_text="وزير الخارجية والمبعوث الدولي يتبادلان التحيات في باريس",
            caption="التقى المبعوث بالمستشار الرئاسي في قصر الإليزيه يوم الخميس.",
            credit="لودوفيك مارين/رويترز",
        ),
        tags=["أوكرانيا", "باريس"],
    )
    story.authors.add(UserFactory(first_name="ليلى", last_name="حداد"))
    RelatedLinkFactory(
        article=story,
        kind=RelatedLink.Kind.SEE_ALSO,
        target_article=ArticleFactory(title="قادة أوروبا يعقدون قمة طارئة"),
        after_paragraph=2,
    )
    RelatedLinkFactory(
        article=story,
        kind=RelatedLink.Kind.SEE_ALSO,
        target_article=ArticleFactory(title="الرئيس الكرواتي يفوز بولاية جديدة"),
        after_paragraph=4,
    )
    for title in ["ضربات تستهدف كييف", "تسرب النفط في مضيق كيرتش"]:
        RelatedLinkFactory(
            article=story,
            target_article=ArticleFactory(title=title, category=europe),
        )
    return story


def test_every_part_of_the_reference_page_in_order(client, reference_story):
    CategoryFactory(name="سياسة", navigation_order=1)
    CategoryFactory(name="رياضة", navigation_order=2)
    response = client.get(reference_story.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    page = outline(response)
    text = "\n".join(page.text)

    assert '<html lang="ar" dir="rtl">' in html
    assert page.h1_count == 1
    parts = [
        "خَبَرَيْن",  # 1 logo
        "قمة باريس لتعزيز دفاعات أوكرانيا ضد روسيا",  # 2 headline
        "وزير الخارجية يلتقي المسؤولين الأوكرانيين",  # 3 standfirst
        "التقى المبعوث بالمستشار الرئاسي",  # 5 caption ...
        "لودوفيك مارين/رويترز",  # ... with the credit after it
        "التصنيف:",  # 6 section
        "شارك الخبر:",  # 7 share links
        "اجتماع وزراء الخارجية في باريس",  # 8 body
        "شاهد ايضاً:",  # 9 see also
        "أخبار ذات صلة",  # 10 related
        "ضربات تستهدف كييف",
        "الرئيسية",  # 11 footer
    ]
    positions = [text.index(part, text.index("قمة باريس") if i > 1 else 0)
                 for i, part in enumerate(parts)]  # fmt: skip
    assert positions[1:] == sorted(positions[1:])

    main_photo = page.images[1]
    assert main_photo["alt"] == "وزير الخارجية والمبعوث الدولي يتبادلان التحيات في باريس"
    assert "fetchpriority" in main_photo and "loading" not in main_photo
    assert f'href="{reference_story.category.get_absolute_url()}"' in html
    assert "بقلم:\nليلى حداد" in text
    author = reference_story.authors.get()
    assert f'href="/author/{author.username}/"' in html
    assert f'href="{reference_story.tags.first().get_absolute_url()}"' in html
    assert '<time datetime="' in html

    canonical = quote(f"http://testserver{reference_story.get_absolute_url()}", safe="")
    for share in ["facebook.com/sharer", "twitter.com/intent", "linkedin.com/sharing",
                  "wa.me", "t.me/share", "mailto:"]:  # fmt: skip
        assert share in html
    assert canonical in html
    # No third-party or inline script: JSON-LD data, and our own read beacon from our
    # static files (issue 16), which the page does not need to work.
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts[:2] == ['<script type="application/ld+json">'] * 2
    assert [re.sub(r"\.[0-9a-f]{12}\.js", ".js", tag) for tag in scripts[2:]] == [
        '<script src="/static/js/reads.js" defer>'
    ]

    related = html[html.index("أخبار ذات صلة") :]
    assert related.count('class="card"') == 2
    assert 'loading="lazy"' in related
    assert "أوروبا" in related  # each card names its section
    for section in ["سياسة", "رياضة"]:
        assert section in html[html.index("site-footer") :]


def test_see_also_lines_follow_the_chosen_paragraphs(client, reference_story):
    html = client.get(reference_story.get_absolute_url()).content.decode()
    body = html[html.index('class="story__body"') : html.index("</article>")]
    blocks = re.findall(r"<p>(الفقرة [^<]+)</p>|شاهد ايضاً:</strong> <a [^>]+>([^<]+)<", body)
    sequence = [paragraph or see_also for paragraph, see_also in blocks]
    assert sequence == [
        "الفقرة الأولى.",
        "الفقرة الثانية.",
        "قادة أوروبا يعقدون قمة طارئة",
        "الفقرة الثالثة.",
        "الفقرة الرابعة.",
        "الرئيس الكرواتي يفوز بولاية جديدة",
        "الفقرة الخامسة.",
    ]


def test_unplaced_see_also_links_are_spread_through_the_body(client):
    story = ArticleFactory(body="".join(f"<p>فقرة {n}</p>" for n in range(1, 10)))
    for title in ["الأول", "الثاني"]:
        RelatedLinkFactory(
            article=story,
            kind=RelatedLink.Kind.SEE_ALSO,
            target_article=ArticleFactory(title=f"رابط {title}"),
        )
    html = client.get(story.get_absolute_url()).content.decode()
    assert html.index("فقرة 3") < html.index("رابط الأول") < html.index("فقرة 4")
    assert html.index("فقرة 6") < html.index("رابط الثاني") < html.index("فقرة 7")


def test_links_to_unpublished_stories_are_not_shown(client, reference_story, draft_article):
    draft_article.title = "خبر لم يُنشر بعد"
    draft_article.save()
    RelatedLinkFactory(
        article=reference_story, kind=RelatedLink.Kind.SEE_ALSO, target_article=draft_article
    )
    RelatedLinkFactory(article=reference_story, target_article=draft_article)
    html = client.get(reference_story.get_absolute_url()).content.decode()
    assert "خبر لم يُنشر بعد" not in html


def test_related_block_falls_back_to_shared_tags_then_section(client):
    section = CategoryFactory()
    story = ArticleFactory(category=section, tags=["طاقة"])
    ArticleFactory(title="خبر يشارك الوسم", tags=["طاقة"])
    ArticleFactory(title="خبر من القسم نفسه", category=section)
    ArticleFactory(title="خبر لا علاقة له")
    html = client.get(story.get_absolute_url()).content.decode()
    related = html[html.index("أخبار ذات صلة") :]
    assert related.index("خبر يشارك الوسم") < related.index("خبر من القسم نفسه")
    assert "خبر لا علاقة له" not in related


def test_updated_time_shown_after_an_edit(client, published_article):
    from datetime import timedelta

    from articles.models import Article

    day_before = published_article.published_at - timedelta(days=1)
    Article.objects.filter(pk=published_article.pk).update(
        published_at=day_before, created_at=day_before
    )
    published_article.refresh_from_db()
    published_article.title = "عنوان بعد تصحيح خطأ مطبعي"
    published_article.save()
    assert published_article.published_at == day_before
    html = client.get(published_article.get_absolute_url()).content.decode()
    assert "آخر تحديث" in html


def test_fresh_story_has_no_update_line(client, published_article):
    html = client.get(published_article.get_absolute_url()).content.decode()
    assert "آخر تحديث" not in html


def test_wrong_or_old_slug_redirects_permanently(client, published_article):
    right = published_article.get_absolute_url()
    for wrong in [
        reverse("articles:detail", kwargs={"pk": published_article.pk, "slug": "عنوان-قديم"}),
        reverse("articles:detail_by_id", kwargs={"pk": published_article.pk}),
    ]:
        response = client.get(wrong)
        assert response.status_code == 301
        assert response["Location"] == right


@pytest.mark.parametrize("fixture", ["draft_article", "review_article", "scheduled_article"])
def test_unpublished_stories_are_404_for_readers(client, request, fixture):
    article = request.getfixturevalue(fixture)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 404
    assert "الصفحة غير موجودة" in response.content.decode()


def test_the_newsroom_can_preview_a_draft(client, journalist, draft_article):
    client.force_login(journalist)
    response = client.get(draft_article.get_absolute_url())
    assert response.status_code == 200
    assert "معاينة" in response.content.decode()


def test_a_staff_account_without_newsroom_rights_sees_no_draft(client, draft_article):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(draft_article.get_absolute_url()).status_code == 404


def test_unknown_story_is_404(client):
    assert client.get("/news/999999/لا-يوجد/").status_code == 404


def test_query_count_does_not_grow_with_links_and_tags(client, django_assert_num_queries):
    bare = ArticleFactory()
    rich = ArticleFactory(tags=[f"وسم {n}" for n in range(10)])
    for n in range(10):
        RelatedLinkFactory(article=rich, kind=RelatedLink.Kind.RELATED)
        RelatedLinkFactory(article=rich, kind=RelatedLink.Kind.SEE_ALSO, after_paragraph=n % 4 + 1)
    rich.authors.add(*UserFactory.create_batch(3))
    # navigation, breaking bar, story, tags, authors, links, corrections, related cards
    with django_assert_num_queries(8):
        assert client.get(bare.get_absolute_url()).status_code == 200
    with django_assert_num_queries(8):
        assert client.get(rich.get_absolute_url()).status_code == 200


def test_a_sub_sections_story_costs_no_extra_query(client, django_assert_num_queries):
    """Its breadcrumb names the section above: read with the story, not on its own."""
    parent = CategoryFactory(name="العالم")
    story = ArticleFactory(category=CategoryFactory(name="أوروبا", parent=parent))
    with django_assert_num_queries(8):
        html = client.get(story.get_absolute_url()).content.decode()
    assert "العالم" in html and "أوروبا" in html
