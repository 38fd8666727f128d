"""What is stored for search: a story's search columns, and the index that reads them."""

from django.contrib.postgres.indexes import GinIndex
from django.db import DEFAULT_DB_ALIAS, connections

from .words import keywords, plain_text

CONFIG = "arabic"
REBUILD_BATCH_SIZE = 500


def index_parts(title, summary, body):
    """The headline, standfirst and body as the words indexed at weights A, B and C."""
    return [" ".join(keywords(text)) for text in (title, summary, plain_text(body))]


_VECTOR_SQL = (
    f"setweight(to_tsvector('{CONFIG}', v.title::text), 'A')"
    f" || setweight(to_tsvector('{CONFIG}', v.summary::text), 'B')"
    f" || setweight(to_tsvector('{CONFIG}', v.body::text), 'C')"
)


def update_index(model, rows, using=DEFAULT_DB_ALIAS):
    """Store the search fields of `rows`, each (pk, title, summary, body), in one UPDATE.

    `search_text` is the three parts' keywords on three lines (SQLite matches it, and
    ranks by its first line); on PostgreSQL `search_vector` weighs them A, B and C.
    `model` may be a migration's historical model: only its table and fields are used.
    """
    connection = connections[using]
    quote = connection.ops.quote_name
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    values = [(row[0], *index_parts(*row[1:])) for row in rows]
    if not values:
        return 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"UPDATE {table} AS a SET"
                " search_text = concat_ws(E'\\n', v.title::text, v.summary::text, v.body::text),"
                f" search_vector = {_VECTOR_SQL}"
                f" FROM (VALUES {', '.join(['(%s, %s, %s, %s)'] * len(values))})"
                f" AS v(id, title, summary, body) WHERE a.{pk} = v.id",
                [value for row in values for value in row],
            )
        else:
            cursor.executemany(
                f"UPDATE {table} SET search_text = %s WHERE {pk} = %s",
                [("\n".join(parts), pk_value) for pk_value, *parts in values],
            )
    return len(values)


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
