from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from articles import bylines, desk, masthead
from articles.breaking.forms import BreakingLineForm
from articles.breaking.models import BreakingNews
from articles.workflow import may_publish


class NewsroomAutocompleteView(AutocompleteJsonView):
    """Lets a ModelAdmin add fields to its autocomplete results (a photo's thumbnail), and
    names people (a story's authors) by their names, not their usernames."""

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        if isinstance(obj, get_user_model()):
            result["text"] = bylines.person_name(obj)
        extra = getattr(self.model_admin, "autocomplete_extra", None)
        return {**result, **extra(obj)} if extra else result


class NewsroomAdminSite(admin.AdminSite):
    site_header = masthead.NEWSROOM
    site_title = masthead.NEWSROOM
    index_title = _("Newsroom")

    def autocomplete_view(self, request):
        return NewsroomAutocompleteView.as_view(admin_site=self)(request)

    def index(self, request, extra_context=None):
        """The home page is each person's desk: their stories by workflow step and, for
        editors, how many stories wait for review."""
        notifications = desk.notifications_for(request.user)
        context = {
            "desk": desk.desk_for(request.user),
            "notifications": list(notifications[: desk.DESK_BOX_SIZE * 2]),
            "unread": notifications.count(),
            **(extra_context or {}),
        }
        context.update(breaking_desk(request.user))
        if may_publish(request.user):
            queue = desk.review_queue()
            context["waiting"] = queue.count()
            context["review_queue"] = list(queue.select_related("category")[: desk.DESK_BOX_SIZE])
        return super().index(request, context)


def breaking_desk(user):
    """The admin home's breaking box: the form, the lines in the bar now, and the
    proposals (an editor sees everyone's, a journalist their own)."""
    if not user.has_perm("articles.add_breakingnews"):
        return {}
    proposed = BreakingNews.objects.proposed()
    if not may_publish(user):
        proposed = proposed.filter(created_by=user)
    return {
        "breaking_form": BreakingLineForm(),
        "breaking_live": list(BreakingNews.objects.live()),
        "breaking_proposed": list(proposed.select_related("created_by")[:5]),
        "may_put_breaking_live": may_publish(user),
    }
