"""Change messages that the admin's history can say in the interface's language.

Django stores the fields a save changed by their labels in English, capitalised
("Body", "Status"), and translates them when the history is shown, with gettext("Body").
Catalogues hold a field's name as its verbose_name is written ("body"), so the history
read "تم تغيير Body، الوسوم و Status". Stored as written, the names are translated.
"""


def _as_written(label):
    return label[:1].lower() + label[1:]


def with_translatable_fields(message):
    """`message` (the admin's list of changes) with each changed field's name as written."""
    for change in message:
        fields = change.get("changed", {}).get("fields")
        if fields:
            change["changed"]["fields"] = [_as_written(label) for label in fields]
    return message
