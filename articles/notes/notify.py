"""Who is told when a story moves a step, on their desk and by e-mail.

Submitted: the editors (whoever may publish), who review it. Returned, published or
scheduled: the story's writers (who started it and its authors). Never the person who
took the step.
"""

from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..bylines import person_name
from ..workflow import PUBLISH_PERMISSION
from .models import Notification

Step = Notification.Step
# Who holds a permission is the database's answer; the login lock-out backend has none.
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"

SUBJECTS = {
    Step.SUBMITTED: _("“%(title)s” was submitted for review by %(person)s"),
    Step.RETURNED: _("“%(title)s” was returned to you by %(person)s"),
    Step.PUBLISHED: _("“%(title)s” was published by %(person)s"),
    Step.SCHEDULED: _("“%(title)s” was scheduled by %(person)s"),
}


def recipients(article, step, actor):
    people = get_user_model().objects
    users = people.filter(is_active=True, is_staff=True)
    if step == Step.SUBMITTED:
        editors = people.with_perm(PUBLISH_PERMISSION, backend=MODEL_BACKEND)
        users = users.filter(pk__in=editors.values("pk"))
    else:
        writers = {*article.authors.values_list("pk", flat=True), article.created_by_id}
        users = users.filter(pk__in=writers - {None})
    return list(users.exclude(pk=actor.pk))


def notify(request, article, step, note=""):
    """Tell those concerned that `request.user` took `step` with `article`."""
    actor = request.user
    people = recipients(article, step, actor)
    Notification.objects.bulk_create(
        Notification(recipient=person, article=article, step=step, actor=actor, note=note)
        for person in people
    )
    change_url = reverse("admin:articles_article_change", args=[article.pk])
    address = request.build_absolute_uri(change_url)
    name = person_name(actor)
    subject = str(SUBJECTS[step]) % {"title": article.title, "person": name}
    body = "\n\n".join(filter(None, [subject, note, address]))
    mails = [(subject, body, None, [person.email]) for person in people if person.email]
    if mails:
        # Sent once the step is saved; a mail server that is down never undoes it.
        transaction.on_commit(lambda: send_mass_mail(mails, fail_silently=True))
