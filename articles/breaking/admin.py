"""Breaking lines in the admin: the list, and the desk's form on the admin home.

Journalists propose (add, and change their own proposals); only editors, who hold
articles.publish_article, put a line live, withdraw it or delete it (the roles:
migration 0020)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..workflow import may_publish
from .forms import BreakingLineForm
from .models import BreakingNews


class BreakingNewsAdmin(admin.ModelAdmin):
    list_display = ["text", "status", "expires_at", "created_by", "published_at", "live_now"]
    list_filter = ["status"]
    search_fields = ["text"]
    fields = ["text", "article", "expires_at", "status"]
    raw_id_fields = ["article"]
    actions = ["go_live_selected", "withdraw_selected"]

    @admin.display(description=_("in the bar now"), boolean=True)
    def live_now(self, obj):
        return obj.is_live()

    def has_publish_permission(self, request):
        return may_publish(request.user)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or self.has_publish_permission(request):
            return True
        return obj.status == BreakingNews.Status.PROPOSED and obj.created_by_id == request.user.pk

    def get_readonly_fields(self, request, obj=None):
        return [] if self.has_publish_permission(request) else ["status"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        if not self.has_publish_permission(request):
            obj.status = BreakingNews.Status.PROPOSED
        elif obj.status == BreakingNews.Status.LIVE and "status" in form.changed_data:
            obj.go_live(request.user)
            return
        super().save_model(request, obj, form, change)

    # The desk's form and buttons on the admin home (templates/admin/index.html).

    def get_urls(self):
        post = path(
            "post/",
            self.admin_site.admin_view(self.post_view),
            name="articles_breakingnews_post",
        )
        return [post, *super().get_urls()]

    def post_view(self, request):
        """A line from the admin home: live at once from an editor, proposed from a
        journalist. Back to the admin home either way."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = BreakingLineForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    self.message_user(request, error, messages.ERROR)
            return HttpResponseRedirect(reverse("admin:index") + "#breaking")
        line = form.new_line(request.user)
        if self.has_publish_permission(request):
            line.go_live(request.user)
            self.message_user(
                request, _("The breaking line is live on every page."), messages.SUCCESS
            )
        else:
            line.save()
            self.message_user(
                request, _("Your breaking line was sent to the editors."), messages.SUCCESS
            )
        return HttpResponseRedirect(reverse("admin:index") + "#breaking")

    @admin.action(description=_("Put the selected lines live now"), permissions=["publish"])
    def go_live_selected(self, request, queryset):
        lines = queryset.exclude(status=BreakingNews.Status.LIVE)
        count = 0
        for line in lines:
            line.go_live(request.user)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d line put live.", "%(count)d lines put live.", count)
            % {"count": count},
            messages.SUCCESS,
        )
        return self._back_to_desk(request)

    @admin.action(description=_("Withdraw the selected lines"), permissions=["publish"])
    def withdraw_selected(self, request, queryset):
        count = 0
        for line in queryset.exclude(status=BreakingNews.Status.WITHDRAWN):
            line.withdraw()
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d line withdrawn.", "%(count)d lines withdrawn.", count)
            % {"count": count},
            messages.SUCCESS,
        )
        return self._back_to_desk(request)

    def _back_to_desk(self, request):
        if "_desk" in request.POST:
            return HttpResponseRedirect(reverse("admin:index") + "#breaking")
        return None
