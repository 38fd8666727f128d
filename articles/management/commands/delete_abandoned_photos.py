from django.core.management.base import BaseCommand
from django.db.models import ProtectedError
from django.utils import timezone

from articles.models import Image
from articles.photos.models import ABANDONED_AFTER


class Command(BaseCommand):
    help = (
        "Delete the photos, with their files and renditions, that were uploaded more than a "
        "day ago and that no story shows, as its main photo or inside its text. Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List the photos without deleting them."
        )

    def handle(self, *args, dry_run, **options):
        abandoned = Image.objects.abandoned(timezone.now() - ABANDONED_AFTER)
        deleted = 0
        for image in abandoned.order_by("pk"):
            uploaded = f"{image.uploaded_at:%Y-%m-%d %H:%M}"
            self.stdout.write(f"Photo {image.pk} ({image.file.name}), uploaded {uploaded}")
            if dry_run:
                continue
            try:
                # Its files go once the row's deletion is committed (Image.delete()).
                image.delete()
            except ProtectedError:
                continue  # a story chose it in the meantime
            deleted += 1
        if dry_run:
            self.stdout.write(f"{abandoned.count()} abandoned photos; nothing was deleted.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Deleted {deleted} abandoned photos."))
