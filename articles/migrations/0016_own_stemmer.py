"""Search stems every word itself (articles/search/stemming.py) and PostgreSQL stores the
stems under its `simple` configuration: index every stored story again, so that stored
stories and readers' queries speak the same terms.

On a large archive this takes a while (about 1,500 stories a second); the site keeps
serving meanwhile, and `manage.py rebuild_search_index` does the same on its own.
"""

from django.db import migrations

import articles.search


def index_with_own_stems(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    articles.search.rebuild_index(Article, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("articles", "0015_drafts_notes_notifications")]

    operations = [migrations.RunPython(index_with_own_stems, migrations.RunPython.noop)]
