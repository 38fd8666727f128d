from django.core.management.base import BaseCommand

from articles.models import Image


class Command(BaseCommand):
    help = (
        "Make every photo's missing renditions, looking in media storage for each file, and "
        "store what pages need of them on the photo's row. Saving a photo does this for it, "
        "and the first page to show a photo without them; run this after restoring media "
        "without its renditions/ folder, or to store them ahead of readers."
    )

    def handle(self, *args, **options):
        stored = failed = 0
        for image in Image.objects.order_by("pk").iterator():
            try:
                image.store_renditions(look_in_storage=True)
            except OSError as error:
                failed += 1
                self.stderr.write(f"Photo {image.pk} ({image.file.name}): {error}")
            else:
                stored += 1
        self.stdout.write(self.style.SUCCESS(f"Stored the renditions of {stored} photos."))
        if failed:
            self.stderr.write(f"{failed} photos have no original to make them from.")
