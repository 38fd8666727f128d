"""The newsroom's photo library; articles/admin.py registers it on the admin site."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from lib.text import join_names

from ..models import Article
from .forms import ImageForm
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
