from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.page_cache.keys import schedule_changed
from lib.page_cache.models import ShownToReaders, ShownToReadersQuerySet

# On every reader page (settings.PAGE_CACHE_EVERY_PAGE_KEYS) and on the breaking feed.
BREAKING_KEY = "breaking"
# How long a line stays up when the editor does not say.
DEFAULT_DURATION = timedelta(hours=2)
# At most this many lines at once in the bar, the newest first.
BAR_SIZE = 3


def default_expiry():
    return timezone.now() + DEFAULT_DURATION


class BreakingNewsQuerySet(ShownToReadersQuerySet):
    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def live(self):
        """What readers see in the bar: put live, and not yet expired; newest first."""
        now = timezone.now()
        return self.filter(
            status=BreakingNews.Status.LIVE, published_at__lte=now, expires_at__gt=now
        ).newest_first()

    def proposed(self):
        return self.filter(status=BreakingNews.Status.PROPOSED).order_by("-created_at", "-pk")

    def for_feed(self):
        """Every line that went live and was not withdrawn, expired ones included; newest
        first."""
        return self.filter(
            status=BreakingNews.Status.LIVE, published_at__lte=timezone.now()
        ).newest_first()

    # The page cache's scheduled-model protocol (lib/page_cache/keys.py): a live line
    # leaves every page at its expiry, to the second.

    def next_publication_time(self):
        now = timezone.now()
        return self.filter(status=BreakingNews.Status.LIVE, expires_at__gt=now).aggregate(
            next=models.Min("expires_at")
        )["next"]

    def came_due_since(self, moment):
        return self.filter(
            status=BreakingNews.Status.LIVE,
            expires_at__gte=moment,
            expires_at__lte=timezone.now(),
        )


class BreakingNews(ShownToReaders):
    """One breaking line: its text, the story it leads to (if any), until when it shows."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        LIVE = "live", _("Live")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    text = models.CharField(_("breaking line"), max_length=200)
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("linked story"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    expires_at = models.DateTimeField(
        _("shown until"),
        default=default_expiry,
        help_text=_("Two hours from now unless you choose."),
    )
    published_at = models.DateTimeField(_("put live at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("put live by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = BreakingNewsQuerySet.as_manager()

    class Meta:
        verbose_name = _("breaking news item")
        verbose_name_plural = _("breaking news")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["expires_at"], condition=Q(status="live"), name="breaking_live_idx"
            )
        ]

    def __str__(self):
        return self.text

    def go_live(self, user):
        """Put the line in the bar now, by an editor."""
        self.status = self.Status.LIVE
        self.published_at = timezone.now()
        self.published_by = user
        if self.expires_at <= self.published_at:
            self.expires_at = self.published_at + DEFAULT_DURATION
        self.save()

    def withdraw(self):
        self.status = self.Status.WITHDRAWN
        self.save()

    def is_live(self):
        """live() for one line."""
        now = timezone.now()
        return (
            self.status == self.Status.LIVE
            and self.published_at is not None
            and self.published_at <= now < self.expires_at
        )

    def page_keys(self):
        return [BREAKING_KEY]

    def listing_keys(self):
        """What its expiry retires (the scheduled-model protocol)."""
        return self.page_keys()

    def keys_retired_by_save(self, adding):
        """A proposal shows nowhere; a line live, withdrawn or changed after it went out
        retires every page (each names the bar's key)."""
        if self.status == self.Status.PROPOSED:
            return []
        if self.status == self.Status.LIVE:
            schedule_changed()  # its expiry is the next due time, perhaps
        return self.page_keys()

    def keys_retired_by_delete(self):
        return [] if self.status == self.Status.PROPOSED else self.page_keys()
