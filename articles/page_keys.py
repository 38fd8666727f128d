"""A story's part of the page cache's contract (lib/page_cache): the keys a page showing
it names, and what a save or a delete retires of readers' pages."""

from django.utils import timezone

from categories.models import Category
from lib.page_cache.keys import NOT_FOUND, schedule_changed

from .corrections.models import CORRECTIONS_KEY
from .related.block import candidate_keys

# What places a story in the lists: changing any of them moves it.
LIST_FIELDS = ("status", "published_at", "category_id", "is_lead", "is_featured")
# What a save reads back of the story as stored: its place, and until when readers see it.
STORED_FIELDS = (*LIST_FIELDS, "expires_at")


def _has_a_due_time(stored):
    """Published with a time still to come: its publication, or the end of its display."""
    now = timezone.now()
    return stored.get("status") == "published" and any(
        moment is not None and moment > now
        for moment in (stored["published_at"], stored["expires_at"])
    )


class ArticlePageKeys:
    """The page-key methods of Article (a ShownToReaders). A save hands over the story as
    stored before it (`_stored`, STORED_FIELDS read under the row lock)."""

    def page_keys(self):
        """Named by every page showing this story: its own, a card of it, a link to it."""
        return [f"story:{self.pk}", f"photo:{self.main_image_id}"]

    def listing_keys(self, *, also_in=()):
        """Its own page and every list it is on: what its arrival or departure retires.

        `also_in`: sections it has just left, whose lists showed it until now.
        """
        sections = Category.objects.with_ancestors({self.category_id, *also_in})
        tags = self.tagged_items.values_list("tag_id", flat=True)
        authors = self.authors.values_list("pk", flat=True)
        return [
            f"story:{self.pk}",
            "home",
            "feeds",
            "sitemaps",
            "news-sitemap",
            "search",
            CORRECTIONS_KEY,  # it lists the corrections of published stories
            NOT_FOUND,
            *(f"section:{pk}" for pk in sections),
            *(f"tag:{pk}" for pk in tags),
            *(f"author:{pk}" for pk in authors),
            *candidate_keys(self, tags, also_in),
        ]

    def keys_retired_by_save(self, adding):
        """What readers saw of the story before the save (as stored) or see now.

        A story no reader could see before nor can now (a draft, one in review, one
        scheduled) retires nothing. An edit that leaves the story where it was in every
        list retires its own key (its page, its cards and links everywhere), search and
        the sitemap; arriving, leaving or moving retires the lists too.
        """
        stored = self.__dict__.pop("_stored", None) or {}
        if _has_a_due_time(vars(self)) or _has_a_due_time(stored):
            schedule_changed()
        was_visible = bool(stored) and type(self)(**stored).is_published()
        if not (was_visible or self.is_published()):
            return []
        moved = was_visible != self.is_published() or any(
            stored[name] != getattr(self, name) for name in LIST_FIELDS
        )
        if moved:
            keys = self.listing_keys(also_in=[stored["category_id"]] if stored else [])
        else:
            keys = [f"story:{self.pk}", "search", "sitemaps"]
            if self.is_news():
                keys.append("news-sitemap")  # it shows the headlines of the newest
        return keys

    def keys_retired_by_delete(self):
        """A live story leaves its page and every list; one with a time still to come
        (scheduled, or with an end of display), the schedule."""
        if _has_a_due_time(vars(self)):
            schedule_changed()
        return self.listing_keys() if self.is_published() else []
