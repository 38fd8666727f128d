"""Tag keys follow normalize_arabic as it now folds Persian and Urdu keyboard letters and
digits, invisible joiners and direction marks: keys are worked out again, and tags whose
names now share a key become one (the oldest keeps its name; its stories gain the rest)."""

from django.db import migrations

from articles.tagging import tag_key


def fold_tag_keys(apps, schema_editor):
    Tag = apps.get_model("articles", "Tag")
    TaggedArticle = apps.get_model("articles", "TaggedArticle")
    keepers = {}
    for tag in Tag.objects.order_by("pk"):
        key = tag_key(tag.name)
        keeper = keepers.setdefault(key, tag)
        if keeper is tag:
            continue
        already = TaggedArticle.objects.filter(tag=keeper).values("content_object")
        TaggedArticle.objects.filter(tag=tag).exclude(content_object__in=already).update(
            tag=keeper
        )
        tag.delete()  # with its remaining tagged rows: stories that had both spellings
    changed = {key: tag for key, tag in keepers.items() if tag.key != key}
    # Through a placeholder first, so that no new key meets an old one still in place.
    for tag in changed.values():
        Tag.objects.filter(pk=tag.pk).update(key=f"~{tag.pk}~")
    for key, tag in changed.items():
        Tag.objects.filter(pk=tag.pk).update(key=key)


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_image_renditions")]

    operations = [migrations.RunPython(fold_tag_keys, migrations.RunPython.noop)]
