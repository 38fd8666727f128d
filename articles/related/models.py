"""The links an editor places on a story: "شاهد ايضاً" inside the body and the
"أخبار ذات صلة" block under it, each to one of our stories or to another site."""

import reversion
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lib.page_cache.models import ShownToReaders


@reversion.register()
class RelatedLink(ShownToReaders):
    class Kind(models.TextChoices):
        SEE_ALSO = "see_also", _("See also (inside the story)")
        RELATED = "related", _("Related news (block under the story)")

    article = models.ForeignKey(
        "articles.Article", verbose_name=_("story"), on_delete=models.CASCADE, related_name="links"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    target_article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("linked story"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="linked_from",
    )
    # NULL, not "", for a link to a story: NULLs are distinct, so the unique constraint on
    # the address needs no condition and Django's formsets check it among new rows too.
    url = models.URLField(_("external address"), blank=True, null=True, max_length=500)  # noqa: DJ001
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_("Required for an external address; for a story its headline is used."),
    )
    after_paragraph = models.PositiveSmallIntegerField(
        _("after paragraph"),
        null=True,
        blank=True,
        help_text=_(
            "See also only: the paragraph number it follows. Left empty, links are spread evenly."
        ),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("related link")
        verbose_name_plural = _("related links")
        ordering = ["position", "pk"]
        # Every rule of a link, checked by full_clean() (the admin's forms) with these
        # messages, and by the database for any other writer.
        constraints = [
            models.CheckConstraint(
                condition=(Q(target_article__isnull=False) & Q(url__isnull=True))
                | (Q(target_article__isnull=True) & Q(url__isnull=False)),
                name="relatedlink_story_or_url",
                violation_error_message=_(
                    "Choose either a story or an external address, not both."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(target_article=models.F("article")),
                name="relatedlink_not_self",
                violation_error_message=_("A story cannot link to itself."),
            ),
            models.CheckConstraint(
                condition=Q(url__isnull=True) | ~Q(title=""),
                name="relatedlink_external_has_title",
                violation_error_message=_("An external link needs a title."),
            ),
            models.CheckConstraint(
                condition=Q(after_paragraph__isnull=True) | Q(kind="see_also"),
                name="relatedlink_placed_if_see_also",
                violation_error_message=_("Only see-also links are placed after a paragraph."),
            ),
            models.UniqueConstraint(
                fields=["article", "kind", "target_article"],
                name="relatedlink_unique_story",
                violation_error_message=_("This story already has this link."),
            ),
            models.UniqueConstraint(
                fields=["article", "kind", "url"],
                name="relatedlink_unique_url",
                violation_error_message=_("This story already has this link."),
            ),
        ]

    def __str__(self):
        return self.display_title

    def page_keys(self):
        """A link is shown on its story's page."""
        return [f"story:{self.article_id}"]

    def keys_retired_by_save(self, adding):
        return self.page_keys()  # a new link shows at once

    @property
    def display_title(self):
        return self.target_article.title if self.target_article_id else self.title

    @property
    def href(self):
        return self.target_article.get_absolute_url() if self.target_article_id else self.url

    @property
    def is_external(self):
        return not self.target_article_id
