from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lib.page_cache.keys import NAVIGATION
from lib.page_cache.models import ShownToReaders, ShownToReadersQuerySet
from lib.text import slug_base, unique_slug


class CategoryQuerySet(ShownToReadersQuerySet):
    def with_ancestors(self, ids):
        """`ids` and the ids of every section above them."""
        parents = dict(self.values_list("pk", "parent_id"))
        found, frontier = set(), {pk for pk in ids if pk is not None}
        while frontier:
            found |= frontier
            frontier = {parents.get(pk) for pk in frontier} - found - {None}
        return found

    def in_navigation(self):
        return self.filter(show_in_navigation=True)

    def navigation_families(self):
        """[(section, [its id and those of every section under it])] for the navigation
        sections in their order, from one query."""
        sections = list(self)  # in Meta.ordering, the navigation's
        children = {}
        for section in sections:
            children.setdefault(section.parent_id, []).append(section.pk)
        families = []
        for section in sections:
            if not section.show_in_navigation:
                continue
            ids, frontier = [section.pk], [section.pk]
            while frontier:
                frontier = [child for pk in frontier for child in children.get(pk, [])]
                ids.extend(frontier)
            families.append((section, ids))
        return families


class Category(ShownToReaders):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        blank=True,
        allow_unicode=True,
        help_text=_("Part of the section's address. Left empty, it is made from the name."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent section"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    description = models.TextField(_("description"), blank=True)
    show_in_navigation = models.BooleanField(_("show in navigation"), default=False)
    navigation_order = models.PositiveSmallIntegerField(_("navigation order"), default=0)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["navigation_order", "name"]

    def __str__(self):
        return self.name

    @classmethod
    def slug_base(cls, name):
        """The slug a name gives before any -2, -3 … (the WordPress import makes the same)."""
        return slug_base(cls, name, fallback="section")

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Category, Category.slug_base(self.name), self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:category", kwargs={"slug": self.slug})

    def page_keys(self):
        """Sections are named in every page's header and footer, and on every card."""
        return [NAVIGATION]

    def keys_retired_by_save(self, adding):
        return self.page_keys()  # a new section may join the navigation

    def clean(self):
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError({"parent": _("A section cannot sit under itself.")})
            ancestor = ancestor.parent

    def descendant_ids(self):
        """This section's id and those of every section under it."""
        ids, frontier = [self.pk], [self.pk]
        while frontier:
            frontier = list(
                Category.objects.filter(parent__in=frontier).values_list("pk", flat=True)
            )
            ids.extend(frontier)
        return ids
