"""Tags: one tag for every spelling of a name ("أوروبا", "اوروبا"), typed as Arabic
newsrooms type them, names separated by "،" or ","."""

import re

import reversion
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.managers import _TaggableManager
from taggit.models import TagBase, TaggedItemBase

from lib.page_cache.keys import NOT_FOUND, retire_after_commit
from lib.page_cache.models import ShownToReaders
from lib.text import join_names, normalize_arabic, slug_base

from .related.block import candidate_keys

_SEPARATORS = re.compile(r"[,،؛;]")


def tag_key(name):
    """The form two spellings of one tag share: "أوروبا" and "اوروبا" give the same key."""
    return normalize_arabic(name).casefold()


def parse_tags(tagstring):
    """Split on the Arabic and Latin commas; drop empties and repeated spellings."""
    names, seen = [], set()
    for part in _SEPARATORS.split(tagstring or ""):
        name = " ".join(part.strip().strip("\"'").split())
        key = tag_key(name)
        if key and key not in seen:
            seen.add(key)
            names.append(name[:100])
    return names


def join_tags(tags):
    return join_names(tag.name for tag in tags)


class Tag(ShownToReaders, TagBase):
    """A taggit tag whose spelling variants ("أوروبا", "اوروبا") are one tag."""

    name = models.CharField(_("name"), unique=True, max_length=100)
    slug = models.SlugField(_("slug"), unique=True, max_length=100, allow_unicode=True)
    key = models.CharField(max_length=100, unique=True, editable=False)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def save(self, *args, **kwargs):
        self.key = tag_key(self.name)
        renamed = (
            not self._state.adding and not Tag.objects.filter(pk=self.pk, name=self.name).exists()
        )
        super().save(*args, **kwargs)
        if renamed:  # stories are searched by their tags' names
            from .models import Article  # articles.models imports this module

            Article.objects.filter(tagged_items__tag=self).update_search_index()

    def page_keys(self):
        """Its page (`tag:<id>`), the stories showing its name, the sitemap of tags and the
        404 at an old address that may now be its."""
        return [f"tag:{self.pk}", f"tag-name:{self.pk}", "sitemaps", NOT_FOUND]

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.slug})

    def slugify(self, tag, i=None):
        slug = slug_base(Tag, tag, fallback="tag")
        return f"{slug}-{i}" if i is not None else slug

    @classmethod
    def free_slug(cls, name, taken, wanted=""):
        """The slug a tag of `name` takes among the slugs `taken` (a set: it is added to),
        for the bulk writers: `wanted` or taggit's, else taggit's with a number, as
        taggit's own save would choose."""
        slug = wanted or cls().slugify(name)
        number = 1
        while slug in taken:
            slug = cls().slugify(name, number)
            number += 1
        taken.add(slug)
        return slug


@reversion.register()
class TaggedArticle(TaggedItemBase):
    content_object = models.ForeignKey(
        "Article", on_delete=models.CASCADE, related_name="tagged_items"
    )
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_articles")

    class Meta:
        unique_together = [("content_object", "tag")]


class SpellingTolerantTagManager(_TaggableManager):
    """Resolves each tag name to the existing tag spelled the same way, or makes it."""

    def _canonical(self, tags):
        resolved = []
        for tag in tags:
            if isinstance(tag, str):
                name = " ".join(tag.split())
                if not tag_key(name):
                    continue
                tag, _ = Tag.objects.get_or_create(key=tag_key(name), defaults={"name": name})
            resolved.append(tag)
        return resolved

    def add(self, *tags, **kwargs):
        tags = self._canonical(tags)
        before = self._tag_ids()
        super().add(*tags, **kwargs)
        self._tags_changed(before)

    def set(self, tags, **kwargs):
        tags = self._canonical(tags)
        before = self._tag_ids()
        super().set(tags, **kwargs)
        self._tags_changed(before)

    def remove(self, *tags):
        before = self._tag_ids()
        super().remove(*tags)
        self._tags_changed(before)

    def clear(self):
        before = self._tag_ids()
        super().clear()
        self._tags_changed(before)

    def _tag_ids(self):
        return set(
            self.through.objects.filter(content_object=self.instance).values_list(
                "tag_id", flat=True
            )
        )

    def _tags_changed(self, before):
        """A story's tags changed: it is searched by their names; a live story's page,
        and the pages of the tags it joined or left, are retired."""
        changed = before ^ self._tag_ids()
        story = self.instance
        if changed:
            type(story).objects.filter(pk=story.pk).update_search_index()
        if changed and story.is_published():
            retire_after_commit(
                [
                    f"story:{story.pk}",
                    "sitemaps",
                    *(f"tag:{pk}" for pk in changed),
                    *candidate_keys(story, changed),
                ]
            )
