"""What an import of a WordPress site leaves behind: the old addresses, and what each
post and attachment of the export became.

Why an own table of old addresses rather than django.contrib.redirects: a WordPress
site's short links are `/?p=123`, and a Redirect matches the path alone, never the query
string, so every short link would be one row for "/"; its `old_path` holds 200 characters,
and a WordPress address with an Arabic slug, percent-encoded as exports write it, passes
that after some 30 letters; it needs django.contrib.sites, which this project does not
install; and a Redirect holds a fixed address, so a story's new address would go stale
the day an editor changes its slug. A LegacyAddress points at the story, section or tag
itself: the redirect follows the story's address as it is now, and goes when the story
is deleted.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class LegacyAddressQuerySet(models.QuerySet):
    def for_request(self, path, query=""):
        """The old address `path` (with or without its final slash) and `query` name."""
        paths = {path, path[:-1] if path.endswith("/") else f"{path}/"} - {""}
        return (
            self.filter(path__in=paths, query=query)
            .select_related("article", "category", "tag")
            .order_by(models.F("path").desc())  # the exact path before the other
            .first()
        )


class LegacyAddress(models.Model):
    """An address of the old site that answers with a permanent redirect to its story,
    section or tag (articles/wordpress/middleware.py)."""

    # As Django gives request.path: percent-decoded, without host or query.
    path = models.CharField(_("old path"), max_length=1000)
    # The query string that names the item ("p=123"), or empty.
    query = models.CharField(_("old query"), max_length=200, blank=True, default="")
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("story"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    category = models.ForeignKey(
        "categories.Category",
        verbose_name=_("section"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    tag = models.ForeignKey(
        "articles.Tag",
        verbose_name=_("tag"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = LegacyAddressQuerySet.as_manager()

    class Meta:
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")
        constraints = [
            # Also the index every lookup uses.
            models.UniqueConstraint(fields=["path", "query"], name="legacyaddress_unique"),
            models.CheckConstraint(
                condition=(
                    Q(article__isnull=False, category__isnull=True, tag__isnull=True)
                    | Q(article__isnull=True, category__isnull=False, tag__isnull=True)
                    | Q(article__isnull=True, category__isnull=True, tag__isnull=False)
                ),
                name="legacyaddress_one_target",
            ),
        ]

    def __str__(self):
        return f"{self.path}?{self.query}" if self.query else self.path

    @property
    def target(self):
        return self.article or self.category or self.tag


class ImportedItem(models.Model):
    """A post or attachment of an export, by its GUID, and the story or photo it became.

    A second import finds it here and changes nothing unless the export changed (its
    fingerprint), and then not a story edited here since (its version moved on).
    """

    class Kind(models.TextChoices):
        POST = "post", _("post")
        ATTACHMENT = "attachment", _("attachment")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    guid = models.CharField(_("GUID"), max_length=1000)
    wordpress_id = models.PositiveBigIntegerField(_("WordPress ID"))
    article = models.OneToOneField(
        "articles.Article",
        verbose_name=_("story"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    image = models.OneToOneField(
        "articles.Image",
        verbose_name=_("photo"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    # A hash of what the export said of the item, as the import mapped it.
    fingerprint = models.CharField(max_length=64)
    # The story's version as the import left it (Article.version changes on every save).
    article_version = models.UUIDField(null=True, blank=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        verbose_name = _("imported item")
        verbose_name_plural = _("imported items")
        constraints = [
            models.UniqueConstraint(fields=["kind", "guid"], name="importeditem_unique_guid"),
        ]

    def __str__(self):
        return f"{self.kind} {self.wordpress_id}"
