"""What the story form says as it opens, and what its heartbeat answers."""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext

from ..templatetags.articles_tags import time_ago
from . import presence
from .models import Autosave


def editing_now(article, user):
    """One sentence per colleague with the story open: "منى العلي يحرّر هذا الخبر الآن …"."""
    if article is None:
        return []
    return [
        gettext("%(person)s is editing this story now (opened it %(since)s).")
        % {"person": entry["name"], "since": time_ago(entry["since"])}
        for entry in presence.others(article, user)
    ]


def autosaved_at(autosave):
    return gettext("Autosaved at %(time)s.") % {
        "time": formats.time_format(timezone.localtime(autosave.saved_at), "TIME_FORMAT")
    }


def change_form_context(request, article, may_edit):
    """The banner, the autosaved copy on offer, and the heartbeat's address.

    Opening the form counts as being in it: a colleague who opens the story a moment
    later sees the banner before anyone has typed.
    """
    context = {"editing_now": editing_now(article, request.user)}
    if not may_edit:
        return context
    if article is not None:
        presence.arrive(article, request.user)
    autosave = Autosave.objects.of(request.user, article).first()
    url = (
        reverse("admin:articles_article_autosave", args=[article.pk])
        if article is not None
        else reverse("admin:articles_article_add_autosave")
    )
    return {
        **context,
        "autosave": autosave,
        "autosave_is_older": autosave is not None and autosave.is_older_than(article),
        "autosave_url": url,
        "heartbeat_seconds": presence.HEARTBEAT_SECONDS,
    }
