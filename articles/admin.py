from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Article, Image, RelatedLink, Tag


def thumbnail(image, size=80):
    if not image or not image.file:
        return "—"
    return format_html(
        '<img src="{}" alt="{}" width="{}" style="height:auto;border-radius:4px">',
        image.file.url,
        image.alt_text,
        size,
    )


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ["list_thumbnail", "alt_text", "credit", "uploaded_by", "uploaded_at"]
    search_fields = ["alt_text", "caption", "credit"]
    list_filter = ["uploaded_at"]
    readonly_fields = ["preview", "width", "height", "uploaded_by", "uploaded_at"]
    fields = ["file", "preview", "alt_text", "caption", "credit", "width", "height",
              "uploaded_by", "uploaded_at"]  # fmt: skip
    date_hierarchy = "uploaded_at"

    @admin.display(description=_("photo"))
    def list_thumbnail(self, obj):
        return thumbnail(obj)

    def autocomplete_extra(self, obj):
        """The story form's photo picker shows the chosen photo from this."""
        return {"thumbnail": obj.file.url}

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return thumbnail(obj, size=320)

    def save_model(self, request, obj, form, change):
        if not obj.uploaded_by_id:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)


class RelatedLinkFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            target = data.get("target_article")
            if target is not None and self.instance.pk and target.pk == self.instance.pk:
                form.add_error("target_article", _("A story cannot link to itself."))
            key = (data.get("kind"), target.pk if target else None, data.get("url") or "")
            if key in seen:
                raise ValidationError(_("The same link appears twice."))
            seen.add(key)


class RelatedLinkInline(admin.TabularInline):
    model = RelatedLink
    fk_name = "article"
    formset = RelatedLinkFormSet
    extra = 0
    autocomplete_fields = ["target_article"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = ["position", "kind", "target_article", "url", "title", "after_paragraph"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["list_thumbnail", "title", "status", "category", "published_at",
                    "is_published", "updated_at"]  # fmt: skip
    list_display_links = ["list_thumbnail", "title"]
    list_filter = ["status", "category", "published_at"]
    list_select_related = ["category", "main_image"]
    search_fields = ["title", "summary"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["main_image", "category", "authors"]
    readonly_fields = ["main_image_preview", "created_at", "updated_at"]
    inlines = [RelatedLinkInline]

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["admin/js/jquery.init.js", "js/photo_picker.js"]

    fieldsets = [
        (None, {"fields": ["title", "summary", "body"]}),
        (_("Photo"), {"fields": ["main_image", "main_image_preview"]}),
        (_("Section and tags"), {"fields": ["category", "tags", "authors"]}),
        (_("Publishing"), {"fields": ["status", "published_at", "created_at", "updated_at"]}),
        (_("Advanced options"), {"classes": ["collapse"], "fields": ["slug"]}),
    ]

    @admin.display(description=_("photo"))
    def list_thumbnail(self, obj):
        return thumbnail(obj.main_image, size=64)

    @admin.display(description=_("current photo"))
    def main_image_preview(self, obj):
        return thumbnail(obj.main_image if obj.main_image_id else None, size=240)

    def get_changeform_initial_data(self, request):
        return {"authors": [request.user.pk], **super().get_changeform_initial_data(request)}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    readonly_fields = ["slug"]
    fields = ["name", "slug"]
