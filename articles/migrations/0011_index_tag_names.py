"""Stories are searched by their tags' names too: index every stored story again.

On a large archive this takes a while (about 1,500 stories a second); the site keeps
serving meanwhile, and `manage.py rebuild_search_index` does the same on its own.
"""

from django.db import migrations

import articles.search


def index_tag_names(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    articles.search.rebuild_index(Article, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("articles", "0010_fold_tag_keys")]

    operations = [migrations.RunPython(index_tag_names, migrations.RunPython.noop)]
