"""Breaking lines: the editors' group may do everything with them; journalists propose
(add, change their own proposals, view) and never put one live (the roles: migration 0003).
"""

import articles.breaking.models
import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
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
    ours = Permission.objects.filter(content_type__app_label="articles")
    editor, _ = Group.objects.get_or_create(name=EDITOR)
    editor.permissions.add(
        *ours.filter(codename__in=[f"{a}_breakingnews" for a in ("add", "change", "delete", "view")])
    )
    journalist, _ = Group.objects.get_or_create(name=JOURNALIST)
    journalist.permissions.add(
        *ours.filter(codename__in=[f"{a}_breakingnews" for a in ("add", "change", "view")])
    )


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0021_corrections'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='BreakingNews',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.CharField(max_length=200, verbose_name='breaking line')),
                ('status', models.CharField(choices=[('proposed', 'Proposed'), ('live', 'Live'), ('withdrawn', 'Withdrawn')], default='proposed', max_length=10, verbose_name='status')),
                ('expires_at', models.DateTimeField(default=articles.breaking.models.default_expiry, help_text='Two hours from now unless you choose.', verbose_name='shown until')),
                ('published_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='put live at')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('article', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='articles.article', verbose_name='linked story')),
                ('created_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='proposed by')),
                ('published_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='put live by')),
            ],
            options={
                'verbose_name': 'breaking news item',
                'verbose_name_plural': 'breaking news',
                'ordering': ['-created_at', '-pk'],
                'indexes': [models.Index(condition=models.Q(('status', 'live')), fields=['expires_at'], name='breaking_live_idx')],
            },
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
