"""The newsroom's photo library; articles/admin.py registers it on the admin site."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.forms import modelformset_factory
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lib.text import join_names

from ..models import Article
from .forms import ImageBatchUploadForm, ImageDescriptionForm, ImageForm
from .models import Image


def thumbnail(image, size=80):
    if not image or not image.file:
        return "—"
    return format_html(
        '<img src="{}" alt="{}" width="{}" style="height:auto;border-radius:4px">',
        image.file.url,
        image.alt_text,
        size,
    )


class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = ["list_thumbnail", "alt_text", "credit", "uploaded_by", "uploaded_at"]
    search_fields = ["alt_text", "caption", "credit"]
    # Photos imported without their file (manage.py import_wordpress) wait for one here.
    list_filter = ["file_missing", "uploaded_at"]
    readonly_fields = ["preview", "width", "height", "missing_file", "uploaded_by",
                       "uploaded_at"]  # fmt: skip
    fields = ["file", "preview", "focal_x", "focal_y", "alt_text", "caption", "credit",
              "width", "height", "missing_file", "uploaded_by", "uploaded_at"]  # fmt: skip
    date_hierarchy = "uploaded_at"

    class Media:
        css = {"all": ["css/image_desk.css"]}
        js = ["js/focal_point.js"]

    @admin.display(description=_("photo"))
    def list_thumbnail(self, obj):
        return thumbnail(obj)

    def get_fields(self, request, obj=None):
        # The mark is said in words, and only on a photo that has it (Django would show
        # a yes/no icon whose text is "True"/"False").
        fields = super().get_fields(request, obj)
        if obj is None or not obj.file_missing:
            fields = [name for name in fields if name != "missing_file"]
        return fields

    @admin.display(description=_("missing photo"))
    def missing_file(self, obj):
        return _("Imported without its file: a placeholder is shown until one is uploaded.")

    def autocomplete_extra(self, obj):
        """The story form's photo picker shows each photo from this (static/js/image_picker.js)."""
        return {"thumbnail": obj.thumbnail.url, "caption": obj.caption, "credit": obj.credit}

    # The batch upload: several photos dropped at once, then described on the same page.

    def get_urls(self):
        upload = path(
            "upload/",
            self.admin_site.admin_view(self.upload_view),
            name="articles_image_upload",
        )
        return [upload, *super().get_urls()]

    def upload_view(self, request):
        """Take in several photos at once, and list the person's photos that still need
        their alt text and credit, to be given here before a story can show them."""
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        upload_form = ImageBatchUploadForm()
        descriptions = self._description_formset(request)
        if request.method == "POST" and "upload" in request.POST:
            upload_form = ImageBatchUploadForm(request.POST, request.FILES)
            if upload_form.is_valid():
                self._report_upload(request, *upload_form.save(request.user))
                return redirect(request.path)
        elif request.method == "POST":
            descriptions = self._description_formset(request, data=request.POST)
            if descriptions.is_valid():
                for form in descriptions.forms:
                    if form.has_changed():
                        form.save()
                        message = self.construct_change_message(request, form, None)
                        self.log_change(request, form.instance, message)
                return redirect(request.path)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Upload photos"),
            "upload_form": upload_form,
            "descriptions": descriptions,
        }
        return TemplateResponse(request, "admin/articles/image/upload.html", context)

    def _description_formset(self, request, data=None):
        formset = modelformset_factory(Image, form=ImageDescriptionForm, extra=0)
        return formset(
            data,
            queryset=Image.objects.incomplete().filter(uploaded_by=request.user),
            prefix="photos",
            # A photo left as it is waits for later; one half described is an error.
            form_kwargs={"empty_permitted": True},
        )

    def _report_upload(self, request, stored, refused):
        for image in stored:
            self.log_addition(request, image, [{"added": {}}])
        if stored:
            self.message_user(
                request,
                ngettext(
                    "%(count)d photo uploaded. Give it its alt text and credit below: "
                    "until then no story can show it.",
                    "%(count)d photos uploaded. Give each its alt text and credit below: "
                    "until then no story can show them.",
                    len(stored),
                )
                % {"count": len(stored)},
                messages.SUCCESS,
            )
        for name, reason in refused:
            message = _("%(name)s was not uploaded: %(reason)s")
            self.message_user(request, message % {"name": name, "reason": reason}, messages.ERROR)

    @admin.display(description=_("preview"))
    def preview(self, obj):
        """The photo, on which a click chooses the focal point (static/js/focal_point.js)."""
        if not obj or not obj.file:
            return "—"
        return format_html(
            '<span class="focal-point" style="--focal-x:{};--focal-y:{}">{}'
            '<span class="focal-point__marker" aria-hidden="true"></span></span>',
            obj.focal_x,
            obj.focal_y,
            thumbnail(obj, size=480),
        )

    def save_model(self, request, obj, form, change):
        if not obj.uploaded_by_id:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    def has_change_permission(self, request, obj=None):
        """An editor changes any photo; a journalist only their own, while no reader sees it.

        A photo that a published or scheduled story shows is on readers' pages: replacing
        its file, alt text, caption or credit is an editor's call, like editing the story.
        """
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or self.admin_site.get_model_admin(Article).has_publish_permission(request):
            return True
        return obj.uploaded_by_id == request.user.pk and not obj.is_shown_by_published_articles

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or self.has_change_permission(request, obj)

    def get_deleted_objects(self, objs, request):
        """A photo that a story shows is not deleted: the page names the stories instead.

        Used by the delete page and by the bulk delete action alike. Stories showing the
        photo inside their text are found too, though no foreign key protects them.
        """
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        images = Image.objects.filter(pk__in=[image.pk for image in objs])
        stories = list(images.articles_using().only("pk", "title"))
        if stories:
            protected = [
                format_html(
                    '{}: <a href="{}">{}</a>',
                    capfirst(Article._meta.verbose_name),
                    reverse("admin:articles_article_change", args=[story.pk]),
                    story,
                )
                for story in stories
            ]
            self.message_user(
                request,
                _(
                    "A photo that a story shows cannot be deleted. Shown by: %(stories)s. "
                    "Give these stories another photo, or take it out of their text, first."
                )
                % {"stories": join_names(story.title for story in stories)},
                messages.ERROR,
            )
        return deleted, counts, perms_needed, protected
