import json
from functools import partial

import reversion
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import quote
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lib.change_messages import with_translatable_fields
from lib.text import join_names

from . import workflow
from .breaking.admin import BreakingNewsAdmin
from .breaking.models import BreakingNews
from .bylines import person_name
from .corrections.admin import CorrectionInline
from .desk import AuthorFilter, CategoryFilter, DeskFilter, DeskMixin
from .editing.models import Autosave
from .editing.notices import change_form_context
from .editing.views import AutosaveView
from .forms import ArticleAdminForm
from .live.admin import live_desk_view
from .models import Article, Correction, Image, Tag
from .notes.models import EditorialNote, Notification
from .notes.notify import notify
from .photos.admin import ImageAdmin, thumbnail
from .related.admin import RelatedLinkInline
from .revisions.admin import ArticleRevisionAdmin
from .search.admin import SynonymGroupAdmin
from .search.synonyms import SynonymGroup
from .sharing import sharing_preview

admin.site.register(Image, ImageAdmin)
admin.site.register(SynonymGroup, SynonymGroupAdmin)
admin.site.register(BreakingNews, BreakingNewsAdmin)


@admin.register(Article)
class ArticleAdmin(DeskMixin, ArticleRevisionAdmin):
    form = ArticleAdminForm
    list_display = ["list_thumbnail", "title", "state", "category", "author_names",
                    "published_at", "lead", "featured", "updated_at"]  # fmt: skip
    list_display_links = ["list_thumbnail", "title"]
    list_filter = [DeskFilter, "status", ("category", CategoryFilter),
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
        css = {"all": ["css/admin.css", "css/desk.css", "css/image_desk.css"]}
        js = ["admin/js/jquery.init.js", "js/image_picker.js", "js/link_paragraphs.js",
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

    def get_urls(self):
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
        return [live, *autosave, *super().get_urls()]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    readonly_fields = ["slug"]
    fields = ["name", "slug"]
