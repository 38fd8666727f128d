import time

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS

from articles import search
from articles.models import Article


class Command(BaseCommand):
    help = (
        "Recompute every story's search index (search_text and, on PostgreSQL, "
        "search_vector). Saving a story keeps its own index current; run this after "
        "importing stories with bulk_create, update() or raw SQL, or after changing "
        "the stop-word list or the normalisation."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size",
            type=int,
            default=search.REBUILD_BATCH_SIZE,
            help="Stories per UPDATE statement (default: %(default)s).",
        )
        parser.add_argument(
            "--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: %(default)s)."
        )

    def handle(self, *args, batch_size, database, **options):
        if batch_size < 1:
            self.stderr.write("--batch-size must be at least 1.")
            return
        started = time.monotonic()
        count = search.rebuild_index(Article, using=database, batch_size=batch_size)
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {count} stories in {time.monotonic() - started:.2f} s "
                f"({batch_size} per batch)."
            )
        )
