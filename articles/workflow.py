"""The story form's workflow buttons: what each step does, who may take it, and from where.

A story is in one of four places: a draft, in review, scheduled, or live. Each button
of the form takes a step from there (`steps_for`); the form posts the step's name as
`_step`, and `ArticleAdminForm` refuses a step the person may not take from where the
story is, whatever the page showed. Publishing, scheduling, unpublishing and returning
a story to its writer are an editor's (`may_publish()`: `articles.publish_article`).
"""

from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Article
from .notes.models import Notification

DRAFT, REVIEW, SCHEDULED, LIVE = "draft", "review", "scheduled", "live"
# What makes an editor: the right to publish, schedule, unpublish and return stories, and
# to put breaking lines live and correct published stories.
PUBLISH_PERMISSION = "articles.publish_article"


def may_publish(user):
    return user.has_perm(PUBLISH_PERMISSION)


# How a schedule is told: "الخميس 4 ديسمبر 09:00".
SCHEDULE_FORMAT = "l j F H:i"


@dataclass(frozen=True)
class Step:
    name: str
    label: str
    # The status it leaves the story in; None keeps the story where it is.
    status: str | None
    # Where the story may be for the step to be offered and accepted.
    places: tuple
    done: str
    # Who may take it: everyone who may edit the story, "editors" (who may publish) or
    # "writers" (who may not: an editor returns a story with a note instead).
    who: str = "everyone"
    # The history's name for it, when it moves the story.
    event: str = ""
    needs_note: bool = False
    needs_time: bool = False
    # Who is told (articles/notes/notify.py), as which notification.
    tells: str | None = None


STEPS = [
    Step("save_draft", _("Save draft"), Article.Status.DRAFT, (DRAFT,), _("The draft was saved.")),
    Step("save", _("Save changes"), None, (REVIEW,),
         _("Your changes were saved; the story is still in review.")),
    Step("save", _("Update the published story"), None, (LIVE,),
         _("The published story was updated."), who="editors"),
    Step("save", _("Save changes"), None, (SCHEDULED,),
         _("Your changes were saved; the story is scheduled for %(time)s."), who="editors"),
    Step("submit", _("Submit for review"), Article.Status.REVIEW, (DRAFT,),
         _("The story was submitted for review; the editors have been told."),
         event=_("Submitted for review"), tells=Notification.Step.SUBMITTED),
    Step("withdraw", _("Back to drafts"), Article.Status.DRAFT, (REVIEW,),
         _("The story was taken back from review and is a draft again."),
         who="writers", event=_("Taken back from review")),
    Step("publish", _("Publish now"), Article.Status.PUBLISHED, (DRAFT, REVIEW, SCHEDULED),
         _("The story was published."), who="editors",
         event=pgettext_lazy("history", "Published"), tells=Notification.Step.PUBLISHED),
    Step("schedule", _("Schedule…"), Article.Status.PUBLISHED, (DRAFT, REVIEW, SCHEDULED),
         _("Scheduled for publication on %(time)s."), who="editors",
         event=_("Scheduled for %(time)s"), needs_time=True, tells=Notification.Step.SCHEDULED),
    Step("return", _("Return to the writer with a note"), Article.Status.DRAFT, (REVIEW,),
         _("The story was returned to its writer with your note."), who="editors",
         event=_("Returned to the writer"), needs_note=True, tells=Notification.Step.RETURNED),
    Step("unpublish", _("Unpublish"), Article.Status.DRAFT, (LIVE,),
         _("The story was unpublished; it is a draft again."), who="editors",
         event=_("Unpublished")),
    Step("unpublish", _("Cancel the schedule"), Article.Status.DRAFT, (SCHEDULED,),
         _("The schedule was cancelled; the story is a draft again."), who="editors",
         event=_("Schedule cancelled")),
]  # fmt: skip


def place_of(article):
    """Where the story is: a draft (also a story not yet added), in review, scheduled or live."""
    if article is None or article.status == Article.Status.DRAFT:
        return DRAFT
    if article.status == Article.Status.REVIEW:
        return REVIEW
    # A story past the end of its display is still the editors' live story: they may
    # update it (a new end of display) or unpublish it.
    return SCHEDULED if article.is_scheduled() else LIVE


def steps_for(article, may_publish):
    """The buttons the form shows, the one taken by the Enter key first."""
    place = place_of(article)
    role = "editors" if may_publish else "writers"
    return [step for step in STEPS if place in step.places and step.who in ("everyone", role)]


def find_step(article, may_publish, name):
    """The step called `name` that this person may take with the story, or None."""
    return next((step for step in steps_for(article, may_publish) if step.name == name), None)


def done_message(step, article):
    """What the message after the step says: "جُدول للنشر الخميس 3 ديسمبر 09:00"."""
    return step.done % {"time": schedule_time(article.published_at) if article.published_at else ""}


def schedule_time(moment):
    return formats.date_format(timezone.localtime(moment), SCHEDULE_FORMAT)
