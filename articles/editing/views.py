"""The story form's heartbeat, at the admin's <story>/autosave/ and add/autosave/."""

import json
import uuid

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.views import View

from . import notices, presence
from .models import Autosave

# Never stored: the token is the session's, the version the form's own.
NOT_KEPT = {"csrfmiddlewaretoken", "loaded_version"}


def _fields(posted):
    """The form's fields as [[name, value], …] or [[name, value, label], …], or None."""
    try:
        fields = json.loads(posted)
    except ValueError:
        return None
    if not isinstance(fields, list) or not all(
        isinstance(item, list)
        and len(item) in (2, 3)
        and all(isinstance(part, str) for part in item)
        for item in fields
    ):
        return None
    return [item for item in fields if item[0] not in NOT_KEPT]


def _version(posted):
    try:
        return uuid.UUID(posted)
    except (TypeError, ValueError):
        return None


class AutosaveView(View):
    """Every HEARTBEAT_SECONDS while the form is open, and once as it closes.

    POST `fields` (what the form would post, as JSON) stores the person's autosave, apart
    from the story: no revision, no new version. `discard` sets it aside, `leave` says
    the form is closing. Each refreshes who has the story open, and the answer names the
    colleagues who do. Only someone who may edit the story (or add one) may post here.
    """

    model_admin = None
    http_method_names = ["post"]

    def post(self, request, object_id=None):
        article = self.get_article(request, object_id)
        autosave = Autosave.objects.of(request.user, article)
        answer = {}
        if "discard" in request.POST:
            autosave.delete()
        elif "fields" in request.POST:
            fields = _fields(request.POST["fields"])
            if fields is None:
                return HttpResponseBadRequest()
            saved, _ = autosave.update_or_create(
                user=request.user,
                article=article,
                defaults={"fields": fields, "version": _version(request.POST.get("version"))},
            )
            answer["status"] = notices.autosaved_at(saved)
        if article is not None:
            if "leave" in request.POST:
                presence.leave(article, request.user)
            else:
                presence.arrive(article, request.user)
        answer["editing"] = notices.editing_now(article, request.user)
        return JsonResponse(answer)

    def get_article(self, request, object_id):
        """The story, if this person may edit it; None for the add form."""
        if object_id is None:
            if not self.model_admin.has_add_permission(request):
                raise PermissionDenied
            return None
        article = self.model_admin.get_object(request, unquote(object_id))
        if article is None:
            raise Http404
        if not self.model_admin.has_change_permission(request, article):
            raise PermissionDenied
        return article
