"""The journalists named on stories: how a person is named, and what a change to a
byline or to a name retires.

Django's User is not ours to give the ShownToReaders base: readers see its names in
bylines, so its saves get the same two rules through signals (connected by
ArticlesConfig.ready()).
"""

from django.conf import settings
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver

from lib.page_cache.keys import retire_after_commit
from lib.text import remove_control_characters


def person_name(user):
    """How a person is named, in bylines and in the newsroom: their full name, else their
    username."""
    return user.get_full_name() or user.get_username()


@receiver(m2m_changed, sender="articles.Article_authors")
def retire_changed_bylines(sender, instance, action, pk_set, reverse, **kwargs):
    """A live story's bylines changed: its page, and the author pages it joined or left."""
    if reverse or not instance.is_published():
        return
    if action == "pre_clear":
        instance._cleared_authors = set(instance.authors.values_list("pk", flat=True))
    elif action in ("post_add", "post_remove", "post_clear"):
        changed = (
            pk_set if action != "post_clear" else instance.__dict__.pop("_cleared_authors", set())
        )
        if changed:
            retire_after_commit([f"story:{instance.pk}", *(f"author:{pk}" for pk in changed)])


@receiver(pre_save, sender=settings.AUTH_USER_MODEL)
def remove_control_characters_from_names(sender, instance, **kwargs):
    remove_control_characters(instance)


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def retire_author_pages(sender, instance, update_fields, **kwargs):
    """A journalist's name is on their bylines and their author page."""
    if update_fields and set(update_fields) <= {"last_login", "password"}:
        return  # signing in and changing a password show nothing to readers
    if not kwargs.get("created"):
        retire_after_commit([f"author:{instance.pk}", f"author-name:{instance.pk}"])
