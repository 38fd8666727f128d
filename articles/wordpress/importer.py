"""The import of a WordPress export: `Importer(...).run(path)` returns a Summary.

The file is read twice, as a stream each time (reader.py). The first reading writes
nothing: it checks the file (a wrong or broken file stops everything here, before any
write) and gathers what the posts refer to (scan.py). Then the authors (here), the
categories and tags (terms.py) and the images (images.py) are made, and the second
reading maps each post to an article (mapping.py's rules, bodies.py for its content),
which the Writer writes in its own transaction (writer.py). What the run did is its
Summary (summary.py).

Idempotent: a post or attachment is found again by the export's GUID (ImportedItem);
unchanged (same fingerprint), it is left alone, and an article edited here since the
last import (its version moved on) is never overwritten. Authors, categories and tags
are found by their user name, slug or name, and spelling (tag_key()).
"""

import sys
import time
from collections import Counter
from html import unescape
from importlib import import_module
from pathlib import Path
from urllib.parse import unquote

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils.text import Truncator

from lib.page_cache.keys import retire_everything, schedule_changed
from lib.text import TakenSlugs, without_control_characters

from .. import search
from ..models import Article, keeping_given_timestamps
from ..sanitizer import sanitize_html
from ..tagging import Tag, tag_key
from . import mapping
from .bodies import BodyConverter
from .images import ImageImporter
from .models import ImportedItem, LegacyAddress
from .reader import Author, ControlCharacterFilter, Item, read_export
from .scan import scan_export
from .summary import Progress, Summary
from .terms import TermImporter
from .writer import MappedArticle, Writer

# The journalists' group, as the roles migration names it.
JOURNALIST_GROUP = import_module("articles.migrations.0003_roles").JOURNALIST


class Importer:
    def __init__(
        self,
        *,
        media_dir=None,
        fetch_media=False,
        default_credit="",
        dry_run=False,
        progress=None,
        using=DEFAULT_DB_ALIAS,
    ):
        self.media_dir, self.fetch_media = media_dir, fetch_media
        self.default_credit = default_credit
        self.dry_run, self.using = dry_run, using
        self.progress_stream = progress if progress is not None else sys.stderr
        self.show_progress = progress is not None or sys.stderr.isatty()
        self.summary = Summary(dry_run)

    # The run ---------------------------------------------------------------------

    def run(self, path):
        started = time.monotonic()
        path = Path(path)
        scan = self.scan(path)
        self.site_base = mapping.base_path(scan.site)
        self.scan_result = scan
        addresses_before = self._count_addresses()
        self.users = self.import_authors(scan)
        terms = TermImporter(
            site_base=self.site_base, summary=self.summary, dry_run=self.dry_run, using=self.using
        )
        self.categories = terms.import_categories(scan.categories)
        self.category_depths = terms.category_depths
        self.tags = terms.import_tags(scan.tags, scan.tag_slugs)
        self.images = ImageImporter(
            users=self.users,
            summary=self.summary,
            media_dir=self.media_dir,
            fetch_media=self.fetch_media,
            default_credit=self.default_credit,
            dry_run=self.dry_run,
            using=self.using,
        )
        self.images.import_images(scan.attachments.values())
        self.load_imported_posts()
        self.converter = BodyConverter(self.images, self, mapping.site_hosts(scan.site))
        self.import_posts(path)
        self.relink_pending()
        if not self.dry_run:
            created = self._count_addresses() - addresses_before
            self.summary.add("old addresses", "created", count=created)
            # Any list may show an imported article, and any 404 may now be an old address.
            transaction.on_commit(retire_everything, using=self.using)
            schedule_changed()
        self.summary.seconds = time.monotonic() - started
        return self.summary

    def _count_addresses(self):
        return LegacyAddress.objects.using(self.using).count()

    def _read(self, path):
        """The export's values in file order; self.stream says how far the reading is."""
        with path.open("rb") as file:
            self.stream = ControlCharacterFilter(file)
            yield from read_export(self.stream)

    def scan(self, path):
        """The first reading: check the file and gather what posts refer to."""
        scan = scan_export(self._read(path))
        self.summary.control_characters = self.stream.removed
        return scan

    # Authors -------------------------------------------------------------------------

    def import_authors(self, scan):
        """{login: user pk}: each author a user who cannot sign in until an admin
        activates them and gives them a password, in the journalists' group."""
        users = get_user_model()._default_manager.db_manager(self.using)
        group = Group.objects.using(self.using).filter(name=JOURNALIST_GROUP).first()
        logins = {**{login: None for login in scan.creators if login}, **scan.authors}
        found = {}
        for login, author in logins.items():
            author = author or Author(login=login)
            name = mapping.username(login)
            if not name:
                continue
            user = users.filter(username=name).first()
            if user is not None:
                found[login] = user.pk
                self.summary.add("authors", "unchanged", "already a user")
                continue
            self.summary.add("authors", "created")
            if self.dry_run:
                found[login] = None
                continue
            first, last = author.first_name, author.last_name
            if not (first or last) and author.display_name:
                first, _, last = author.display_name.partition(" ")
            user = users.model(
                username=name,
                email=author.email,
                first_name=first[:150],
                last_name=last[:150],
                is_staff=True,
                is_active=False,
            )
            user.set_unusable_password()
            user.save(using=self.using)
            if group is not None:
                user.groups.add(group)
            found[login] = user.pk
        return found

    # What the body converter asks (bodies.BodyConverter) ---------------------------

    def new_address(self, path, query):
        post_id = self.scan_result.post_addresses.get((path, query))
        if post_id is not None:
            found = self.article_urls.get(post_id)
            return Article(pk=found[0], slug=found[1]).get_absolute_url() if found else None
        return None

    def is_pending_post(self, path, query):
        return (path, query) in self.scan_result.post_addresses

    # Posts ---------------------------------------------------------------------------

    def load_imported_posts(self):
        """What earlier imports made of posts: {guid: row}, and every article's address."""
        rows = (
            ImportedItem.objects.using(self.using)
            .filter(kind=ImportedItem.Kind.POST)
            .values_list(
                "guid",
                "wordpress_id",
                "article_id",
                "fingerprint",
                "article_version",
                "article__slug",
                "article__version",
            )  # fmt: skip
        )
        self.imported_posts = {}
        self.article_urls = {}
        for guid, wordpress_id, article_id, fingerprint, version, slug, current in rows.iterator(
            chunk_size=10_000
        ):
            self.imported_posts[guid] = (article_id, fingerprint, version == current)
            self.article_urls[wordpress_id] = (article_id, slug)  # its address when a link asks
        self.taken_slugs = TakenSlugs(
            Article.objects.using(self.using).values_list("slug", flat=True).iterator(20_000)
        )
        self.seen_guids = set()
        self.pending = []

    def import_posts(self, path):
        """The second reading: each post mapped here, and written by `self.writer`, from a
        second thread on PostgreSQL outside a transaction (a real run)."""
        progress = Progress(self.progress_stream, path.stat().st_size, self.show_progress)
        connection = connections[self.using]
        threaded = connection.vendor == "postgresql" and not connection.in_atomic_block
        self.writer = Writer(
            self.using, threaded and not self.dry_run, self.taken_slugs, self._written
        )
        try:
            with keeping_given_timestamps():
                for value in self._read(path):
                    if not isinstance(value, Item):
                        continue
                    if value.post_type == "post":
                        self.import_post(value)
                        progress.update(self.stream.bytes_read, self.summary.posts)
                    elif value.post_type == "page":
                        self.summary.add("pages", "skipped", "Khabarayn has no pages")
                    elif value.post_type != "attachment":
                        self.summary.add("other items", "skipped", f"type {value.post_type}")
                    if self.writer.failure:
                        break
                progress.update(path.stat().st_size, self.summary.posts, force=True)
        finally:
            progress.done()
            self.writer.close()
        for item, outcome, error in self.writer.refused:
            self.summary.counts["stories", outcome] -= 1
            self.summary.add("stories", "skipped", "the database refused it")
            self.summary.note(item, f"not imported, the database refused it: {error}")

    def import_post(self, item):
        try:
            status = mapping.article_status(item)
        except mapping.Skip as reason:
            self.summary.add("stories", "skipped", str(reason))
            return
        guid = item.guid or f"wordpress-post:{item.post_id}"
        if guid in self.seen_guids:
            self.summary.add("stories", "skipped", "a GUID given twice in the export")
            return
        self.seen_guids.add(guid)
        fingerprint = mapping.fingerprint(
            item.title, item.content, item.excerpt, item.status, item.post_date,
            item.post_date_gmt, item.post_modified_gmt, item.post_name, item.creator,
            item.terms, item.meta.get("_thumbnail_id"),
            item.meta.get("_yoast_wpseo_primary_category"),
        )  # fmt: skip
        existing = self.imported_posts.get(guid)
        if existing is not None:
            article_id, stored_fingerprint, untouched = existing
            if stored_fingerprint == fingerprint:
                self.summary.add("stories", "unchanged")
                return
            if not untouched:
                self.summary.add("stories", "skipped", "edited here since the last import")
                return
        article = self.map_post(item, status)
        if article is None:
            return
        if existing is None:
            self.summary.add("stories", "created", article.reason)
            if not self.dry_run:
                self.writer.create(item, guid, fingerprint, article)
        else:
            self.summary.add("stories", "updated", article.reason)
            if not self.dry_run:
                self.writer.update(item, existing[0], guid, fingerprint, article)

    def map_post(self, item, status):
        """The article's fields, tags, bylines and old addresses (a MappedArticle), or None
        (skipped)."""
        title = " ".join(unescape(mapping.plain(item.title)).split())
        body, counts, pending = self.converter.convert(item.content, item.post_id)
        self.summary.bodies.update(counts)
        if not title:
            title = mapping.plain(body) or ""
        if not title:
            self.summary.add("stories", "skipped", "no headline and no body")
            self.summary.note(item, "skipped: it has neither a headline nor a body")
            return None
        article = MappedArticle(
            title=Truncator(title).chars(200, truncate="…"),
            summary=mapping.standfirst(item.excerpt, body, 600),
            body=body,
            status=status,
            pending=pending,
        )
        Draft = Article.Status.DRAFT
        if not body and status != Draft:
            article.to_draft("empty body")
            self.summary.note(item, "its body is empty: imported as a draft")
        category = mapping.primary_category(item, self.category_depths)
        article.category_id = self.categories.get(category) if category else None
        if category is None and article.status != Draft:
            article.to_draft("no section")
            self.summary.note(item, "it has no category: imported as a draft")
        thumbnail = item.meta.get("_thumbnail_id", "").strip()
        image = self.images.by_id(int(thumbnail)) if thumbnail.isdigit() else None
        if image is None and self.converter.placed:  # the first image in the body
            image = self.converter.placed[0]
        if image is not None:
            article.main_image_id = image.pk
        elif article.status != Draft:
            article.main_image_id = None if self.dry_run else self.images.no_image()
            article.reason = article.reason or "no photo: the placeholder"
        written = mapping.parse_date(item.post_date_gmt, item.post_date)
        modified = mapping.parse_date(item.post_modified_gmt, item.post_modified) or written
        article.published_at = written if article.status == Article.Status.PUBLISHED else None
        if article.status == Article.Status.PUBLISHED and written is None:
            article.to_draft("no date")
        article.created_at = written
        article.updated_at = max(filter(None, (modified, written)), default=None)
        author = self.users.get(item.creator)
        article.authors = [author] if author else []
        article.created_by_id = article.updated_by_id = author
        article.tags = []
        for _, name in item.terms_of("post_tag"):
            key = tag_key(mapping.term_name(name, Tag))
            if key in self.tags and self.tags[key] not in article.tags:
                article.tags.append(self.tags[key])
        article.slug_text = unquote(item.post_name) or article.title
        # The words search stores, worked out here rather than by the writer, which is the
        # busier of the two threads; the text as the row will hold it (no control characters).
        article.search_parts = search.index_parts(
            *(without_control_characters(text) for text in (article.title, article.summary)),
            article.body,
            [name for _, name in article.tags],
        )
        article.addresses = self.scan_result.addresses_of.get(item.post_id) or []
        return article

    def _written(self, item, article, mapped):
        """What the writer wrote (from its thread): the address a link to the post asks
        for, and whether the body waits for a post that came later."""
        self.article_urls[item.post_id] = (article.pk, article.slug)
        if mapped.pending:
            self.pending.append(article.pk)

    def relink_pending(self):
        """Links to posts that came later in the file (or were still being written), made
        now that every post is in: a few hundred articles a query."""
        articles = Article.objects.using(self.using)
        for first in range(0, len(self.pending), 500):
            changed = []
            for pk, body in articles.filter(pk__in=self.pending[first : first + 500]).values_list(
                "pk", "body"
            ):
                counts = Counter()
                relinked = sanitize_html(self.converter.relink(body, counts))
                self.summary.bodies.update(counts)
                if relinked != body:
                    changed.append(Article(pk=pk, body=relinked))
            # The links' addresses are not searched: the search columns stay as they are.
            articles.bulk_update(changed, ["body"])
        self.pending = []
