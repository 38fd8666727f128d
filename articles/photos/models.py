"""The Image model: a photo's file, its description and credit, and its renditions."""

import logging
import posixpath
import uuid
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, router, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lib.page_cache.models import ShownToReaders, ShownToReadersQuerySet

from .renditions import (
    BODY_WIDTH,
    THUMBNAIL_WIDTH,
    delete_image_files,
    jpeg_rendition,
    make_renditions,
    open_graph_bytes,
    open_graph_rendition,
    picture,
    planned_renditions,
    renditions_are_current,
)
from .uploads import PreparedImage, prepare_image

logger = logging.getLogger(__name__)

# How long an upload may wait for a story before delete_abandoned_photos takes it away.
ABANDONED_AFTER = timedelta(days=1)


def image_upload_to(instance, filename):
    """Date folders and a random name: readers never see the uploader's file name."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return timezone.now().strftime(f"photos/%Y/%m/{uuid.uuid4().hex}.{extension}")


class ImageQuerySet(ShownToReadersQuerySet):
    def delete(self):
        """Delete the rows, then, once that is committed, their files and renditions."""
        names = [name for name in self.values_list("file", flat=True) if name]
        deleted = super().delete()
        transaction.on_commit(partial(_delete_files, names))
        return deleted

    def complete(self):
        """Photos ready for a story: described and credited."""
        return self.filter(complete_images())

    def incomplete(self):
        """Uploaded in a batch and still waiting for their alt text or credit."""
        return self.exclude(complete_images())

    def abandoned(self, uploaded_before):
        """Photos uploaded before `uploaded_before` that no story shows, as its main photo,
        inside its text or in a live update: uploads nobody went on to use
        (delete_abandoned_photos)."""
        candidates = self.filter(
            uploaded_at__lt=uploaded_before, articles__isnull=True, live_updates__isnull=True
        )
        unused = [
            image.pk
            for image in candidates.only("pk", "file")
            if not Image.objects.filter(pk=image.pk).articles_using().exists()
        ]
        return self.filter(pk__in=unused)

    def articles_using(self):
        """Stories showing any of these photos: as their main photo or inside their text."""
        from articles.models import Article  # which imports this module

        in_body = Q()
        for name in self.values_list("file", flat=True):
            # Both the original's and the renditions' addresses contain this part.
            in_body |= Q(body__contains=posixpath.splitext(name)[0])
        return Article.objects.filter(Q(main_image__in=self) | in_body).distinct()


def complete_images():
    """The photos a story may show: an uploaded photo is offered only once it has its
    alt text and credit (the story form's `limit_choices_to`, which the picker and the
    form's validation both apply)."""
    return ~Q(alt_text="") & ~Q(credit="")


def _delete_files(names):
    for name in names:
        delete_image_files(name)


class Image(ShownToReaders):
    file = models.ImageField(
        _("file"),
        upload_to=image_upload_to,
        width_field="width",
        height_field="height",
        help_text=_(
            "A JPEG, PNG or WebP photo of at most 20 MB. Where and with what it was taken "
            "is removed from the file."
        ),
    )
    # Blank only in the database: a photo from a batch upload waits there for them, and
    # is incomplete until it has both (every form requires them).
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_("What the photo shows, for readers who cannot see it."),
    )
    caption = models.TextField(_("caption"), blank=True)
    credit = models.CharField(
        _("credit"),
        max_length=150,
        blank=True,
        help_text=_("Photographer/agency, e.g. a name/Reuters."),
    )
    # Where the photo's subject is, from 0 to 1 across and down: every crop (cards, link
    # previews) keeps it as far as the photo allows. Chosen with a click on the photo
    # in its admin page; the middle until then.
    focal_x = models.FloatField(
        _("focal point (across)"),
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    focal_y = models.FloatField(
        _("focal point (down)"),
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    width = models.PositiveIntegerField(_("width"), editable=False, null=True)
    height = models.PositiveIntegerField(_("height"), editable=False, null=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    # What pages need of the renditions (renditions.make_renditions()), stored when they
    # are made, so that a page has it with the row. Null on rows saved before it was
    # stored: the first page to show one stores it (current_renditions).
    renditions = models.JSONField(_("renditions"), null=True, editable=False)
    # An imported photo whose file could not be found (manage.py import_wordpress): it
    # shows a placeholder until an editor uploads the real file, which clears the mark.
    file_missing = models.BooleanField(
        _("missing photo"),
        default=False,
        editable=False,
        help_text=_("Imported without its file: a placeholder is shown until one is uploaded."),
    )

    objects = ImageQuerySet.as_manager()

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.alt_text or gettext("A photo without its description yet")

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            if not isinstance(self.file.file, PreparedImage):
                # A file assigned outside a form (the shell, a script) is checked and stripped
                # here: no stored photo keeps its EXIF or GPS. (FieldFile.save() stores a
                # file before the model sees it, and so skips this.)
                self.file = prepare_image(self.file.file)
            self.file_missing = False  # a real file at last, whoever stores it
            # Stored now rather than by super().save(): the renditions are made from it,
            # and written with the rest of the row.
            self.file.save(self.file.name, self.file.file, save=False)
        previous_name = None if self._state.adding else self._stored_file_name()
        if self.file and (self.file.name != previous_name or not self.has_current_renditions()):
            # Made now, so that no reader waits for one.
            self.renditions = make_renditions(
                self.file, *self._size(), focal_point=self.focal_point
            )
            for worked_out in ("current_renditions", "main_picture", "card_picture"):
                self.__dict__.pop(worked_out, None)
        super().save(*args, **kwargs)
        if previous_name and previous_name != self.file.name:
            transaction.on_commit(partial(_delete_files, [previous_name]))

    def delete(self, *args, **kwargs):
        name = self.file.name
        deleted = super().delete(*args, **kwargs)
        # After the commit: a delete rolled back keeps its files.
        transaction.on_commit(partial(_delete_files, [name] if name else []))
        return deleted

    def page_keys(self):
        """The pages showing this photo: as a card's or a story's photo (`photo:<id>`), and
        the live stories that placed it inside their text."""
        in_text = (
            Image.objects.filter(pk=self.pk)
            .articles_using()
            .published()
            .exclude(main_image=self)
            .values_list("pk", flat=True)
        )
        return [f"photo:{self.pk}", *(f"story:{pk}" for pk in in_text)]

    def _stored_file_name(self):
        return Image.objects.filter(pk=self.pk).values_list("file", flat=True).first()

    @cached_property
    def is_shown_by_published_articles(self):
        """Is the photo on readers' pages, or due there (a scheduled story shows it)?"""
        articles = Image.objects.filter(pk=self.pk).articles_using()
        return articles.filter(status=articles.model.Status.PUBLISHED).exists()

    def _size(self):
        if self.width and self.height:
            return self.width, self.height
        return self.file.width, self.file.height  # A row saved before sizes were stored.

    @property
    def focal_point(self):
        return (self.focal_x, self.focal_y)

    def has_current_renditions(self):
        return renditions_are_current(self.renditions, self.focal_point)

    def store_renditions(self, *, look_in_storage=False):
        """Make the renditions that are missing, and store what pages need of them.

        An update of the row rather than a save: readers see the same photo, so no page is
        retired. It writes only while the row still has this file: another may have been
        saved since this copy was loaded.
        """
        self.renditions = make_renditions(
            self.file, *self._size(), focal_point=self.focal_point, look_in_storage=look_in_storage
        )
        # The database a save would write to: the primary when readers read a replica.
        using = router.db_for_write(Image, instance=self)
        Image.objects.using(using).filter(
            pk=self.pk, file=self.file.name, focal_x=self.focal_x, focal_y=self.focal_y
        ).update(renditions=self.renditions)
        return self.renditions

    @cached_property
    def current_renditions(self):
        """What pages need of the renditions: the row's, stored first if it has none yet
        (saved before they were stored) or has them for other specs or another storage."""
        if self.has_current_renditions():
            return self.renditions
        try:
            return self.store_renditions()
        except OSError:
            # The original is missing (a restore without the media folder): the page shows
            # the photo broken, and the next page to show it tries again.
            logger.exception("The renditions of %s could not be made", self.file.name)
            return planned_renditions(self.file, *self._size(), self.focal_point)

    @cached_property
    def main_picture(self):
        """The whole photo at every width, WebP and JPEG, for the story page."""
        return picture(self.current_renditions)

    @cached_property
    def card_picture(self):
        """The photo's 16:9 crop at its focal point, at every width, WebP and JPEG, for cards."""
        return picture(self.current_renditions, crop=True)

    @property
    def og_rendition(self):
        """A 1200×630 JPEG crop at the focal point (smaller only if the original is) for
        link previews."""
        return open_graph_rendition(self.current_renditions)

    @property
    def og_file_size(self):
        """Bytes of the link-preview JPEG, which feeds declare in their enclosures."""
        return open_graph_bytes(self.current_renditions)

    @property
    def thumbnail(self):
        """The whole photo's narrowest JPEG, for the newsroom's pickers and lists."""
        return jpeg_rendition(self.current_renditions, THUMBNAIL_WIDTH)

    @property
    def body_rendition(self):
        """The JPEG a story's text shows when the photo is placed inside it."""
        return jpeg_rendition(self.current_renditions, BODY_WIDTH)
