"""A journalist publishes through the real admin forms, in Arabic."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article, Image, RelatedLink
from tests.admin_forms import jpeg_upload, links_management
from tests.factories import ArticleFactory, CategoryFactory, ImageFactory

pytestmark = pytest.mark.django_db


def story_form(image, category, **overrides):
    data = {
        "title": "قمة باريس لتعزيز دفاعات أوكرانيا ضد روسيا",
        "summary": "وزير الخارجية يلتقي المسؤولين الأوكرانيين في باريس.",
        "body": "<h2>اجتماع الوزراء</h2><p>الفقرة الأولى.</p><p>الفقرة الثانية.</p>",
        "main_image": image.pk,
        "category": category.pk,
        "tags": "أوروبا، أوكرانيا, باريس",
        "published_at_0": "",
        "published_at_1": "",
        "slug": "",
        "_save": "حفظ",
        **links_management(0),
    }
    data.update(overrides)
    return data


def test_admin_speaks_arabic_right_to_left(admin_client):
    response = admin_client.get(reverse("admin:articles_article_add"))
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "العنوان الرئيسي" in html  # the headline field's Arabic label
    assert "خَبَرَيْن" in html


def test_journalist_uploads_a_photo_and_writes_a_story(journalist_client, journalist):
    reader = Client()
    category = CategoryFactory(name="أوروبا")
    other = ArticleFactory(title="قادة أوروبا يعقدون قمة طارئة")

    response = journalist_client.post(
        reverse("admin:articles_image_add"),
        {
            "file": jpeg_upload("IMG_2041 صورة المصدر.jpg"),
            "alt_text": "وزير الخارجية يصافح المبعوث الدولي",
            "caption": "التقى الوزيران في باريس يوم الخميس.",
            "credit": "لودوفيك مارين/رويترز",
            "_save": "حفظ",
        },
    )
    assert response.status_code == 302, response.content.decode()
    image = Image.objects.get(alt_text="وزير الخارجية يصافح المبعوث الدولي")
    assert (image.width, image.height) == (1200, 675)
    assert image.uploaded_by == journalist
    assert "IMG_2041" not in image.file.name

    response = journalist_client.post(
        reverse("admin:articles_article_add"),
        story_form(
            image,
            category,
            **links_management(2),
            **{
                "links-0-kind": RelatedLink.Kind.SEE_ALSO,
                "links-0-target_article": other.pk,
                "links-0-after_paragraph": "1",
                "links-0-position": "0",
                "links-1-kind": RelatedLink.Kind.RELATED,
                "links-1-url": "https://example.org/analysis",
                "links-1-title": "تحليل: ماذا بعد القمة؟",
                "links-1-position": "1",
            },
        ),
    )
    assert response.status_code == 302, response.content.decode()
    story = Article.objects.get(title__startswith="قمة باريس")
    assert story.slug == "قمة-باريس-لتعزيز-دفاعات-أوكرانيا-ضد-روسيا"
    assert sorted(story.tags.names()) == ["أوروبا", "أوكرانيا", "باريس"]
    assert story.links.count() == 2

    # Not on the site while it is a draft …
    assert reader.get(story.get_absolute_url()).status_code == 404
    assert story.title not in reader.get("/").content.decode()

    # … and there once it is published.
    story.status = Article.Status.PUBLISHED
    story.save()
    page = reader.get(story.get_absolute_url()).content.decode()
    assert "قادة أوروبا يعقدون قمة طارئة" in page
    assert "تحليل: ماذا بعد القمة؟" in page
    assert story.title in reader.get("/").content.decode()


def test_errors_are_in_arabic_and_keep_what_was_typed(journalist_client):
    image, category = ImageFactory(), CategoryFactory()
    response = journalist_client.post(
        reverse("admin:articles_article_add"),
        story_form(image, category, title="", summary="موجز محفوظ في النموذج"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "هذا الحقل مطلوب" in html
    assert "موجز محفوظ في النموذج" in html
    assert not Article.objects.exists()


@pytest.fixture
def own_draft(journalist):
    return ArticleFactory(status=Article.Status.DRAFT, published_at=None, created_by=journalist)


def test_a_link_to_the_story_itself_is_refused(journalist_client, own_draft):
    url = reverse("admin:articles_article_change", args=[own_draft.pk])
    data = story_form(
        own_draft.main_image,
        own_draft.category,
        title=own_draft.title,
        loaded_version=own_draft.version,
        **links_management(1),
        **{
            "links-0-kind": RelatedLink.Kind.RELATED,
            "links-0-target_article": own_draft.pk,
            "links-0-position": "0",
        },
    )
    response = journalist_client.post(url, data)
    assert response.status_code == 200
    assert "لا يمكن أن يرتبط الخبر بنفسه" in response.content.decode()
    assert not RelatedLink.objects.exists()


def test_a_link_needs_a_story_or_an_address(journalist_client, own_draft):
    url = reverse("admin:articles_article_change", args=[own_draft.pk])
    data = story_form(
        own_draft.main_image,
        own_draft.category,
        loaded_version=own_draft.version,
        **links_management(1),
        **{"links-0-kind": RelatedLink.Kind.RELATED, "links-0-position": "0"},
    )
    response = journalist_client.post(url, data)
    assert response.status_code == 200
    assert "اختر خبراً أو عنواناً خارجياً" in response.content.decode()


def link_row(index, **fields):
    return {f"links-{index}-{name}": value for name, value in fields.items()}


@pytest.mark.parametrize("story_link", [True, False], ids=["story", "address"])
def test_the_same_link_twice_in_one_save_is_refused(journalist_client, own_draft, story_link):
    target = {"target_article": ArticleFactory().pk} if story_link else {}
    address = {} if story_link else {"url": "https://example.org/a", "title": "عنوان"}
    row = {"kind": RelatedLink.Kind.RELATED, **target, **address}
    data = story_form(
        own_draft.main_image,
        own_draft.category,
        loaded_version=own_draft.version,
        **links_management(2),
        **link_row(0, position="0", **row),
        **link_row(1, position="1", **row),
    )
    response = journalist_client.post(
        reverse("admin:articles_article_change", args=[own_draft.pk]), data
    )
    assert response.status_code == 200
    assert "الرابط نفسه مكرر مرتين." in response.content.decode()
    assert not RelatedLink.objects.exists()


def test_only_a_see_also_link_is_placed_after_a_paragraph(journalist_client, own_draft):
    data = story_form(
        own_draft.main_image,
        own_draft.category,
        loaded_version=own_draft.version,
        **links_management(1),
        **link_row(
            0,
            kind=RelatedLink.Kind.RELATED,
            target_article=ArticleFactory().pk,
            after_paragraph="2",
            position="0",
        ),
    )
    response = journalist_client.post(
        reverse("admin:articles_article_change", args=[own_draft.pk]), data
    )
    assert response.status_code == 200
    assert "روابط «شاهد ايضاً» وحدها تُوضع بعد فقرة." in response.content.decode()
    assert not RelatedLink.objects.exists()


def test_tags_typed_with_both_spellings_become_one(journalist_client):
    ArticleFactory(tags=["أوروبا"])
    image, category = ImageFactory(), CategoryFactory()
    journalist_client.post(
        reverse("admin:articles_article_add"),
        story_form(image, category, title="خبر جديد", tags="اوروبا، أوكرانيا"),
    )
    story = Article.objects.get(title="خبر جديد")
    assert sorted(story.tags.names()) == ["أوروبا", "أوكرانيا"]


def test_story_list_shows_thumbnail_status_and_section(admin_client, published_article):
    html = admin_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert published_article.main_image.file.url in html
    assert published_article.category.name in html
    assert "منشور" in html


def test_photo_search_by_credit(admin_client):
    ImageFactory(credit="سامر الخطيب/خبرين", alt_text="صورة أولى")
    ImageFactory(credit="وكالة أخرى", alt_text="صورة ثانية")
    url = reverse("admin:articles_image_changelist")
    html = admin_client.get(url, {"q": "الخطيب"}).content.decode()
    assert "صورة أولى" in html and "صورة ثانية" not in html


def test_text_pasted_with_control_characters_is_saved_without_them(journalist_client):
    """A vertical tab from a word processor, a stray escape: gone from what readers get."""
    form = story_form(
        ImageFactory(),
        CategoryFactory(),
        title="\x0bقمة\x01 باريس ",
        summary="ملخص\x1f",
        tags="أوروبا\x08، باريس",
    )
    response = journalist_client.post(reverse("admin:articles_article_add"), form)
    assert response.status_code == 302, response.content.decode()
    story = Article.objects.get()
    assert (story.title, story.summary) == ("قمة باريس", "ملخص")
    assert sorted(story.tags.names()) == ["أوروبا", "باريس"]


def test_a_headline_of_nothing_but_control_characters_is_refused(journalist_client):
    form = story_form(ImageFactory(), CategoryFactory(), title="\x01\x02\x03")
    response = journalist_client.post(reverse("admin:articles_article_add"), form)
    assert response.status_code == 200
    assert "لا يمكن ترك هذا الحقل فارغاً" in response.content.decode()
    assert not Article.objects.exists()
