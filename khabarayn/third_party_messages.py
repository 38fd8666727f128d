"""Django's and django-reversion's messages that our catalogue (locale/ar) says better.

Their own Arabic catalogues say "نجحت إضافة" after a change, leave a constraint's
message and some history strings in English, count nouns wrongly and misspell hamzas and
ta marbuta. The project's catalogue comes first (LOCALE_PATHS), so an entry there
replaces theirs; the strings are marked here only so that `make messages` keeps them.
Nothing imports this module.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

DJANGO_ADMIN = [
    gettext_noop("The {name} “{obj}” was added successfully."),
    gettext_noop("The {name} “{obj}” was changed successfully."),
    gettext_noop("The {name} “{obj}” was added successfully. You may edit it again below."),
    gettext_noop("The {name} “{obj}” was added successfully. You may add another {name} below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may edit it again below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may add another {name} below."),
    gettext_noop("The %(name)s “%(obj)s” was deleted successfully."),
    gettext_noop("Successfully deleted %(count)d %(items)s."),
    gettext_noop("Select all %(total_count)s %(module_name)s"),
    gettext_noop("Changed {fields} for {name} “{object}”."),
    gettext_noop("Added {name} “{object}”."),
    gettext_noop("Deleted {name} “{object}”."),
    # Their "اختر خبر لتغييره", "أضف خبر": a verbal noun needs no case ending or gender.
    gettext_noop("Select %s to change"),
    gettext_noop("Select %s to view"),
    gettext_noop("Add %(name)s"),
    gettext_noop("Add another %(verbose_name)s"),
    gettext_noop("History"),
    gettext_noop("Date/time"),
    ngettext_lazy(
        "%(count)s %(name)s was changed successfully.",
        "%(count)s %(name)s were changed successfully.",
        "count",
    ),
]

DJANGO_MODELS = [
    # The constraint's name is a code name, in English: our Arabic leaves it out.
    # xgettext:no-python-format
    gettext_noop("Constraint “%(name)s” is violated."),
]

REVERSION = [
    gettext_noop("Initial version."),
    gettext_noop("Recover deleted %(name)s"),
    gettext_noop("Reverted to previous version, saved on %(datetime)s"),
    gettext_noop(
        'The %(model)s "%(name)s" was reverted successfully. You may edit it again below.'
    ),
    gettext_noop("Could not load %(object_repr)s version - not found"),
    gettext_noop("Recover %(name)s"),
    gettext_noop("Revert %(name)s"),
    gettext_noop("Revert %(verbose_name)s"),
    gettext_noop("date created"),
    gettext_noop(
        "Choose a date from the list below to revert to a previous version of this object."
    ),
    gettext_noop("Choose a date from the list below to recover a deleted version of an object."),
    gettext_noop(
        "This object doesn't have a change history. It probably wasn't added via this admin site."
    ),
    gettext_noop("Press the save button below to recover this version of the object."),
    gettext_noop("Press the save button below to revert to this version of the object."),
    gettext_noop("There are no deleted objects to recover."),
]
