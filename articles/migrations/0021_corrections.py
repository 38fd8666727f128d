"""Corrections of published stories: the editors' group adds, changes and deletes them;
journalists read them (the roles: migration 0003)."""

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

EDITOR, JOURNALIST = "محرر", "صحفي"


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations ran; the groups need them now.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    correction = Permission.objects.filter(content_type__app_label="articles")
    editor, _ = Group.objects.get_or_create(name=EDITOR)
    editor.permissions.add(
        *correction.filter(
            codename__in=[f"{action}_correction" for action in ("add", "change", "delete", "view")]
        )
    )
    journalist, _ = Group.objects.get_or_create(name=JOURNALIST)
    journalist.permissions.add(*correction.filter(codename="view_correction"))


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0020_story_end_of_display'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Correction',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField(help_text='What was wrong and what the story says now; shown at its end.', max_length=1000, verbose_name='correction')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='date')),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='corrections', to='articles.article', verbose_name='story')),
                ('created_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='added by')),
            ],
            options={
                'verbose_name': 'correction',
                'verbose_name_plural': 'corrections',
                'ordering': ['created_at', 'pk'],
                'indexes': [models.Index(fields=['-created_at', '-id'], name='correction_newest_idx')],
            },
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
