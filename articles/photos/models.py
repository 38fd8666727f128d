"""The Image model: a photo's file, its description and credit, and its renditions."""

import posixpath
import uuid
from functools import partial

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from khabarayn.page_cache import ShownToReaders, ShownToReadersQuerySet

from . import renditions
from .uploads import PreparedImage, prepare_image


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

    def articles_using(self):
        """Stories showing any of these photos: as their main photo or inside their text."""
        from articles.models import Article  # which imports this module

        in_body = Q()
        for name in self.values_list("file", flat=True):
            # Both the original's and the renditions' addresses contain this part.
            in_body |= Q(body__contains=posixpath.splitext(name)[0])
        return Article.objects.filter(Q(main_image__in=self) | in_body).distinct()


def _delete_files(names):
    for name in names:
        renditions.delete_image_files(name)


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
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        help_text=_("What the photo shows, for readers who cannot see it."),
    )
    caption = models.TextField(_("caption"), blank=True)
    credit = models.CharField(
        _("credit"), max_length=150, help_text=_("Photographer/agency, e.g. a name/Reuters.")
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

    objects = ImageQuerySet.as_manager()

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.alt_text

    def save(self, *args, **kwargs):
        uploaded = bool(self.file) and not self.file._committed
        if uploaded and not isinstance(self.file.file, PreparedImage):
            # A file assigned outside a form (the shell, a script) is checked and stripped
            # here: no stored photo keeps its EXIF or GPS. (FieldFile.save() stores a file
            # before the model sees it, and so skips this.)
            self.file = prepare_image(self.file.file)
        previous_name = None if self._state.adding else self._stored_file_name()
        super().save(*args, **kwargs)
        if self.file and self.file.name != previous_name:
            self.generate_renditions()
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

    def generate_renditions(self):
        """Make every rendition now, so that no reader waits for one."""
        return renditions.generate_renditions(self.file, *self._size())

    @cached_property
    def main_picture(self):
        """The whole photo at every width, WebP and JPEG, for the story page."""
        return renditions.picture(self.file, *self._size())

    @cached_property
    def card_picture(self):
        """The photo's centred 16:9 crop at every width, WebP and JPEG, for cards."""
        return renditions.picture(self.file, *self._size(), crop=True)

    @property
    def og_rendition(self):
        """A 1200-pixel-wide JPEG (narrower only if the original is) for link previews."""
        return renditions.open_graph_rendition(self.file, *self._size())

    @property
    def og_file_size(self):
        """Bytes of the link-preview JPEG, which feeds declare in their enclosures."""
        return renditions.open_graph_file_size(self.file, *self._size())

    @property
    def body_rendition(self):
        """The JPEG a story's text shows when the photo is placed inside it."""
        return renditions.single_rendition(self.file, *self._size(), renditions.BODY_WIDTH)
