"""The links table on the story form."""

from django.contrib import admin
from django.db import models

from .forms import RelatedLinkFormSet
from .models import RelatedLink


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
        return self.admin_site.get_model_admin(self.parent_model)
