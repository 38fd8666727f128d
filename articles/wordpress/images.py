"""The export's photos made into the library's images, and found again for the bodies.

An attachment whose file is an image becomes an Image through the admin's upload checks
(media.py says where its file comes from). One whose file cannot be had (or is refused)
becomes a placeholder marked as missing, with the export's alt text, caption and credit,
so that an editor uploads the file once for every article showing it. An attachment
imported before is found by its GUID (ImportedItem) and left alone unless the export
changed it or its missing file can now be looked for.
"""

from collections import defaultdict
from dataclasses import dataclass
from html import unescape
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import Truncator

from ..models import Image
from . import mapping, media
from .models import ImportedItem

# The one image every article without any image of its own shows (ImportedItem's GUID).
NO_IMAGE_GUID = "khabarayn:wordpress:no-photo"


@dataclass
class ImportedImage:
    """An imported image as a body shows it."""

    pk: int | None
    src: str
    alt: str


class ImageImporter:
    """One import's images: made by import_images(), then found by the body converter
    (bodies.BodyConverter asks by_id(), by_path() and of_post()) and by the posts."""

    def __init__(self, *, users, summary, media_dir, fetch_media, default_credit, dry_run, using):
        self.users, self.summary = users, summary  # users: {WordPress login: user pk}
        self.media_dir, self.fetch_media = media_dir, fetch_media
        self.default_credit = default_credit
        self.dry_run, self.using = dry_run, using
        self.by_attachment_id, self.by_upload_path = {}, {}
        self.by_post_id = defaultdict(list)  # the images attached to each post
        self._no_image = None

    def import_images(self, attachments):
        """Each attachment that is an image, imported (or found unchanged)."""
        imported = {
            row.guid: row
            for row in ImportedItem.objects.using(self.using)
            .filter(kind=ImportedItem.Kind.ATTACHMENT)
            .select_related("image")
        }
        for attachment in attachments:
            path = media.upload_path(
                attachment.meta.get("_wp_attached_file", ""),
                attachment.attachment_url or attachment.guid,
            )
            if not media.is_image(path):
                self.summary.add("photos", "skipped", "not a photo")
                continue
            image = self.import_image(attachment, path, imported)
            if image is None:
                continue
            self.by_attachment_id[attachment.post_id] = image
            self.by_upload_path[path] = image
            if attachment.post_parent:
                self.by_post_id[attachment.post_parent].append(image)

    def _image_text(self, attachment):
        caption = mapping.plain(unescape(attachment.excerpt))
        alt = mapping.plain(attachment.meta.get("_wp_attachment_image_alt", "")) or caption
        credit = mapping.plain(unescape(attachment.content), 150) or self.default_credit
        return Truncator(alt).chars(250, truncate="…"), caption, credit[:150]

    def import_image(self, attachment, path, imported):
        guid = attachment.guid or f"wordpress-attachment:{attachment.post_id}"
        alt, caption, credit = self._image_text(attachment)
        fingerprint = mapping.fingerprint(path, alt, caption, credit)
        row = imported.get(guid)
        unchanged = row is not None and row.fingerprint == fingerprint
        # A photo imported without its file is looked for again when a source is given.
        if unchanged and not (row.image.file_missing and (self.media_dir or self.fetch_media)):
            self.summary.add("photos", "unchanged")
            if row.image.file_missing:
                self.summary.missing_images.append((attachment.post_id, path, "still missing"))
            return self._imported_image(row.image)
        data, reason = self._image_file(attachment, path)
        if unchanged and data is None:
            self.summary.add("photos", "unchanged", "file still missing")
            self.summary.missing_images.append((attachment.post_id, path, reason))
            return self._imported_image(row.image)
        self.summary.add("photos", "created" if row is None else "updated")
        if self.dry_run:
            if data is None:
                self.summary.missing_images.append((attachment.post_id, path, reason))
            return ImportedImage(None, f"/dry-run/{attachment.post_id}", alt)
        image = row.image if row is not None else Image()
        image.alt_text, image.caption, image.credit = alt, caption, credit
        image.uploaded_by_id = self.users.get(attachment.creator)
        with transaction.atomic(using=self.using):
            if data is not None:
                try:
                    with transaction.atomic(using=self.using):
                        image.file = ContentFile(data, name=PurePosixPath(path).name)
                        image.save(using=self.using)
                except ValidationError as error:
                    data, reason = None, f"refused: {' '.join(error.messages)}"
            if data is None:
                if row is None or not image.file_missing:
                    image.file = ContentFile(media.placeholder_bytes(), name="missing.jpg")
                image.save(using=self.using)
                Image.objects.using(self.using).filter(pk=image.pk).update(file_missing=True)
                image.file_missing = True
                self.summary.missing_images.append((attachment.post_id, path, reason))
            ImportedItem.objects.using(self.using).update_or_create(
                kind=ImportedItem.Kind.ATTACHMENT,
                guid=guid,
                defaults={
                    "wordpress_id": attachment.post_id,
                    "image": image,
                    "fingerprint": fingerprint,
                },
            )
        return self._imported_image(image)

    def _image_file(self, attachment, path):
        """(bytes, None) or (None, why the file is missing)."""
        reasons = []
        if self.media_dir:
            try:
                return media.read_from_folder(self.media_dir, path), None
            except media.MediaError as error:
                reasons.append(str(error))
        if self.fetch_media:
            try:
                return media.fetch(attachment.attachment_url or attachment.guid), None
            except media.MediaError as error:
                reasons.append(str(error))
        return None, "; ".join(reasons) or "no --media-dir or --fetch-media given"

    @staticmethod
    def _imported_image(image):
        return ImportedImage(image.pk, image.body_rendition.url, image.alt_text)

    def no_image(self):
        """The image a published article without one of its own shows: made once."""
        if self._no_image is None:
            row = (
                ImportedItem.objects.using(self.using)
                .filter(kind=ImportedItem.Kind.ATTACHMENT, guid=NO_IMAGE_GUID)
                .first()
            )
            if row is None:
                with transaction.atomic(using=self.using):
                    image = Image(file=ContentFile(media.placeholder_bytes(), name="no-photo.jpg"))
                    image.save(using=self.using)
                    Image.objects.using(self.using).filter(pk=image.pk).update(file_missing=True)
                    row = ImportedItem.objects.using(self.using).create(
                        kind=ImportedItem.Kind.ATTACHMENT,
                        guid=NO_IMAGE_GUID,
                        wordpress_id=0,
                        image=image,
                        fingerprint="",
                    )
            self._no_image = row.image_id
        return self._no_image

    # What the body converter asks ----------------------------------------------------

    def by_id(self, attachment_id):
        return self.by_attachment_id.get(attachment_id)

    def by_path(self, path):
        return self.by_upload_path.get(media.upload_path("", path))

    def of_post(self, post_id):
        return self.by_post_id.get(post_id, [])
