"""Model rules: slugs, what readers may see, link rules, tags and the body sanitiser."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article, RelatedLink, Tag
from articles.related.block import related_links
from articles.sanitizer import sanitize_html
from categories.models import Category
from tests.factories import ArticleFactory, CategoryFactory, RelatedLinkFactory

pytestmark = pytest.mark.django_db


class TestSlugs:
    def test_arabic_headline_gives_arabic_slug(self):
        article = ArticleFactory(title="قمة باريس لتعزيز دفاعات أوكرانيا ضد روسيا")
        assert article.slug == "قمة-باريس-لتعزيز-دفاعات-أوكرانيا-ضد-روسيا"

    def test_same_headline_twice_gets_distinct_slugs(self):
        first = ArticleFactory(title="عاجل: زلزال")
        second = ArticleFactory(title="عاجل: زلزال")
        assert first.slug == "عاجل-زلزال"
        assert second.slug == "عاجل-زلزال-2"

    def test_punctuation_only_headline_still_gets_a_slug(self):
        article = ArticleFactory(title="؟!…")
        assert article.slug == "story"

    def test_diacritics_do_not_reach_the_slug(self):
        article = ArticleFactory(title="خَبَرٌ عَاجِلٌ")
        assert article.slug == "خبر-عاجل"

    def test_long_headline_is_cut_at_a_word(self):
        article = ArticleFactory(title=" ".join(["كلمة"] * 39))
        assert len(article.slug) <= 120
        assert not article.slug.endswith("-")

    def test_section_slug_from_arabic_name(self):
        assert CategoryFactory(name="أوروبا").slug == "أوروبا"

    def test_editing_the_headline_keeps_the_address(self):
        article = ArticleFactory(title="العنوان الأول")
        url = article.get_absolute_url()
        article.title = "العنوان بعد التصحيح"
        article.save()
        assert article.get_absolute_url() == url


class TestPublished:
    def test_only_published_and_due_stories_are_visible(
        self, published_article, draft_article, review_article, scheduled_article
    ):
        assert list(Article.objects.published()) == [published_article]

    @pytest.mark.parametrize(
        ("status", "offset", "visible"),
        [
            (Article.Status.PUBLISHED, timedelta(minutes=-1), True),
            (Article.Status.PUBLISHED, timedelta(minutes=5), False),
            (Article.Status.REVIEW, timedelta(minutes=-1), False),
            (Article.Status.DRAFT, timedelta(minutes=-1), False),
        ],
    )
    def test_is_published_mirrors_the_queryset(self, status, offset, visible):
        article = ArticleFactory(status=status, published_at=timezone.now() + offset)
        assert article.is_published() is visible
        assert Article.objects.published().filter(pk=article.pk).exists() is visible

    def test_publishing_without_a_time_sets_it_now(self):
        article = ArticleFactory(status=Article.Status.PUBLISHED, published_at=None)
        assert article.published_at is not None
        assert article.is_published()

    def test_section_lists_its_subsections_stories(self):
        world = CategoryFactory(name="العالم")
        europe = CategoryFactory(name="أوروبا", parent=world)
        in_europe = ArticleFactory(category=europe)
        in_world = ArticleFactory(category=world)
        ArticleFactory()
        assert set(Article.objects.in_category(world)) == {in_europe, in_world}
        assert list(Article.objects.in_category(europe)) == [in_europe]

    def test_a_section_cannot_sit_under_itself(self):
        world = CategoryFactory(name="العالم")
        europe = CategoryFactory(name="أوروبا", parent=world)
        world.parent = europe
        with pytest.raises(ValidationError):
            world.full_clean()


class TestRelatedLinks:
    def test_story_or_address_but_not_both(self, published_article):
        other = ArticleFactory()
        link = RelatedLink(
            article=published_article,
            kind=RelatedLink.Kind.RELATED,
            target_article=other,
            url="https://example.org/x",
            title="عنوان",
        )
        with pytest.raises(ValidationError):
            link.full_clean()
        with pytest.raises(ValidationError):
            RelatedLink(article=published_article, kind=RelatedLink.Kind.RELATED).full_clean()

    def test_database_refuses_neither(self, published_article):
        with pytest.raises(IntegrityError), transaction.atomic():
            RelatedLink.objects.create(article=published_article, kind=RelatedLink.Kind.RELATED)

    def test_never_the_story_itself(self, published_article):
        link = RelatedLink(
            article=published_article,
            kind=RelatedLink.Kind.SEE_ALSO,
            target_article=published_article,
        )
        with pytest.raises(ValidationError) as error:
            link.full_clean()
        assert error.value.messages == ["لا يمكن أن يرتبط الخبر بنفسه."]
        with pytest.raises(IntegrityError), transaction.atomic():
            link.save()

    def test_no_duplicates(self, published_article):
        other = ArticleFactory()
        RelatedLinkFactory(article=published_article, target_article=other)
        duplicate = RelatedLink(
            article=published_article, kind=RelatedLink.Kind.RELATED, target_article=other
        )
        with pytest.raises(ValidationError):
            duplicate.full_clean()
        with pytest.raises(IntegrityError), transaction.atomic():
            duplicate.save()

    def test_external_link_needs_a_title(self, published_article):
        link = RelatedLink(
            article=published_article, kind=RelatedLink.Kind.RELATED, url="https://example.org/"
        )
        with pytest.raises(ValidationError) as error:
            link.full_clean()
        assert error.value.messages == ["الرابط الخارجي يحتاج إلى عنوان."]
        with pytest.raises(IntegrityError), transaction.atomic():
            link.save()

    def test_links_to_unpublished_stories_are_hidden(self, published_article, draft_article):
        RelatedLinkFactory(article=published_article, target_article=draft_article)
        shown = ArticleFactory()
        RelatedLinkFactory(article=published_article, target_article=shown)
        article = Article.objects.with_related().get(pk=published_article.pk)
        assert [link.target_article for link in related_links(article)] == [shown]


class TestRelatedFallback:
    def test_shared_tags_first_then_same_section(self):
        section = CategoryFactory()
        story = ArticleFactory(category=section, tags=["أوكرانيا", "باريس"])
        two_tags = ArticleFactory(tags=["أوكرانيا", "باريس"])
        one_tag = ArticleFactory(tags=["باريس"])
        same_section = ArticleFactory(category=section)
        ArticleFactory(tags=["رياضة"])
        ArticleFactory(category=section, status=Article.Status.DRAFT)
        article = Article.objects.with_related().get(pk=story.pk)
        related = [link.target_article for link in related_links(article)]
        assert related == [two_tags, one_tag, same_section]


class TestTags:
    def test_arabic_comma_separates_tags(self, published_article):
        from articles.tagging import parse_tags

        assert parse_tags("أوروبا، أوكرانيا ,  روسيا،،") == ["أوروبا", "أوكرانيا", "روسيا"]

    def test_hamza_spellings_are_one_tag(self):
        first = ArticleFactory(tags=["أوروبا"])
        second = ArticleFactory(tags=["اوروبا"])
        assert Tag.objects.count() == 1
        assert list(first.tags.all()) == list(second.tags.all())
        assert first.tags.get().name == "أوروبا"

    def test_keyboard_spellings_are_one_tag(self):
        """Typed on a Persian keyboard, or with an invisible joiner: still the one tag."""
        first = ArticleFactory(tags=["كرة القدم"])
        ArticleFactory(tags=["کرة القدم"])
        ArticleFactory(tags=["كرة\u200c القدم"])
        assert Tag.objects.count() == 1
        assert first.tags.get().name == "كرة القدم"

    def test_tags_spelled_apart_before_the_folding_become_one(self):
        migration = importlib.import_module("articles.migrations.0010_fold_tag_keys")
        arabic = ArticleFactory(tags=["كرة القدم"])
        # As saved before: its key did not fold the Persian letter (no save() here).
        [persian] = Tag.objects.bulk_create([Tag(name="کرة القدم", slug="persian", key="old")])
        both = ArticleFactory(tags=["كرة القدم"])
        both.tagged_items.create(tag=persian)
        ArticleFactory().tagged_items.create(tag=persian)
        migration.fold_tag_keys(django_apps, None)
        assert list(Tag.objects.values_list("name", flat=True)) == ["كرة القدم"]
        assert Article.objects.filter(tags__name="كرة القدم").count() == 3
        assert arabic.tags.count() == both.tags.count() == 1

    def test_tag_slugs_are_unicode_and_never_empty(self):
        article = ArticleFactory(tags=["الشرق الأوسط", "!!!"])
        slugs = sorted(article.tags.values_list("slug", flat=True))
        assert slugs == ["tag", "الشرق-الأوسط"]


class TestSanitizer:
    @pytest.mark.parametrize(
        "hostile",
        [
            "<script>alert(1)</script>",
            '<img src="x" onerror="alert(1)">',
            '<a href="javascript:alert(1)">x</a>',
            '<a href=" JaVaScRiPt:alert(1)">x</a>',
            '<p onclick="alert(1)">x</p>',
            "<iframe src=//evil.example></iframe>",
            "<style>body{display:none}</style>",
            '<svg onload="alert(1)"></svg>',
            '<a href="data:text/html,<script>alert(1)</script>">x</a>',
        ],
    )
    def test_active_content_is_removed(self, hostile):
        clean = sanitize_html(f"<p>نص</p>{hostile}")
        for marker in ("<script", "onerror", "onclick", "onload", "javascript:", "<iframe",
                       "<style", "data:"):  # fmt: skip
            assert marker not in clean.lower()

    def test_structure_survives(self):
        html = (
            "<h2>عنوان</h2><p><strong>عريض</strong> <em>مائل</em></p><ul><li>بند</li></ul>"
            "<blockquote><p>اقتباس</p></blockquote>"
            '<figure class="image"><img src="/media/photos/a.jpg" alt="صورة"></figure>'
        )
        assert sanitize_html(html) == html

    def test_links_keep_safe_schemes_and_get_noopener(self):
        clean = sanitize_html('<p><a href="https://example.org/">رابط</a></p>')
        assert clean == '<p><a href="https://example.org/" rel="noopener">رابط</a></p>'

    def test_body_is_sanitised_on_save(self):
        article = ArticleFactory(body='<p onclick="x()">نص</p><script>alert(1)</script>')
        article.refresh_from_db()
        assert article.body == "<p>نص</p>"


def test_category_navigation_order():
    CategoryFactory(name="رياضة", navigation_order=2)
    CategoryFactory(name="سياسة", navigation_order=1)
    CategoryFactory(name="مخفي", show_in_navigation=False)
    assert [c.name for c in Category.objects.in_navigation()] == ["سياسة", "رياضة"]


def test_links_saved_before_the_constraints_are_fitted_to_them():
    """Migration 0008 rewrites rows and the revisions django-reversion keeps of them, so
    restoring an old revision never writes a link the constraints refuse."""
    migration = importlib.import_module(
        "articles.migrations.0008_related_link_rules_as_constraints"
    )
    story_link = {"kind": "related", "url": "", "title": "", "after_paragraph": 3}
    address = {"kind": "see_also", "url": "https://example.org/", "title": "", "after_paragraph": 2}
    assert migration.fit(story_link) and migration.fit(address)
    assert story_link == {"kind": "related", "url": None, "title": "", "after_paragraph": None}
    assert address["title"] == "https://example.org/" and address["after_paragraph"] == 2
    assert not migration.fit(dict(address))
