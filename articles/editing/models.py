from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AutosaveQuerySet(models.QuerySet):
    def of(self, user, article):
        """The person's autosave of the story, or of a story not yet added (`article` None)."""
        return self.filter(user=user, article=article)


class Autosave(models.Model):
    """What a person had typed in a story's form, as the form would post it.

    Kept apart from the story, so that saving it every half minute makes no revision and
    draws no new version: the person typing is never refused as a stale save of their own
    work. It is offered back when they open the story again, and goes when they save it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    # None: the form of a story not yet added.
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("story"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    # The story's version the form was opened with: a different one now means the story
    # was saved after this text was typed.
    version = models.UUIDField(_("version"), null=True, blank=True)
    # [[name, value], …] or [[name, value, label], …] (a choice's label, for the
    # autocomplete fields, which hold only the options chosen).
    fields = models.JSONField(_("fields"), default=list)
    saved_at = models.DateTimeField(_("saved at"), auto_now=True)

    objects = AutosaveQuerySet.as_manager()

    class Meta:
        verbose_name = _("autosave")
        verbose_name_plural = _("autosaves")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"],
                condition=Q(article__isnull=False),
                name="autosave_one_per_story",
            ),
            models.UniqueConstraint(
                fields=["user"], condition=Q(article__isnull=True), name="autosave_one_new_story"
            ),
        ]

    def __str__(self):
        return f"{self.user_id}:{self.article_id}"

    def is_older_than(self, article):
        """Was the story saved after this text was typed (by a colleague, or from
        another tab)?"""
        return article is not None and self.version != article.version
