"""What is stored for search: a story's search columns, and the index that reads them.

Every write of the columns goes through `index_columns()`: Article.save() sets them on
the row it saves; the bulk writers on the rows they create (generate_content through
articles/demo/generator.py, the WordPress import through wordpress/writer.py);
`update_index()` on stories whose tags changed (the tag manager, articles/tagging.py);
and `rebuild_index()` (the rebuild_search_index command, migration 0005) on every row.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.expressions import RawSQL

from .words import keywords, plain_text

# The terms are stemmed already (words.py): PostgreSQL only stores and matches them.
CONFIG = "simple"
REBUILD_BATCH_SIZE = 500
# The headline weighs A, the standfirst and the tags' names B, the body C, so that
# SearchRank puts a story with the words in its headline first. Written as SQL: Django's
# SearchVector(weight=…) says the same, but compiling it costs about 0.7 ms a row, as long
# again as generate_content takes to make a story.
_WEIGHTED_VECTOR_SQL = " || ".join(
    f"setweight(to_tsvector('{CONFIG}', %s::text), '{weight}')" for weight in "ABBC"
)


def index_parts(title, summary, body, tags=()):
    """The headline, standfirst, tag names (in name order) and body as the words indexed
    at weights A, B, B and C."""
    texts = (title, summary, " ".join(sorted(tags)), plain_text(body))
    return [" ".join(keywords(text)) for text in texts]


def index_columns(parts, using=DEFAULT_DB_ALIAS):
    """The search columns of a story whose index_parts() are `parts`, to store with it.

    `search_text` is the parts on four lines (SQLite matches it, and ranks by its first
    line). `search_vector` is the weighted tsvector, an expression the INSERT
    or UPDATE computes; SQLite has no tsvector, and there it stays null.
    """
    if connections[using].vendor == "postgresql":
        vector = RawSQL(_WEIGHTED_VECTOR_SQL, tuple(parts), output_field=SearchVectorField())
    else:
        vector = None
    return {"search_text": "\n".join(parts), "search_vector": vector}


def update_index(model, rows, using=DEFAULT_DB_ALIAS):
    """Store the search columns of `rows`, each (pk, title, summary, body), with their
    tags' names read in one query, by bulk_update (one UPDATE on PostgreSQL, a few on
    SQLite).

    `model` may be a migration's historical model.
    """
    rows = list(rows)
    tagged = model._meta.get_field("tags").remote_field.through
    tags = {}
    for pk, name in (
        tagged._base_manager.using(using)
        .filter(content_object__in=[row[0] for row in rows])
        .values_list("content_object", "tag__name")
    ):
        tags.setdefault(pk, []).append(name)
    stories = [
        model(pk=pk, **index_columns(index_parts(title, summary, body, tags.get(pk, ())), using))
        for pk, title, summary, body in rows
    ]
    if stories:
        model._base_manager.using(using).bulk_update(stories, ["search_text", "search_vector"])
    return len(stories)


def rebuild_index(model, using=DEFAULT_DB_ALIAS, batch_size=REBUILD_BATCH_SIZE):
    """Re-index every row of `model`, `batch_size` rows per UPDATE; return how many.

    Rows are read in primary-key order, one batch at a time, so memory stays flat;
    outside a transaction (the command) each batch commits on its own.
    """
    rows = model._base_manager.using(using).order_by("pk")
    rows = rows.values_list("pk", "title", "summary", "body")
    count, last_pk = 0, None
    while True:
        batch = list((rows if last_pk is None else rows.filter(pk__gt=last_pk))[:batch_size])
        if not batch:
            return count
        count += update_index(model, batch, using)
        last_pk = batch[-1][0]


class SearchVectorIndex(GinIndex):
    """A GIN index, made on PostgreSQL only.

    SQLite has no GIN (nor tsvector): Django would send it `USING gin` whenever it
    creates or rebuilds the table, so elsewhere the index is an SQL comment.
    """

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return f"-- {self.name}: a PostgreSQL GIN index, not made on this database"
        return super().create_sql(model, schema_editor, using=using, **kwargs)

    def remove_sql(self, model, schema_editor, **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return f"-- {self.name}: a PostgreSQL GIN index, not made on this database"
        return super().remove_sql(model, schema_editor, **kwargs)
