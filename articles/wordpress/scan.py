"""The first reading of an export, which writes nothing: it checks the whole file (a
wrong or broken file stops the import here, before any write) and gathers what the posts
refer to, which in a WXR file may come after them (attachments, the posts a link points
at), and the old addresses of every post.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..tagging import Tag, tag_key
from . import mapping
from .reader import Author, ExportCategory, ExportTag, Site


@dataclass
class Scan:
    """What the first reading found."""

    site: object = None
    authors: dict = field(default_factory=dict)  # login -> Author
    categories: list = field(default_factory=list)
    tags: dict = field(default_factory=dict)  # key -> (wordpress slug, name)
    tag_slugs: dict = field(default_factory=lambda: defaultdict(set))  # key -> every slug
    attachments: dict = field(default_factory=dict)  # post id -> Item
    post_addresses: dict = field(default_factory=dict)  # (path, query) -> post id
    addresses_of: dict = field(default_factory=dict)  # post id -> [(path, query)]
    creators: set = field(default_factory=set)
    items: Counter = field(default_factory=Counter)

    def add_tag(self, slug, name):
        """A tag, under the key of its spelling (tag_key()): the first slug and name
        found for it, and every slug."""
        name = mapping.term_name(name, Tag)
        key = tag_key(name)
        if key:
            self.tags.setdefault(key, (slug, name))
            self.tag_slugs[key].add(slug)


def scan_export(values):
    """What the export's values (reader.read_export(), in file order) hold for the
    import: a Scan. Reading them all is what checks the file."""
    scan = Scan()
    for value in values:
        if isinstance(value, Site):
            scan.site, base = value, mapping.base_path(value)
        elif isinstance(value, Author):
            if value.login:
                scan.authors[value.login] = value
        elif isinstance(value, ExportCategory):
            scan.categories.append(value)
        elif isinstance(value, ExportTag):
            scan.add_tag(value.slug, value.name)
        else:
            scan.items[value.post_type] += 1
            if value.post_type == "attachment":
                value.content = value.content[:2000]  # the description, for the credit
                scan.attachments[value.post_id] = value
            elif value.post_type == "post":
                scan.creators.add(value.creator)
                for slug, name in value.terms_of("post_tag"):
                    scan.add_tag(slug, name)
                addresses = mapping.post_addresses(value, base)
                scan.addresses_of[value.post_id] = addresses
                for address in addresses:
                    scan.post_addresses.setdefault(address, value.post_id)
    return scan
