"""The rules of which stories a list holds and in what order: what readers may see
(`published()`), the newest first, the lead, a section's family, what a card loads."""

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from lib.page_cache.models import ShownToReadersQuerySet

from . import search
from .related.models import RelatedLink

# Columns only the story's own page (the body) and search (the rest) read.
ARTICLE_SEARCH_COLUMNS = ("search_text", "search_vector")
ARTICLE_COLUMNS_NOT_ON_CARDS = ("body", *ARTICLE_SEARCH_COLUMNS)


class ArticleQuerySet(ShownToReadersQuerySet):
    def published(self):
        """What readers may see: published, no longer scheduled for later, and not past
        the end of its display (`expires_at`), if it has one."""
        now = timezone.now()
        return self.filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now),
            status=self.model.Status.PUBLISHED,
            published_at__lte=now,
        )

    def scheduled(self):
        """Published with a time still to come: they go out on their own at that time."""
        return self.filter(status=self.model.Status.PUBLISHED, published_at__gt=timezone.now())

    def in_category(self, category):
        """Stories of the section and of every section under it."""
        return self.filter(category_id__in=category.descendant_ids())

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def featured_first(self):
        """Top stories first, the newest first among them and among the rest."""
        return self.order_by("-is_featured", "-published_at", "-pk")

    def next_publication_time(self):
        """When readers' pages next change on their own, or None: a scheduled story goes
        live, or a story reaches the end of its display. One query, two index probes."""
        now = timezone.now()
        published = self.filter(status=self.model.Status.PUBLISHED)
        times = published.aggregate(
            going_live=models.Min("published_at", filter=Q(published_at__gt=now)),
            ending=models.Min("expires_at", filter=Q(expires_at__gt=now)),
        )
        return min(filter(None, times.values()), default=None)

    def update_search_index(self):
        """Write these stories' search columns again: their tags, or a tag's name, changed."""
        return search.update_index(
            self.model, self.values_list("pk", "title", "summary", "body"), using=self.db
        )

    def came_due_since(self, moment):
        """Stories scheduled for `moment` or later that are live now, and those whose
        display ended at `moment` or since: their pages and lists change."""
        now = timezone.now()
        return self.filter(status=self.model.Status.PUBLISHED).filter(
            Q(published_at__gte=moment, published_at__lte=now)
            | Q(expires_at__gte=moment, expires_at__lte=now)
        )

    def lead_first(self):
        """The story an editor chose to lead, else the newest."""
        return self.order_by(models.F("is_lead").desc(), "-published_at", "-pk")

    def newest_by_category(self, families, per_category):
        """{section id: its newest `per_category` stories, sub-sections included}.

        `families` maps a section's id to its family's ids. One short index scan per
        section: a window function over them all would read the whole archive.
        """
        return {
            pk: list(self.filter(category_id__in=ids).newest_first()[:per_category])
            for pk, ids in families.items()
        }

    def for_cards(self, with_body=False):
        """What a card shows; the body (unless asked for) and search columns stay behind."""
        deferred = ARTICLE_SEARCH_COLUMNS if with_body else ARTICLE_COLUMNS_NOT_ON_CARDS
        return self.select_related("category", "main_image").defer(*deferred)

    def with_related(self):
        """Everything the article page shows, in a fixed number of queries."""
        # A link to a story shows while that story is published: a probe of its primary
        # key per link (an IN over every published story would read them all).
        shown_links = (
            RelatedLink.objects.filter(
                Q(target_article__isnull=True)
                | Exists(self.model.objects.published().filter(pk=OuterRef("target_article_id")))
            )
            .select_related("target_article")
            .defer(*(f"target_article__{name}" for name in ARTICLE_COLUMNS_NOT_ON_CARDS))
        )
        return (
            self.for_cards(with_body=True)
            .select_related("category__parent")  # the breadcrumb of a sub-section's story
            .prefetch_related(
                "tags", "authors", "corrections", models.Prefetch("links", queryset=shown_links)
            )
        )

    def search(self, query):
        """Stories containing every word of `query` (text or a ReaderQuery), best first.

        Status is not looked at: readers' search starts from published().
        """
        return search.matching(self, query)
