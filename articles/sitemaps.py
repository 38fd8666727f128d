"""Sitemaps of published stories, section and tag pages, and the Google News sitemap."""

from datetime import timedelta
from urllib.parse import urljoin

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, Max, OuterRef
from django.utils import timezone

from categories.models import Category

from .models import Article, Tag

# Google News reads stories of the last two days, at most 1,000 of them per sitemap.
NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000


class ArticleSitemap(Sitemap):
    def items(self):
        # Only what the address and lastmod need: a page holds up to 50,000 stories, and
        # their bodies are the bulk of each row.
        return Article.objects.published().newest_first().only("pk", "slug", "updated_at")

    def lastmod(self, article):
        return article.updated_at

    def get_latest_lastmod(self):
        # For the index. Django's default calls lastmod() on every story; one MAX is enough.
        return self.items().order_by().aggregate(latest=Max("updated_at"))["latest"]


def categories_with_articles():
    """Ids of the sections whose page lists a story: its own or a sub-section's."""
    parents = dict(Category.objects.values_list("pk", "parent_id"))
    listed = set()
    # order_by(): the default ordering would make DISTINCT compare dates, not sections.
    for section_id in (
        Article.objects.published().order_by().values_list("category_id", flat=True).distinct()
    ):
        # Walk up: a section page shows its sub-sections' stories. Stop at a section
        # already listed, which also ends any loop of parents.
        while section_id is not None and section_id not in listed:
            listed.add(section_id)
            section_id = parents.get(section_id)
    return listed


class CategorySitemap(Sitemap):
    """Sections with at least one published story, in it or under it.

    An empty section page says only that there is no news yet: crawlers that find many
    such pages take them for thin or soft-404 pages, and they gain nothing from them.
    Sections are few, so the ids are worked out here from two small queries (a recursive
    query would be needed to do it in SQL alone).
    """

    def items(self):
        return Category.objects.filter(pk__in=categories_with_articles())


class TagSitemap(Sitemap):
    """Tag pages that list at least one story; a tag on drafts only has an empty page."""

    def items(self):
        return Tag.objects.filter(
            Exists(Article.objects.published().filter(tagged_items__tag=OuterRef("pk")))
        ).order_by("pk")


class NewsSitemap(Sitemap):
    """Stories published in the last 48 hours, for the Google News sitemap template."""

    limit = NEWS_LIMIT

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return (
            Article.objects.published()
            .filter(published_at__gte=since)
            .for_cards()
            .newest_first()[:NEWS_LIMIT]
        )

    def lastmod(self, article):
        return article.updated_at

    def get_urls(self, page=1, site=None, protocol=None):
        """Each entry with its photo's absolute address, for <image:image>."""
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        # MEDIA_URL is a path locally and may be a full address on a CDN: join, not prefix.
        base = f"{self.get_protocol(protocol)}://{self.get_domain(site)}/"
        for url in urls:
            url["image"] = urljoin(base, url["item"].main_image.og_rendition.url)
        return urls
