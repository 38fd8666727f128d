"""Equivalent terms for search ("مرادفات البحث"), kept by editors: the editors' group gets
every permission on them, the journalists' none (the roles: migration 0003)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations, models

EDITOR = "محرر"
PERMISSIONS = ["add", "change", "delete", "view"]


def let_editors_keep_synonyms(apps, schema_editor):
    # Permissions are normally created after all migrations ran; the group needs them now.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editor, _ = Group.objects.get_or_create(name=EDITOR)
    editor.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="articles",
            codename__in=[f"{action}_synonymgroup" for action in PERMISSIONS],
        )
    )


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0016_own_stemmer'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.CreateModel(
            name='SynonymGroup',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('terms', models.TextField(help_text='Words or names a reader may type for the same thing, separated by commas (، or ,): a singular and its broken plural, synonyms, a name in Arabic and Latin letters. A word a reader types also finds the stories holding the others.', verbose_name='equivalent terms')),
                ('lookup', models.TextField(default='', editable=False)),
            ],
            options={
                'verbose_name': 'search synonyms group',
                'verbose_name_plural': 'search synonyms',
                'ordering': ['terms'],
            },
        ),
        migrations.RunPython(let_editors_keep_synonyms, migrations.RunPython.noop),
    ]
