from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.page_cache.models import ShownToReaders, ShownToReadersQuerySet

# The page that lists every correction (articles.views.CorrectionListView).
CORRECTIONS_KEY = "corrections"


class CorrectionQuerySet(ShownToReadersQuerySet):
    def shown(self):
        """Corrections of the stories readers may see, the newest first."""
        from articles.models import Article

        return self.filter(article__in=Article.objects.published().values("pk")).order_by(
            "-created_at", "-pk"
        )


class Correction(ShownToReaders):
    """What a published story got wrong, and when it was put right."""

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("story"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    text = models.TextField(
        _("correction"),
        max_length=1000,
        help_text=_("What was wrong and what the story says now; shown at its end."),
    )
    created_at = models.DateTimeField(_("date"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["-created_at", "-id"], name="correction_newest_idx")]

    def __str__(self):
        return self.text[:80]

    def page_keys(self):
        """Its story's page (the end of the story, its JSON-LD) and the corrections page."""
        return [f"story:{self.article_id}", CORRECTIONS_KEY]

    def keys_retired_by_save(self, adding):
        return self.page_keys()  # a new correction shows at once
