"""The export's terms, categories and tags, made ours, or found again: a category by
its slug or name, a tag by its spelling (tag_key()). Each keeps its WordPress archive's
old addresses (/category/…/, /tag/…/), which redirect to its new page.
"""

from urllib.parse import unquote

from categories.models import Category
from lib.text import slug_base

from ..models import Tag
from . import mapping
from .models import LegacyAddress
from .writer import add_addresses


class TermImporter:
    """One import's categories and tags; after import_categories(), `category_depths`
    is {WordPress category slug: (term id, depth)}, what mapping.primary_category() asks."""

    def __init__(self, *, site_base, summary, dry_run, using):
        self.site_base, self.summary = site_base, summary
        self.dry_run, self.using = dry_run, using
        self.category_depths = {}

    def import_categories(self, categories):
        """{WordPress category slug: category pk}, parents before children; each
        category's archive addresses recorded. Sets self.category_depths."""
        categories = {category.slug: category for category in categories if category.slug}
        depth = {}

        def depth_of(slug, seen=()):
            if slug not in depth:
                parent = categories[slug].parent_slug
                known = parent in categories and parent not in seen
                depth[slug] = depth_of(parent, (*seen, slug)) + 1 if known else 0
            return depth[slug]

        for slug in categories:
            depth_of(slug)
        self.category_depths = {
            slug: (categories[slug].term_id, depth[slug]) for slug in categories
        }
        stored = Category.objects.using(self.using)
        by_slug = dict(stored.values_list("slug", "pk"))
        by_name = dict(stored.values_list("name", "pk"))
        found, addresses = {}, []
        for slug in sorted(categories, key=depth.get):
            category = categories[slug]
            our_slug = Category.slug_base(unquote(slug))
            name = mapping.term_name(category.name, Category) or our_slug
            pk = by_slug.get(our_slug) or by_name.get(name)
            if pk is not None:
                self.summary.add("sections", "unchanged")
            else:
                self.summary.add("sections", "created")
                parent = found.get(category.parent_slug)
                if name in by_name:  # two categories of one name, under different parents
                    name = mapping.term_name(
                        f"{name} ({categories[category.parent_slug].name})", Category
                    )
                if not self.dry_run:
                    made = Category(
                        name=name,
                        slug=our_slug if our_slug not in by_slug else "",
                        parent_id=parent,
                        description=mapping.plain(category.description),
                    )
                    made.save(using=self.using)
                    pk = made.pk
                    by_slug[made.slug] = by_name[name] = pk
            found[slug] = pk
            chain, parent_slug = [slug], category.parent_slug
            while parent_slug in categories and parent_slug not in chain:
                chain.insert(0, parent_slug)
                parent_slug = categories[parent_slug].parent_slug
            for path in mapping.category_addresses(chain, self.site_base):
                addresses.append(LegacyAddress(path=path, category_id=pk))
        self._add_addresses(addresses)
        return found

    def import_tags(self, tags, tag_slugs):
        """{tag key: (pk, name as stored)}: one tag for every spelling (tag_key()). `tags`
        is {key: (WordPress slug, name)}, `tag_slugs` {key: every WordPress slug}."""
        stored = Tag.objects.using(self.using)
        known = {key: (pk, name) for key, pk, name in stored.values_list("key", "pk", "name")}
        slugs = set(stored.values_list("slug", flat=True))
        new = []
        for key, (wordpress_slug, name) in tags.items():
            if key in known:
                self.summary.add("tags", "unchanged")
                continue
            self.summary.add("tags", "created")
            # The old slug where it is free: the tag's address then stays what it was.
            slug = Tag.free_slug(name, slugs, slug_base(Tag, unquote(wordpress_slug), fallback=""))
            new.append(Tag(name=name, slug=slug, key=key))
            known[key] = (None, name)
        if not self.dry_run and new:
            stored.bulk_create(new)
            for tag in stored.filter(key__in=[tag.key for tag in new]):
                known[tag.key] = (tag.pk, tag.name)
        if not self.dry_run:
            our_slugs = dict(stored.filter(key__in=tags).values_list("key", "slug"))
            addresses = []
            for key, wordpress_slugs in tag_slugs.items():
                for wordpress_slug in sorted(wordpress_slugs):
                    path = mapping.tag_address(wordpress_slug, self.site_base)
                    if key in our_slugs and path != f"/tag/{our_slugs[key]}/":
                        addresses.append(LegacyAddress(path=path, tag_id=known[key][0]))
            self._add_addresses(addresses)
        return known

    def _add_addresses(self, addresses):
        if not self.dry_run:
            add_addresses(addresses, self.using)
