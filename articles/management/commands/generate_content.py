"""Generate a large, realistic newsroom for performance work: `generate_content --articles N`.

Stories are written from the word lists and sentence patterns in
articles/data/generator_words.txt (no Arabic lives in this module), spread over several
years, in the sections that exist (the demo sections are made when there are none), with
tags used Zipf-like, bylines, see-also and related links, and a small set of shared photos
drawn once.

Rows go in with bulk_create, a batch at a time, and Article.save() is bypassed on purpose:
for every story it would look up slugs to make its own unique (a LIKE query per row),
sanitise a body that is generated clean, claim a new version, and retire the page cache.
At a million stories that is millions of round trips. This command produces the same data
instead: unique unicode slugs made the way save() makes them, sanitised-form HTML bodies,
fresh version UUIDs, and the search columns save() writes (search.index_columns(), the
vector computed by the INSERT), and it retires the cached pages once, at the end. No
revision history is recorded: an import has none.
"""

import random
import sys
import threading
import time
from queue import Queue

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, reset_queries, transaction

from articles.demo import read_json
from articles.demo.generator import ArticleGenerator, ArticleWriter, read_word_lists
from articles.demo.painter import draw_image
from articles.models import (
    Article,
    Image,
    RelatedLink,
    Tag,
    TaggedArticle,
    keeping_given_timestamps,
)
from articles.tagging import tag_key
from categories.models import Category
from lib.page_cache.keys import retire_everything, schedule_changed

# Shared photos have fixed names here, so a second run finds and reuses them.
IMAGE_DIR = "photos/generated"
AUTHOR_PREFIX = "writer-"


class Command(BaseCommand):
    help = (
        "Generate N realistic stories (with sections, tags, bylines, links and shared "
        "photos) fast, with bulk inserts; for load and scale testing, not for production."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=int,
            required=True,
            help="How many stories; 0 only makes sure sections, photos, authors and tags exist.",
        )
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument("--tags", type=int, default=3000, help="Tags to draw from.")
        parser.add_argument("--photos", type=int, default=20, help="Shared photos.")
        parser.add_argument("--authors", type=int, default=40, help="Journalists.")
        parser.add_argument("--years", type=float, default=6, help="Time span of the stories.")
        parser.add_argument("--seed", type=int, default=None, help="Random seed.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, **options):
        count, batch_size = options["articles"], options["batch_size"]
        if count < 0 or batch_size < 1:
            raise CommandError("--articles cannot be negative, nor --batch-size below 1.")
        self.using = options["database"]
        rng = random.Random(options["seed"])
        writer = ArticleWriter(read_word_lists(), rng)

        started = time.monotonic()
        sections = self.ensure_categories()
        photos = self.ensure_images(writer, options["photos"])
        authors = self.ensure_authors(writer, options["authors"])
        tags = self.ensure_tags(writer, options["tags"])
        prepared = time.monotonic()
        if not count:
            self.stdout.write(
                f"Sections, photos, authors and tags ready ({prepared - started:.1f} s)."
            )
            return

        connection = connections[self.using]
        generator = ArticleGenerator(
            writer,
            rng,
            sections,
            photos,
            authors,
            tags,
            self.taken_slugs(),
            options["years"],
            using=self.using,
        )
        self.progress = Progress(self.stdout, count, batch_size, prepared)
        with keeping_given_timestamps():
            batches = (
                [
                    generator.article(index, count)
                    for index in range(first, min(first + batch_size, count))
                ]
                for first in range(0, count, batch_size)
            )
            if connection.vendor == "postgresql" and not connection.in_atomic_block:
                self.insert_in_background(generator, batches)
            else:
                # Inside the caller's transaction (tests) or on SQLite: one connection.
                for stories in batches:
                    self.insert_batch(generator, stories)
        inserted = time.monotonic()
        self.analyze()
        retire_everything()
        schedule_changed()
        seconds = inserted - prepared
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {count:,} stories in {seconds:.1f} s: {count / seconds:,.0f} "
                f"stories/s ({generator.links:,} links, {generator.tag_uses:,} tag uses). "
                f"Set-up {prepared - started:.1f} s, ANALYZE {time.monotonic() - inserted:.1f} s."
            )
        )

    # Set-up -------------------------------------------------------------------

    def ensure_categories(self):
        """Every section (sub-sections get fewer stories); the demo's when there are none."""
        if not Category.objects.using(self.using).exists():
            made = {}
            for entry in read_json("sections.json")["sections"]:
                section = Category(
                    name=entry["name"],
                    description=entry["description"],
                    parent=made.get(entry.get("parent")),
                    show_in_navigation=entry.get("show_in_navigation", True),
                    navigation_order=entry.get("navigation_order", 0),
                )
                section.save(using=self.using)
                made[entry["key"]] = section
        sections = list(Category.objects.using(self.using).values_list("pk", "parent_id"))
        return [(pk, 1.0 if parent is None else 0.3) for pk, parent in sections]

    def ensure_images(self, writer, count):
        """`count` photos shared by every generated story, drawn with Pillow once."""
        palettes = read_json("sections.json")["sections"]
        names = [f"{IMAGE_DIR}/photo-{index:02d}.jpg" for index in range(count)]
        existing = {
            image.file.name: image
            for image in Image.objects.using(self.using).filter(file__in=names)
        }
        ids = []
        for index, name in enumerate(names):
            image = existing.get(name)
            if not default_storage.exists(name):
                entry = palettes[index % len(palettes)]
                photo = draw_image(entry["scene"], entry["palette"], seed=10_000 + index)
                if default_storage.save(name, ContentFile(photo)) != name:
                    raise CommandError(f"Could not store {name}")
                if image is not None:
                    image.store_renditions()
            elif image is not None and not image.has_current_renditions():
                image.store_renditions()  # a photo of a run from before they were stored
            if image is None:
                image = Image(
                    file=name,
                    alt_text=writer.pick("photo_alt_texts", index),
                    caption=writer.pick("photo_captions", index),
                    credit=writer.pick("photo_credits", index),
                )
                # save() makes the renditions and stores them on the row.
                image.save(using=self.using)
            ids.append(image.pk)
        return ids

    def ensure_authors(self, writer, count):
        user_model = get_user_model()
        usernames = [f"{AUTHOR_PREFIX}{index:03d}" for index in range(count)]
        users = user_model._default_manager.db_manager(self.using)
        existing = set(users.filter(username__in=usernames).values_list("username", flat=True))
        missing = []
        for index, username in enumerate(usernames):
            if username in existing:
                continue
            user = user_model(
                username=username,
                first_name=writer.pick("first_names", index),
                last_name=writer.pick("last_names", index * 7 + 3),
                is_staff=True,
            )
            # Bylines only: these accounts cannot sign in.
            user.set_unusable_password()
            missing.append(user)
        users.bulk_create(missing)
        return list(users.filter(username__in=usernames).values_list("pk", flat=True))

    def ensure_tags(self, writer, count):
        """Up to `count` tags (topics, countries, topic + country), each made once."""
        names, keys = [], set()
        for name in writer.tag_names():
            key = tag_key(name)
            if key not in keys:
                keys.add(key)
                names.append(name)
            if len(names) == count:
                break
        tags = Tag.objects.using(self.using)
        known = dict(tags.filter(key__in=keys).values_list("key", "pk"))
        slugs = set(tags.values_list("slug", flat=True))
        missing = []
        for name in names:
            if tag_key(name) in known:
                continue
            slug = Tag.free_slug(name, slugs)
            missing.append(Tag(name=name, slug=slug, key=tag_key(name)))
        tags.bulk_create(missing)
        by_key = dict(tags.filter(key__in=keys).values_list("key", "pk"))
        return [by_key[tag_key(name)] for name in names]

    def taken_slugs(self):
        articles = Article.objects.using(self.using).values_list("slug", flat=True)
        return set(articles.iterator(chunk_size=20_000))

    # Insertion ----------------------------------------------------------------

    def insert_in_background(self, generator, batches):
        """Write each batch from a second thread while this one writes the next.

        Making stories is Python work and storing them mostly PostgreSQL's (text search
        vectors, indexes): overlapped, they use both cores.
        """
        queue, failures = Queue(maxsize=2), []

        def write():
            try:
                with connections[self.using].cursor() as cursor:
                    # Losing the last batches to a crash costs nothing here; waiting for
                    # every batch's WAL flush costs time.
                    cursor.execute("SET synchronous_commit TO OFF")
                while (stories := queue.get()) is not None:
                    if not failures:
                        self.insert_batch(generator, stories)
            except BaseException as error:  # reported by the main thread
                failures.append(error)
                while queue.get() is not None:  # let the producer finish
                    pass
            finally:
                connections[self.using].close()

        writer = threading.Thread(target=write, name="generate_content-writer")
        # The writer waits on the network often; a shorter switch interval hands it the
        # GIL back sooner each time than the default 5 ms.
        switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(0.0005)
        writer.start()
        try:
            for stories in batches:
                if failures:
                    break
                queue.put(stories)
        finally:
            queue.put(None)
            writer.join()
            sys.setswitchinterval(switch_interval)
        if failures:
            raise failures[0]

    def insert_batch(self, generator, stories):
        """One batch of stories with their tags, bylines and links, in one transaction."""
        byline_model = Article.authors.through
        with transaction.atomic(using=self.using):
            articles = Article.objects.using(self.using).bulk_create(
                [story.article for story in stories]
            )
            tagged, bylines, links = [], [], []
            for story, article in zip(stories, articles, strict=True):
                tagged += [
                    TaggedArticle(content_object_id=article.pk, tag_id=tag) for tag in story.tags
                ]
                bylines += [
                    byline_model(article_id=article.pk, user_id=user) for user in story.authors
                ]
                links += generator.links_for(story, article.pk)
            TaggedArticle.objects.using(self.using).bulk_create(tagged)
            byline_model.objects.using(self.using).bulk_create(bylines)
            RelatedLink.objects.using(self.using).bulk_create(links)
        # With DEBUG on, Django keeps the last 9,000 queries' SQL: here, megabytes each.
        reset_queries()
        self.progress.add(len(stories))

    def analyze(self):
        """Fresh planner statistics, so the new rows' indexes are used from the next query."""
        connection = connections[self.using]
        if connection.vendor != "postgresql":
            return
        tables = [
            model._meta.db_table
            for model in (Article, Article.authors.through, TaggedArticle, RelatedLink, Tag)
        ]
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE " + ", ".join(map(connection.ops.quote_name, tables)))


class Progress:
    """A line every 50,000 stories (and at the end): how many, how fast."""

    def __init__(self, stdout, total, batch_size, started):
        self.stdout, self.total, self.started = stdout, total, started
        self.every = max(batch_size, 50_000)
        self.done = 0

    def add(self, count):
        self.done += count
        if self.done % self.every < count or self.done == self.total:
            elapsed = time.monotonic() - self.started
            self.stdout.write(
                f"  {self.done:,} stories, {elapsed:.0f} s ({self.done / elapsed:,.0f}/s)"
            )
