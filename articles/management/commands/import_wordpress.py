from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.models import Image
from articles.wordpress.importer import Importer
from articles.wordpress.reader import ExportError


class Unended:
    """A command's output stream that adds no line ending to what is written."""

    def __init__(self, out):
        self.out = out

    def write(self, text):
        self.out.write(text, ending="")

    def flush(self):
        self.out.flush()


class Command(BaseCommand):
    help = (
        "Import a WordPress site from its export (Tools → Export, a WXR file): authors, "
        "categories as sections, tags, photos and posts as stories, and every old address "
        "as a permanent redirect. Running it again changes only what the export changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="The WXR file WordPress exported.")
        parser.add_argument(
            "--media-dir",
            help="A copy of the old site's wp-content/uploads, where the photos' files are.",
        )
        parser.add_argument(
            "--fetch-media",
            action="store_true",
            help="Fetch photo files missing from --media-dir from the old site over HTTP.",
        )
        parser.add_argument(
            "--default-credit",
            default="",
            help="The credit of photos whose description gives none (e.g. the site's name).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be imported; write nothing."
        )

    def handle(self, *args, export, media_dir, fetch_media, default_credit, dry_run, **options):
        path = Path(export)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        if media_dir and not Path(media_dir).is_dir():
            raise CommandError(f"No such folder: {media_dir}")
        importer = Importer(
            media_dir=media_dir,
            fetch_media=fetch_media,
            default_credit=default_credit,
            dry_run=dry_run,
            # The progress line rewrites itself: written as it is, with no line ending.
            progress=Unended(self.stderr) if options.get("verbosity", 1) > 1 else None,
        )
        try:
            summary = importer.run(path)
        except ExportError as error:
            raise CommandError(f"{path}: {error}") from error
        self.report(summary)

    def report(self, summary):
        title = "Dry run: nothing was written." if summary.dry_run else "Imported."
        self.stdout.write(self.style.SUCCESS(f"{title} {summary.seconds:.1f} s"))
        self.stdout.write(summary.table())
        if summary.bodies:
            converted = ", ".join(f"{what} {n}" for what, n in sorted(summary.bodies.items()))
            self.stdout.write(f"Bodies: {converted}.")
        if summary.control_characters:
            self.stdout.write(
                f"Control characters removed from the export: {summary.control_characters}."
            )
        for note in summary.notes:
            self.stdout.write(self.style.WARNING(note))
        if summary.missing_images:
            mark = Image._meta.get_field("file_missing").verbose_name  # as the library says it
            self.stdout.write(
                self.style.WARNING(
                    f"{len(summary.missing_images)} photos without their file: each shows a "
                    f"placeholder, marked «{mark}» in the photo library, until an editor "
                    "uploads it."
                )
            )
            for attachment_id, file, reason in summary.missing_images:
                self.stdout.write(f"  attachment {attachment_id}: {file} ({reason})")
