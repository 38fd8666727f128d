"""The newsroom's two roles. Adding a person to a group is all it takes to give the role."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

JOURNALIST = "صحفي"
EDITOR = "محرر"

JOURNALIST_PERMISSIONS = [
    ("articles", "add_article"),
    ("articles", "change_article"),
    ("articles", "view_article"),
    ("articles", "add_image"),
    ("articles", "change_image"),
    ("articles", "view_image"),
    ("articles", "add_relatedlink"),
    ("articles", "change_relatedlink"),
    ("articles", "delete_relatedlink"),
    ("articles", "view_relatedlink"),
    ("articles", "view_tag"),
    ("categories", "view_category"),
]


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations ran; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    journalist, _ = Group.objects.get_or_create(name=JOURNALIST)
    journalist.permissions.set(
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in JOURNALIST_PERMISSIONS
    )
    editor, _ = Group.objects.get_or_create(name=EDITOR)
    editor.permissions.set(
        Permission.objects.filter(content_type__app_label__in=["articles", "categories", "taggit"])
    )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[JOURNALIST, EDITOR]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_workflow"),
        ("categories", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
