"""The live desk: a story's updates posted from one compact page in the admin,
`<story>/live/`, for whoever may edit the story (ArticleAdmin.has_change_permission: on a
published story, the editors)."""

from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from .forms import LiveUpdateForm


def live_desk_view(model_admin, request, object_id):
    """GET: the form (the cursor in its text box) above the updates. POST: an update
    added, pinned or unpinned, or deleted; or the coverage started or ended. Each POST
    comes back here, where the text box has the cursor again."""
    article = model_admin.get_object(request, unquote(object_id))
    if article is None:
        raise Http404
    if not model_admin.has_change_permission(request, article):
        raise PermissionDenied
    form = LiveUpdateForm()
    if request.method == "POST":
        done, form = _act(request, article, form)
        if done:
            messages.success(request, done)
            url = reverse("admin:articles_article_live", args=[quote(article.pk)])
            return HttpResponseRedirect(url)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "original": article,
        "title": _("Live coverage: %(story)s") % {"story": article.title},
        "form": form,
        "updates": list(article.live_updates.select_related("photo", "created_by")),
    }
    return TemplateResponse(request, "admin/articles/article/live.html", context)


def _act(request, article, form):
    """(what was done, the form to show); nothing done if the form has errors."""
    if "coverage" in request.POST:
        article.is_live = request.POST["coverage"] == "start"
        article.updated_by = request.user
        article.save()
        return (
            _("The live coverage started.")
            if article.is_live
            else _("The live coverage ended; the story keeps its updates.")
        ), form
    update_id = request.POST.get("update")
    if update_id:
        update = article.live_updates.filter(pk=update_id if update_id.isdigit() else 0).first()
        if update is None:
            raise Http404
        if "delete" in request.POST:
            update.delete()
            return _("The update was deleted."), form
        update.is_important = not update.is_important
        update.save()
        return _("The update was changed."), form
    form = LiveUpdateForm(request.POST, request.FILES)
    if not form.is_valid():
        return None, form
    form.save_for(article, request.user)
    return _("The update was published."), form
