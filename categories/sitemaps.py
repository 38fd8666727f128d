"""The sitemap of section pages."""

from django.contrib.sitemaps import Sitemap

from articles.models import Article

from .models import Category


def sections_with_stories():
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
        return Category.objects.filter(pk__in=sections_with_stories()).order_by(
            "navigation_order", "name"
        )
