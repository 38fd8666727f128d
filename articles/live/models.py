from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.page_cache.models import ShownToReaders

from ..photos.models import complete_images


def live_key(article_id):
    """Named by the story's page and its updates fragment, and by nothing else: an update
    retires those two, not every list that shows the story's card."""
    return f"live:{article_id}"


class LiveUpdate(ShownToReaders):
    """One timestamped update of a live story: text, perhaps a photo (credited), perhaps
    "مهم" (pinned above the others)."""

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("story"),
        on_delete=models.CASCADE,
        related_name="live_updates",
    )
    text = models.TextField(_("update"), max_length=3000)
    photo = models.ForeignKey(
        "articles.Image",
        verbose_name=_("photo"),
        on_delete=models.PROTECT,
        limit_choices_to=complete_images,
        null=True,
        blank=True,
        related_name="live_updates",
    )
    is_important = models.BooleanField(
        _("important"), default=False, help_text=_("Pinned above the other updates.")
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        verbose_name = _("live update")
        verbose_name_plural = _("live updates")
        # As readers see them: pinned first, then the newest first.
        ordering = ["-is_important", "-created_at", "-pk"]
        indexes = [
            models.Index(fields=["article", "-created_at", "-id"], name="liveupdate_story_idx")
        ]

    def __str__(self):
        return self.text[:80]

    def page_keys(self):
        return [live_key(self.article_id)]

    def keys_retired_by_save(self, adding):
        return self.page_keys()  # a new update shows at once


def live_page_keys(article):
    """What a page showing a story's updates names: its live key, and their photos."""
    if not article.has_live_coverage():
        return []
    photos = {update.photo_id for update in article.shown_live_updates if update.photo_id}
    return [live_key(article.pk), *(f"photo:{pk}" for pk in photos)]
