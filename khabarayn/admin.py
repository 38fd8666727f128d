from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.utils.translation import gettext_lazy as _


class NewsroomAutocompleteView(AutocompleteJsonView):
    """Lets a ModelAdmin add fields to its autocomplete results (a photo's thumbnail)."""

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        extra = getattr(self.model_admin, "autocomplete_extra", None)
        return {**result, **extra(obj)} if extra else result


class NewsroomAdminSite(admin.AdminSite):
    site_header = _("Khabarayn newsroom")
    site_title = _("Khabarayn newsroom")
    index_title = _("Newsroom")

    def autocomplete_view(self, request):
        return NewsroomAutocompleteView.as_view(admin_site=self)(request)
