"""Writing the imported articles (Writer), from what each post was mapped to
(MappedArticle).

Articles are made the way generate_content makes them, not through Article.save(), which
per article looks up its slug (a LIKE query), claims a version, indexes its tags from the
database and retires pages: at 10,000 posts a minute each article has 6 ms. The same rules
apply, from the same functions: the slug from `Article.slug_base()`, kept unique in
memory; the body through `sanitize_html()` (bodies.py); control characters removed by
`remove_control_characters()`; the search columns from `search.index_parts()` and
`index_columns()` (the vector computed by the INSERT); every page retired once at the end
of the import, as it may touch any list. An article changed by a later export goes
through Article.save() and the tag manager like any edit.
"""

import sys
import threading
import uuid
from contextlib import nullcontext
from dataclasses import dataclass, field
from queue import Queue

from django.db import DatabaseError, connections, transaction
from django.utils import timezone

from lib.text import remove_control_characters

from .. import search
from ..models import Article, Tag, TaggedArticle
from .models import ImportedItem, LegacyAddress


@dataclass
class MappedArticle:
    """A post as the importer maps it and the writer writes it."""

    title: str
    summary: str
    body: str
    status: str
    pending: bool = False
    reason: str = ""
    category_id: int | None = None
    main_image_id: int | None = None
    published_at: object = None
    created_at: object = None
    updated_at: object = None
    created_by_id: int | None = None
    updated_by_id: int | None = None
    authors: list = field(default_factory=list)
    tags: list = field(default_factory=list)  # [(pk, name)]
    slug_text: str = ""
    search_parts: list = field(default_factory=list)
    addresses: list = field(default_factory=list)

    def to_draft(self, reason):
        self.status = Article.Status.DRAFT
        self.published_at = None
        self.reason = f"as a draft: {reason}"


def add_addresses(addresses, using):
    """Record old addresses; one taken already (by this item or another) is kept."""
    addresses = [address for address in addresses if len(address.path) <= 1000]
    if addresses:
        LegacyAddress.objects.using(using).bulk_create(addresses, ignore_conflicts=True)


class Writer:
    """Writes the articles, each in its own transaction: from a second thread, or at once.

    Mapping a post is Python work (the body, the search words) and writing it mostly
    PostgreSQL's; overlapped, they use both cores, as generate_content does. The thread
    has its own connection, so inside a transaction (tests) everything is written at once
    on the caller's. A post the database refuses (a constraint) is set aside with its
    error, and the others go on; any other failure stops the import.

    `taken_slugs` (lib.text.TakenSlugs) gives each new article its slug; `written(item,
    article, mapped)` is called once each article is in, from the writer's thread.
    """

    # Few: a link to a post still waiting here is made only at the end (Importer.relink_pending).
    QUEUE_SIZE = 8

    def __init__(self, using, threaded, taken_slugs, written):
        self.using, self.threaded = using, threaded
        self.taken_slugs, self.written = taken_slugs, written
        self.refused, self.failure = [], None
        self._sql = None  # the new article's statement, made for the first one
        if threaded:
            self.queue = Queue(maxsize=self.QUEUE_SIZE)
            self.thread = threading.Thread(target=self._run, name="import_wordpress-writer")
            # The writer waits on the database often: a shorter switch interval than the
            # default 5 ms hands it the GIL back sooner each time its answer comes.
            self.switch_interval = sys.getswitchinterval()
            sys.setswitchinterval(0.0005)
            self.thread.start()
        else:
            self._session(connections[using], on=True)

    def create(self, item, guid, fingerprint, mapped):
        """A new article, of a post no import has made one of."""
        self._submit(item, "created", self._create, guid, fingerprint, mapped)

    def update(self, item, article_id, guid, fingerprint, mapped):
        """A post the export changed since the last import: saved like any edit."""
        self._submit(item, "updated", self._update, article_id, guid, fingerprint, mapped)

    def close(self):
        """Once the last article is handed over: waits for it to be written, and raises
        what stopped the writer, if anything did."""
        if self.threaded:
            self.queue.put(None)
            self.thread.join()
            sys.setswitchinterval(self.switch_interval)
        else:
            self._session(connections[self.using], on=False)
        if self.failure is not None:
            raise self.failure

    # The thread ----------------------------------------------------------------------

    def _session(self, connection, on):
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # Each post commits on its own; waiting for each commit's WAL flush would cost
            # more than the post. A crash loses the last few posts' commits, which the next
            # run (idempotent) imports again.
            with connection.cursor() as cursor:
                cursor.execute(f"SET synchronous_commit TO {'OFF' if on else 'DEFAULT'}")

    def _submit(self, item, outcome, write, *args):
        if self.threaded:
            self.queue.put((item, outcome, write, args))
        else:
            self._write(item, outcome, write, args)

    def _write(self, item, outcome, write, args):
        try:
            write(item, *args)
        except DatabaseError as error:
            self.refused.append((item, outcome, str(error).splitlines()[0]))

    def _run(self):
        connection = connections[self.using]
        try:
            self._session(connection, on=True)
            while (task := self.queue.get()) is not None:
                if self.failure is None:
                    self._write(*task)
        except BaseException as error:  # handed to the reading thread by close()
            self.failure = error
            while self.queue.get() is not None:  # let the reader finish
                pass
        finally:
            connection.close()

    # The rows ------------------------------------------------------------------------

    def _create(self, item, guid, fingerprint, mapped):
        now = timezone.now()
        article = Article(
            title=mapped.title,
            slug=self._slug(mapped.slug_text),
            summary=mapped.summary,
            body=mapped.body,
            status=mapped.status,
            published_at=mapped.published_at,
            category_id=mapped.category_id,
            main_image_id=mapped.main_image_id,
            created_by_id=mapped.created_by_id,
            updated_by_id=mapped.updated_by_id,
            created_at=mapped.created_at or now,
            updated_at=mapped.updated_at or now,
            version=uuid.uuid4(),
        )
        remove_control_characters(article)  # what ShownToReaders.save() would do
        for column, value in search.index_columns(mapped.search_parts, self.using).items():
            setattr(article, column, value)
        imported = ImportedItem(
            kind=ImportedItem.Kind.POST,
            guid=guid,
            wordpress_id=item.post_id,
            fingerprint=fingerprint,
            article_version=article.version,
            imported_at=now,
        )
        connection = connections[self.using]
        if connection.vendor == "postgresql":
            # One statement, so in autocommit it is the post's own transaction: all of the
            # post is written or none of it, without a BEGIN and a COMMIT to wait for. In a
            # caller's transaction (the tests) a savepoint keeps a refused post apart.
            savepoint = (
                transaction.atomic(using=self.using)
                if connection.in_atomic_block
                else nullcontext()
            )
            with savepoint, connection.cursor() as cursor:
                cursor.execute(*self._statement(connection, article, imported, mapped))
                article.pk = imported.article_id = cursor.fetchone()[0]
        else:
            with transaction.atomic(using=self.using):
                Article.objects.using(self.using).bulk_create([article])
                imported.article_id = article.pk
                self._write_relations(article.pk, mapped)
                ImportedItem.objects.using(self.using).bulk_create([imported])
        self.written(item, article, mapped)

    def _statement(self, connection, article, imported, mapped):
        """One INSERT of the article with its tags, bylines, old addresses and import
        record, as (sql, params).

        The ORM would send five statements, each a round trip and a compilation (some
        1.5 ms of a post's 6, the profile showed). The columns and their values come from
        the models' fields (get_db_prep_save(), as the ORM's INSERT prepares them), the
        search vector from search.index_columns() (its SQL, with its words): no rule is
        written here again. The SQL is the same for every article, and made once.
        """
        if self._sql is None:
            self._fields = self._insert_fields(Article), self._insert_fields(ImportedItem)
            self._sql = self._sql_for(connection, *self._fields, article)
        article_fields, item_fields = self._fields
        params = []
        for model_field in article_fields:
            value = getattr(article, model_field.attname)
            if hasattr(value, "resolve_expression"):  # the search vector: its words
                params.extend(value.params)
            else:
                params.append(model_field.get_db_prep_save(value, connection))
        addresses = [(path, query) for path, query in mapped.addresses if len(path) <= 1000]
        params += [
            [pk for pk, _ in mapped.tags],
            list(dict.fromkeys(mapped.authors)),
            [path for path, _ in addresses],
            [query for _, query in addresses],
        ]
        params += [
            model_field.get_db_prep_save(getattr(imported, model_field.attname), connection)
            for model_field in item_fields
        ]
        return self._sql, params

    @staticmethod
    def _insert_fields(model):
        """The fields an INSERT of a new row writes: all but the key (and an import
        record's relations: a post's has no image, and its article is the row the statement
        inserts)."""
        return [
            model_field
            for model_field in model._meta.concrete_fields
            if not model_field.primary_key
            and not (model is ImportedItem and model_field.is_relation)
        ]

    @staticmethod
    def _sql_for(connection, article_fields, item_fields, article):
        quote = connection.ops.quote_name

        def table(model, *names):
            meta = model._meta
            columns = ", ".join(quote(meta.get_field(name).column) for name in names)
            return f"{quote(meta.db_table)} ({columns})"

        def placeholder(model_field):
            value = getattr(article, model_field.attname, None)
            return value.sql if hasattr(value, "resolve_expression") else "%s"

        article_columns = ", ".join(quote(model_field.column) for model_field in article_fields)
        article_values = ", ".join(placeholder(model_field) for model_field in article_fields)
        item_columns = ", ".join(quote(model_field.column) for model_field in item_fields)
        item_values = ", ".join("%s" for _ in item_fields)
        article_id_column = quote(ImportedItem._meta.get_field("article").column)
        bylines = Article.authors.through
        return f"""
            WITH article AS (
                INSERT INTO {quote(Article._meta.db_table)} ({article_columns})
                VALUES ({article_values}) RETURNING {quote(Article._meta.pk.column)} AS id
            ), tagged AS (
                INSERT INTO {table(TaggedArticle, "content_object", "tag")}
                SELECT article.id, tag FROM article, unnest(%s::bigint[]) AS tag
            ), bylines AS (
                INSERT INTO {table(bylines, "article", "user")}
                SELECT article.id, author FROM article, unnest(%s::bigint[]) AS author
            ), addresses AS (
                INSERT INTO {table(LegacyAddress, "path", "query", "article")}
                SELECT address.path, address.query, article.id
                FROM article, unnest(%s::text[], %s::text[]) AS address (path, query)
                ON CONFLICT DO NOTHING
            )
            INSERT INTO {quote(ImportedItem._meta.db_table)} ({item_columns}, {article_id_column})
            SELECT {item_values}, article.id FROM article
            RETURNING {article_id_column}
        """

    def _write_relations(self, article_id, mapped):
        TaggedArticle.objects.using(self.using).bulk_create(
            [TaggedArticle(content_object_id=article_id, tag_id=pk) for pk, _ in mapped.tags]
        )
        bylines = Article.authors.through
        bylines.objects.using(self.using).bulk_create(
            [bylines(article_id=article_id, user_id=pk) for pk in mapped.authors],
            ignore_conflicts=True,
        )
        add_addresses(
            [LegacyAddress(path=path, query=query, article_id=article_id)
             for path, query in mapped.addresses],
            self.using,
        )  # fmt: skip

    def _update(self, item, article_id, guid, fingerprint, mapped):
        with transaction.atomic(using=self.using):
            article = Article.objects.using(self.using).select_for_update().get(pk=article_id)
            for name in ("title", "summary", "body", "status", "published_at", "category_id",
                         "main_image_id", "updated_by_id"):  # fmt: skip
                setattr(article, name, getattr(mapped, name))
            # keeping_given_timestamps() is on: the time of the change is given here.
            article.updated_at = mapped.updated_at or timezone.now()
            article.save(using=self.using)
            article.tags.set([Tag(pk=pk, name=name) for pk, name in mapped.tags])
            article.authors.set(mapped.authors)
            add_addresses(
                [LegacyAddress(path=path, query=query, article_id=article_id)
                 for path, query in mapped.addresses],
                self.using,
            )  # fmt: skip
            ImportedItem.objects.using(self.using).filter(
                kind=ImportedItem.Kind.POST, guid=guid
            ).update(fingerprint=fingerprint, article_version=article.version)
        self.written(item, article, mapped)

    def _slug(self, text):
        return self.taken_slugs.claim(Article.slug_base(text))
