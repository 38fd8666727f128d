import json
from contextlib import nullcontext
from functools import partial

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from reversion.admin import VersionAdmin
from reversion.models import Version
from reversion.utils import mute_signals

from lib.change_messages import with_translatable_fields
from lib.text import join_names

from . import workflow
from .body import paragraph_openings
from .breaking.admin import BreakingNewsAdmin
from .breaking.models import BreakingNews
from .corrections.admin import CorrectionInline
from .desk import AuthorFilter, DeskFilter, DeskMixin, SectionFilter, person_name
from .editing.models import Autosave
from .editing.notices import change_form_context
from .editing.views import AutosaveView
from .live.admin import live_desk_view
from .models import Article, Correction, Image, RelatedLink, Tag
from .notes.models import EditorialNote, Notification
from .notes.notify import notify
from .photos.admin import ImageAdmin, thumbnail
from .revisions import compare_with_current, restore_content, revision_is_only_of
from .search.admin import SynonymGroupAdmin
from .search.synonyms import SynonymGroup
from .sharing import sharing_preview

admin.site.register(Image, ImageAdmin)
admin.site.register(SynonymGroup, SynonymGroupAdmin)
admin.site.register(BreakingNews, BreakingNewsAdmin)


class _RestoreShown(Exception):
    """Undoes a restore whose form was only shown (ArticleAdmin.revision_view)."""

    def __init__(self, response):
        self.response = response


class RelatedLinkFormSet(forms.BaseInlineFormSet):
    """The link's constraints check each row; Django's formset checks the unique ones
    among the rows of one submission, and says so in our words, without field names."""

    def clean(self):
        super().clean()
        # Django leaves an inline's key to the story out of each row's validation, and so
        # the constraints that name it (no link to the story itself): check them now.
        for form in self.forms:
            if form.is_valid() and form not in self.deleted_forms:
                try:
                    form.instance.validate_constraints()
                except ValidationError as error:
                    form.add_error(None, error)

    def get_unique_error_message(self, unique_check):
        return _("The same link appears twice.")

    def add_fields(self, form, index):
        """ "After paragraph" is chosen from the story's paragraphs, by their first words."""
        super().add_fields(form, index)
        form.fields["after_paragraph"] = ParagraphChoiceField(
            paragraph_openings(self.instance.body),
            form.initial.get("after_paragraph"),
            label=form.fields["after_paragraph"].label,
            help_text=form.fields["after_paragraph"].help_text,
        )


class ParagraphChoiceField(forms.TypedChoiceField):
    """A paragraph of the story, numbered from 1, or none (links spread evenly).

    The choices are the story's paragraphs as this request has them (the body posted with
    the links, when saving): a number past the last one is offered only when it is the
    link's own, kept from before a paragraph was removed (it goes after the last one).
    """

    def __init__(self, openings, current=None, **kwargs):
        choices = [("", _("Spread evenly"))] + [
            (number, f"{number}. {opening}") for number, opening in enumerate(openings, start=1)
        ]
        if current and current > len(openings):
            choices.append((current, _("After the last paragraph")))
        super().__init__(choices=choices, coerce=int, empty_value=None, required=False, **kwargs)


class RelatedLinkInline(admin.TabularInline):
    model = RelatedLink
    fk_name = "article"
    formset = RelatedLinkFormSet
    extra = 0
    autocomplete_fields = ["target_article"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = ["position", "kind", "target_article", "url", "title", "after_paragraph"]

    # Whoever may edit the story may edit its links, and nobody else.
    def has_add_permission(self, request, obj=None):
        return self._article_admin().has_change_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._article_admin().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._article_admin().has_change_permission(request, obj)

    def _article_admin(self):
        return self.admin_site.get_model_admin(Article)


class ArticleAdminForm(forms.ModelForm):
    """The story form and the workflow step its button takes (articles/workflow.py).

    `may_publish` and `step_name` (the button pressed, `_step`) are set per request by
    `ArticleAdmin.get_form`. The status is never a field: each step sets it, and a step
    this person may not take with the story is refused, whatever was posted.
    """

    may_publish = False
    step_name = None
    loaded_version = forms.UUIDField(label=_("version"), widget=forms.HiddenInput, required=False)
    note = forms.CharField(
        label=_("Note to the newsroom"),
        help_text=_("Seen only in the newsroom, in the story's notes. Needed to return it."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )

    class Meta:
        model = Article
        fields = ["title", "summary", "body", "main_image", "category", "tags", "authors",
                  "seo_title", "seo_description", "published_at", "expires_at", "is_live",
                  "is_lead", "is_featured", "slug"]  # fmt: skip
        widgets = {"seo_description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["loaded_version"].initial = self.instance.version
        # Where the story is as stored, before this form changes anything of it.
        self.stored = (
            None
            if self.instance._state.adding
            else Article(status=self.instance.status, published_at=self.instance.published_at)
        )
        self.step = None

    @property
    def changed_data(self):
        # The note goes to the story's notes, not into its history as a changed field.
        return [name for name in super().changed_data if name != "note"]

    def clean(self):
        cleaned_data = super().clean()
        self._refuse_stale_save(cleaned_data)
        self.step = self._chosen_step()
        target = self.step.status or self.stored.status  # "save" is never offered to a draft
        self._set_publication_time(cleaned_data)
        if target != Article.Status.DRAFT:
            self._require_ready(cleaned_data)
        if self.step.needs_note and not cleaned_data.get("note", "").strip():
            self.add_error(
                "note", _("Write the writer a note: what to change before the story comes back.")
            )
        return cleaned_data

    def _chosen_step(self):
        offered = workflow.steps_for(self.stored, self.may_publish)
        if not self.step_name:
            return offered[0]  # the Enter key's, and a post without a button's
        step = workflow.find_step(self.stored, self.may_publish, self.step_name)
        if step is not None:
            return step
        if workflow.find_step(self.stored, True, self.step_name):
            raise ValidationError(
                _("Only an editor can publish or schedule a story. Submit it for review."),
                code="editors_only",
            )
        raise ValidationError(
            _("This step cannot be taken with the story as it is now. Nothing was saved."),
            code="no_such_step",
        )

    def _set_publication_time(self, cleaned_data):
        """Only "Schedule…" reads the time typed; the other steps keep or set it."""
        if "published_at" not in self.fields:
            return
        stored_time = self.stored.published_at if self.stored else None
        if self.step.needs_time:
            moment = cleaned_data.get("published_at")
            if moment is None or moment <= timezone.now():
                self.add_error(
                    "published_at", _("Choose a day and time in the future to schedule the story.")
                )
            return
        if self.step.name == "publish" and (stored_time is None or stored_time > timezone.now()):
            stored_time = timezone.now()
        cleaned_data["published_at"] = stored_time

    def _require_ready(self, cleaned_data):
        story = Article(**{name: cleaned_data.get(name) or "" for name in ("summary", "body")})
        story.main_image_id = getattr(cleaned_data.get("main_image"), "pk", None)
        story.category_id = getattr(cleaned_data.get("category"), "pk", None)
        missing = [name for name in story.missing_for_review() if name not in self.errors]
        if not missing:
            return
        for name in missing:
            self.add_error(name, _("Needed before the story leaves the drafts."))
        labels = [str(Article._meta.get_field(name).verbose_name) for name in missing]
        self.add_error(
            None,
            ValidationError(
                _("“%(step)s” needs the story complete; it still lacks: %(fields)s."),
                code="not_ready",
                params={"step": self.step.label.rstrip("…"), "fields": join_names(labels)},
            ),
        )

    def _post_clean(self):
        super()._post_clean()
        if not self.errors and self.step.status is not None:
            self.instance.status = self.step.status

    def _refuse_stale_save(self, cleaned_data):
        if not self.instance.pk:
            return
        current = (
            Article.objects.filter(pk=self.instance.pk)
            .select_related("updated_by")
            .only(
                "version",
                "updated_at",
                "updated_by__username",
                "updated_by__first_name",
                "updated_by__last_name",
            )  # fmt: skip
            .first()
        )
        if current and current.version != cleaned_data.get("loaded_version"):
            editor = current.updated_by
            raise ValidationError(
                _(
                    "%(person)s changed this story at %(time)s, after you opened it. "
                    "Nothing was saved; what you typed is still below. Open the story "
                    "again in a new tab to see their version and copy your changes over."
                ),
                code="stale",
                params={
                    "person": (editor.get_full_name() or editor.get_username())
                    if editor
                    else _("someone else"),
                    "time": formats.date_format(
                        timezone.localtime(current.updated_at), "DATETIME_FORMAT"
                    ),
                },
            )


@admin.register(Article)
class ArticleAdmin(DeskMixin, VersionAdmin):
    form = ArticleAdminForm
    list_display = ["list_thumbnail", "title", "state", "category", "author_names",
                    "published_at", "lead", "featured", "updated_at"]  # fmt: skip
    list_display_links = ["list_thumbnail", "title"]
    list_filter = [DeskFilter, "status", ("category", SectionFilter),
                   ("authors", AuthorFilter), "published_at", "is_lead", "is_featured"]  # fmt: skip
    list_select_related = ["category", "main_image"]
    search_fields = ["title", "summary"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["main_image", "category", "authors"]
    inlines = [RelatedLinkInline, CorrectionInline]
    actions = ["publish_selected", "unpublish_selected"]
    object_history_template = "admin/articles/article/object_history.html"
    # The publication time is typed only to schedule: editors get its picker beside the
    # "Schedule…" button (admin/articles/article/submit_line.html), not in a fieldset.
    fieldsets = [
        (None, {"fields": ["title", "summary", "body", "loaded_version"]}),
        (_("Photo"), {"fields": ["main_image", "main_image_preview"]}),
        (_("Section and tags"), {"fields": ["category", "tags", "authors"]}),
        # The preview of the story where it is shared is the fieldset's description
        # (get_fieldsets), beside the two fields.
        (
            _("Search and sharing"),
            {"classes": ["sharing"], "fields": ["seo_title", "seo_description"]},
        ),
        (
            _("Publishing"),
            {
                "fields": [
                    "state",
                    "published_at",
                    "expires_at",
                    "is_live",
                    "is_lead",
                    "is_featured",
                    "created_by",
                    "created_at",
                    "updated_by",
                    "updated_at",
                ]
            },  # fmt: skip
        ),
        (_("Editorial notes"), {"fields": ["notes_thread", "note"]}),
        (_("Advanced options"), {"classes": ["collapse"], "fields": ["slug"]}),
    ]

    class Media:
        css = {"all": ["css/admin.css", "css/desk.css", "css/photo_desk.css"]}
        js = ["admin/js/jquery.init.js", "js/photo_picker.js", "js/link_paragraphs.js",
              "js/sharing_preview.js"]  # fmt: skip

    @admin.display(description=_("photo"))
    def list_thumbnail(self, obj):
        return thumbnail(obj.main_image, size=64)

    @admin.display(description=_("current photo"))
    def main_image_preview(self, obj):
        return thumbnail(obj.main_image if obj.main_image_id else None, size=240)

    @admin.display(description=_("status"), ordering="status")
    def state(self, obj):
        if obj is None or obj.pk is None:
            return Article.Status.DRAFT.label
        if obj.is_scheduled():
            return _("Scheduled for %(time)s") % {"time": workflow.schedule_time(obj.published_at)}
        if obj.has_ended():
            return _("Display ended %(time)s") % {"time": workflow.schedule_time(obj.expires_at)}
        return obj.state_label()

    @admin.display(description=_("notes"))
    def notes_thread(self, obj):
        notes = obj.notes.select_related("author") if obj and obj.pk else []
        return render_to_string("admin/articles/article/notes.html", {"notes": notes})

    # Roles: an editor holds articles.publish_article; a journalist does not.

    def has_publish_permission(self, request):
        return workflow.may_publish(request.user)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or self.has_publish_permission(request):
            return True
        return obj.status != Article.Status.PUBLISHED and self._is_own(request.user, obj)

    def _is_own(self, user, article):
        return article.created_by_id == user.pk or article.authors.filter(pk=user.pk).exists()

    @admin.display(description=_("body"))
    def rendered_body(self, obj):
        # Sanitised when saved (Article.save), as the story page shows it.
        return format_html('<div class="rendered-body">{}</div>', mark_safe(obj.body))  # noqa: S308

    @admin.display(description=_("tags"))
    def tag_names(self, obj):
        return join_names(sorted(obj.tags.names())) or "—"

    @admin.display(description=_("created by"))
    def creator(self, obj):
        return person_name(obj.created_by) if obj.created_by else "—"

    @admin.display(description=_("last edited by"))
    def last_editor(self, obj):
        return person_name(obj.updated_by) if obj.updated_by else "—"

    # What a field its reader may not change shows instead: the body as text, not the
    # HTML the editor stores; yes or no in Arabic, not Django's icon saying "False"; people
    # by name; nothing of the version a save checks, when nothing can be saved.
    READ_ONLY_AS = {"body": "rendered_body", "is_lead": "lead", "is_featured": "featured",
                    "is_live": "live_coverage",
                    "created_by": "creator", "updated_by": "last_editor",
                    "authors": "author_names", "tags": "tag_names", "loaded_version": None,
                    "note": None}  # fmt: skip

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and not self.has_change_permission(request, obj):
            readonly = set(self.READ_ONLY_AS)
        else:
            readonly = set(self.get_readonly_fields(request, obj))
        shown = {field: self.READ_ONLY_AS.get(field, field) for field in readonly}
        if "published_at" not in readonly:
            shown["published_at"] = None  # beside "Schedule…"
        preview = sharing_preview(request, obj or Article())
        return [
            (name, {**options, "fields": [
                shown.get(field, field) for field in options["fields"] if shown.get(field, field)
            ], **({"description": preview} if "sharing" in options.get("classes", ()) else {})})
            for name, options in fieldsets
        ]  # fmt: skip

    def get_inline_instances(self, request, obj=None):
        """Corrections belong to published stories only."""
        return [
            inline
            for inline in super().get_inline_instances(request, obj)
            if not isinstance(inline, CorrectionInline)
            or (obj is not None and obj.status == Article.Status.PUBLISHED)
        ]

    def save_formset(self, request, form, formset, change):
        if formset.model is not Correction:
            return super().save_formset(request, form, formset, change)
        for correction in formset.save(commit=False):
            if correction.created_by_id is None:
                correction.created_by = request.user
            correction.save()
        for correction in formset.deleted_objects:
            correction.delete()
        return None

    def get_readonly_fields(self, request, obj=None):
        readonly = ["main_image_preview", "state", "notes_thread", "created_by", "created_at",
                    "updated_by", "updated_at",
                    *filter(None, self.READ_ONLY_AS.values())]  # fmt: skip
        if not self.has_publish_permission(request):
            readonly += ["published_at", "expires_at", "is_lead", "is_featured"]
        return readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        may_publish = self.has_publish_permission(request)
        fields = kwargs.get("fields")
        if fields is not None and may_publish and "published_at" not in fields:
            kwargs["fields"] = [*fields, "published_at"]
        form = super().get_form(request, obj, change, **kwargs)
        form.may_publish = may_publish
        form.step_name = request.POST.get("_step") if request.method == "POST" else None
        return form

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "authors":
            field.label_from_instance = person_name
        return field

    def get_changeform_initial_data(self, request):
        return {"authors": [request.user.pk], **super().get_changeform_initial_data(request)}

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        if change:
            obj.version = form.cleaned_data["loaded_version"]
        super().save_model(request, obj, form, change)
        # What was typed is in the story now: nothing left to offer back.
        Autosave.objects.of(request.user, obj if change else None).delete()
        note = form.cleaned_data.get("note", "").strip()
        if note:
            EditorialNote.objects.create(article=obj, author=request.user, text=note)
        if form.step.tells:
            notify(request, obj, form.step.tells, note)
        if "_step" in request.POST:  # a button's; _after_step() goes back to the story
            self.message_user(request, workflow.done_message(form.step, obj), messages.SUCCESS)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        may_edit = self.has_change_permission(request, obj) if obj else add
        context.update(change_form_context(request, obj, may_edit))
        form = context["adminform"].form
        context["workflow_steps"] = (
            workflow.steps_for(form.stored, form.may_publish) if may_edit else []
        )
        context["schedule_field"] = form["published_at"] if "published_at" in form.fields else None
        if obj is not None and obj.pk:
            # Opening the story is reading what one was told of it.
            Notification.objects.unread().filter(recipient=request.user, article=obj).update(
                read_at=timezone.now()
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_add(self, request, obj, post_url_continue=None):
        return self._after_step(request, obj) or super().response_add(request, obj)

    def response_change(self, request, obj):
        return self._after_step(request, obj) or super().response_change(request, obj)

    def _after_step(self, request, obj):
        """Back to the story after a workflow step: save_model() said what it did."""
        if IS_POPUP_VAR in request.POST or "_step" not in request.POST:
            return None
        url = reverse("admin:articles_article_change", args=[quote(obj.pk)])
        preserved = {"preserved_filters": self.get_preserved_filters(request), "opts": self.opts}
        return HttpResponseRedirect(add_preserved_filters(preserved, url))

    def construct_change_message(self, request, form, formsets, add=False):
        """Name the workflow step (submitted, published, scheduled …) in the history."""
        message = with_translatable_fields(
            super().construct_change_message(request, form, formsets, add)
        )
        step = form.step
        moved = step.status is not None and step.status != (
            form.stored.status if form.stored else Article.Status.DRAFT
        )
        if not step.event or not (moved or step.needs_time):
            return message
        event = step.event
        if step.needs_time:
            event = event % {"time": workflow.schedule_time(form.instance.published_at)}
        details = LogEntry(change_message=json.dumps(message)).get_change_message()
        return f"{event}. {details}" if details else f"{event}."

    @admin.action(description=_("Publish the selected stories now"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._move(request, queryset, Article.Status.PUBLISHED)

    @admin.action(description=_("Unpublish the selected stories"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._move(request, queryset, Article.Status.DRAFT)

    def _move(self, request, queryset, status):
        moved, incomplete, ended = 0, 0, 0
        for article in queryset.exclude(status=status):
            if status != Article.Status.DRAFT and article.missing_for_review():
                incomplete += 1
                continue
            if (
                status != Article.Status.DRAFT
                and article.expires_at
                and (article.expires_at <= timezone.now())
            ):
                ended += 1  # published now, it would end before it began
                continue
            previous_status = article.status
            article.status = status
            if status == Article.Status.PUBLISHED and not article.is_published():
                article.published_at = timezone.now()
            article.updated_by = request.user
            with reversion.create_revision():
                reversion.set_user(request.user)
                article.save()
                event = article.workflow_event(previous_status)
                reversion.set_comment(str(event))
                self.log_change(request, article, str(event))
            moved += 1
        self.message_user(
            request,
            ngettext("%(count)d story changed.", "%(count)d stories changed.", moved)
            % {"count": moved},
            messages.SUCCESS,
        )
        if incomplete:
            self.message_user(
                request,
                ngettext(
                    "%(count)d story was left as it was: it lacks its standfirst, body, "
                    "main photo or section.",
                    "%(count)d stories were left as they were: they lack their standfirst, "
                    "body, main photo or section.",
                    incomplete,
                )
                % {"count": incomplete},
                messages.WARNING,
            )
        if ended:
            self.message_user(
                request,
                ngettext(
                    "%(count)d story was left as it was: the end of its display has passed.",
                    "%(count)d stories were left as they were: the end of their display has "
                    "passed.",
                    ended,
                )
                % {"count": ended},
                messages.WARNING,
            )

    # Revisions: django-reversion's history, restore and recover views.

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
        written (articles/revisions.py) and the story's form opens on it, inside a
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

    # Comparing a revision with the story as it is now.

    def get_urls(self):
        compare = path(
            "<path:object_id>/history/<int:version_id>/compare/",
            self.admin_site.admin_view(self.compare_view),
            name="articles_article_compare",
        )
        heartbeat = AutosaveView.as_view(model_admin=self)
        autosave = [
            path(
                "add/autosave/",
                self.admin_site.admin_view(heartbeat),
                name="articles_article_add_autosave",
            ),
            path(
                "<path:object_id>/autosave/",
                self.admin_site.admin_view(heartbeat),
                name="articles_article_autosave",
            ),
        ]
        live = path(
            "<path:object_id>/live/",
            self.admin_site.admin_view(partial(live_desk_view, self)),
            name="articles_article_live",
        )
        return [compare, live, *autosave, *super().get_urls()]

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


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    readonly_fields = ["slug"]
    fields = ["name", "slug"]
