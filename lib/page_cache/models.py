"""The base of every model whose rows readers see."""

from django.db import models

from ..text import remove_control_characters
from .keys import retire_after_commit


class ShownToReadersQuerySet(models.QuerySet):
    """A delete in bulk (the admin's delete action) retires what each row's delete would."""

    def delete(self):
        keys = [key for row in self for key in row.keys_retired_by_delete()]
        deleted = super().delete()
        retire_after_commit(keys)
        return deleted


class ShownToReaders(models.Model):
    """A model whose rows readers see. Its text reaches pages, feeds and sitemaps without
    control characters (validated and saved without them, whoever saves: a form, an import,
    the shell), and its save and its delete retire the pages showing it.

    A subclass says which keys (`page_keys()`: what a page showing the row names); it
    overrides the two `keys_retired_by_*` methods where a save or a delete retires more,
    or less, than those.
    """

    objects = ShownToReadersQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        remove_control_characters(self)
        adding = self._state.adding
        super().save(*args, **kwargs)
        retire_after_commit(self.keys_retired_by_save(adding))

    def delete(self, *args, **kwargs):
        keys = self.keys_retired_by_delete()
        deleted = super().delete(*args, **kwargs)
        retire_after_commit(keys)
        return deleted

    def clean_fields(self, exclude=None):
        # Before validation, so a headline of nothing but control characters is "required".
        remove_control_characters(self)
        super().clean_fields(exclude)

    def page_keys(self):
        raise NotImplementedError

    def keys_retired_by_save(self, adding):
        """A new row is on no page yet: only a change to one retires its pages."""
        return [] if adding else self.page_keys()

    def keys_retired_by_delete(self):
        return self.page_keys()
