"""The story admin's revision views, over django-reversion's: restoring a revision's
content, comparing one with the story now, and recovering a deleted story."""

from contextlib import nullcontext

import reversion
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin
from reversion.models import Version
from reversion.utils import mute_signals

from ..models import Article
from .compare import compare_with_current
from .restore import restore_content, revision_is_only_of


class _RestoreShown(Exception):
    """Undoes a restore whose form was only shown (ArticleRevisionAdmin.revision_view)."""

    def __init__(self, response):
        self.response = response


class ArticleRevisionAdmin(VersionAdmin):
    """django-reversion's views for stories, held to the story admin's permissions
    (`has_change_permission()`, `has_publish_permission()`, defined by ArticleAdmin)."""

    def has_restore_permission(self, request, article, version):
        """May this person put `version` back, given the story now and what it would become?

        Whoever may edit the story now may restore its revisions, except that a journalist
        may not bring back a published or scheduled state: the restored story must be a
        draft or in review, as the story they may edit is.
        """
        if not self.has_change_permission(request, article):
            return False
        if self.has_publish_permission(request):
            return True
        return version.field_dict.get("status") != Article.Status.PUBLISHED

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Restore a revision's content onto this story, and nothing else of it.

        django-reversion's own view matches the version by object id alone (a tag row of
        another story can have this story's id) and writes its whole revision back, the
        workflow fields too, before the change form checks any permission. Here the
        version and its revision are checked first; then the revision's content alone is
        written (restore.py) and the story's form opens on it, inside a
        transaction that only a successful save keeps, as django-reversion does.
        """
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404
        version = get_object_or_404(Version.objects.get_for_object(article), pk=version_id)
        if not (
            revision_is_only_of(article, version.revision)
            and self.has_restore_permission(request, article, version)
        ):
            raise PermissionDenied
        # What the restore changes, told on its page: compared before it is written.
        differences = compare_with_current(article, version)
        context = {
            **(extra_context or {}),
            "title": _("Revert %(name)s") % {"name": article.title},
            "revert": True,
            "story_before_restore": article,
            "restored": [row for row in differences if row["restored"] and row["changed"]],
            "kept": [row for row in differences if not row["restored"]],
        }
        try:
            with transaction.atomic(), self._signals_muted_unless_saving(request):
                restore_content(article, version)
                with self.create_revision(request):
                    response = self.changeform_view(
                        request, quote(str(article.pk)), request.path, context
                    )
                    if response.status_code == 302:
                        saved_on = timezone.localtime(version.revision.date_created)
                        reversion.set_comment(
                            _("Reverted to previous version, saved on %(datetime)s")
                            % {"datetime": formats.date_format(saved_on, "DATETIME_FORMAT")}
                        )
                        return response
                    # The form, or its errors: shown from the restored content, then undone.
                    response.template_name = self.revision_form_template or (
                        self._reversion_get_template_list("revision_form.html")
                    )
                    response.render()
                    raise _RestoreShown(response)
        except _RestoreShown as shown:
            return shown.response

    @staticmethod
    def _signals_muted_unless_saving(request):
        """Showing the restore form writes nothing for good: no signal should act on it."""
        if request.method == "POST":
            return nullcontext()
        return mute_signals(pre_save, post_save, pre_delete, post_delete, m2m_changed)

    def changelist_view(self, request, extra_context=None):
        # django-reversion's list offers "استعادة الأخبار المحذوفة" to whoever may change
        # stories, under this name; recovering them is an editor's (recoverlist_view).
        context = {"has_change_permission": self.has_publish_permission(request)}
        return super().changelist_view(request, {**context, **(extra_context or {})})

    def recoverlist_view(self, request, extra_context=None):
        if not self.has_publish_permission(request):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        """Bringing back a deleted story is an editor's job, and only a deleted story's."""
        if not self.has_publish_permission(request):
            raise PermissionDenied
        version = get_object_or_404(Version.objects.get_deleted(Article), pk=version_id)
        if not revision_is_only_of(Article(pk=int(version.object_id)), version.revision):
            raise PermissionDenied
        leading_now = Article.objects.filter(is_lead=True).values_list("pk", flat=True).first()
        if not (version.field_dict.get("is_lead") and leading_now):
            return super().recover_view(request, version_id, extra_context)
        # The story led the home page when it was deleted, and another leads it now.
        # django-reversion writes the row back raw, past Article.save()'s one-lead rule, so
        # the lead is lent to it for the write and handed back before the form opens
        # (changeform_view): the recovered story comes back without the lead, as the rest
        # of its home-page place. Only a successful save keeps any of it.
        extra_context = {**(extra_context or {}), "lead_to_hand_back": leading_now}
        try:
            with transaction.atomic():
                Article.objects.filter(pk=leading_now).update(is_lead=False)
                response = super().recover_view(request, version_id, extra_context)
                if response.status_code != 302:
                    raise _RestoreShown(response)
                return response
        except _RestoreShown as shown:
            return shown.response

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        lead = (extra_context or {}).get("lead_to_hand_back")
        if lead is not None and object_id is not None:
            Article.objects.filter(pk=unquote(object_id)).update(is_lead=False)
            Article.objects.filter(pk=lead).update(is_lead=True)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        compare = path(
            "<path:object_id>/history/<int:version_id>/compare/",
            self.admin_site.admin_view(self.compare_view),
            name="articles_article_compare",
        )
        return [compare, *super().get_urls()]

    def compare_view(self, request, object_id, version_id):
        article = self.get_object(request, unquote(object_id))
        if article is None or not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        version = get_object_or_404(
            Version.objects.get_for_object(article).select_related("revision__user"),
            pk=version_id,
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "version": version,
            "title": _("Compare with the current story"),
            "differences": compare_with_current(article, version),
            "revert_url": reverse(
                "admin:articles_article_revision", args=[quote(article.pk), version.pk]
            ),
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)
