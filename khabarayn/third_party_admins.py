"""What other apps register in the admin, fitted to the newsroom (called once it is loaded)."""

from axes import admin as axes_admin
from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag as TaggitTag


class AccessAttemptAdmin(axes_admin.AccessAttemptAdmin):
    """django-axes' lock-out records, with its clean-up action working from the admin.

    The action reads the time of the request from an attribute that axes sets only on
    login requests, so from the admin it failed with a server error.
    """

    @admin.action(description=_("Clean up expired attempts"))
    def cleanup_expired_attempts(self, request, queryset):
        AxesProxyHandler.update_request(request)
        return super().cleanup_expired_attempts(request, queryset)


def fit_to_the_newsroom(site):
    """Stories are tagged with articles.Tag: taggit's own table stays empty, and its admin
    (with its merge view) would be a second, wrong place to manage tags."""
    site.unregister(TaggitTag)
    site.unregister(AccessAttempt)
    site.register(AccessAttempt, AccessAttemptAdmin)
