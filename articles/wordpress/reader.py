"""Reading a WordPress export (WXR 1.0 to 1.2, as Tools → Export writes it), one element
at a time.

An export is untrusted input, and may be gigabytes. It is read with lxml's `iterparse`,
each author, term and item handed on as plain values once its end tag is read and then
dropped from the tree, so memory holds one item whatever the file's size. The parser
resolves no entity, loads no DTD and fetches nothing from the network, and keeps libxml2's
limits on text size and depth (no `huge_tree`). An export never has a DOCTYPE (WordPress's
own importer refuses one too): a file with one is refused before anything is read from it,
which is what stops the entity-expansion attacks ("billion laughs", "quadratic blowup")
and external entities.

WordPress writes what its users typed into CDATA sections unchanged, control characters
included, which XML 1.0 cannot carry: `ControlCharacterFilter` removes them from the bytes
before the parser sees them (a vertical tab or form feed becomes a space; in UTF-8, the
export's encoding, those bytes are never part of another character), and counts them.
"""

import re
from dataclasses import dataclass, field

from lxml import etree

WORDPRESS_NAMESPACE = "http://wordpress.org/export/"
CONTENT_NAMESPACE = "http://purl.org/rss/1.0/modules/content/"
DC_NAMESPACE = "http://purl.org/dc/elements/1.1/"
SUPPORTED_VERSIONS = ("1.0", "1.1", "1.2")
# C0 control characters other than tab, line feed and carriage return.
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f]")
_BREAK_BYTES = re.compile(rb"[\x0b\x0c]")


class ExportError(Exception):
    """The file is not a WordPress export that can be read; the message says why."""


@dataclass
class Site:
    title: str = ""
    link: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    version: str = ""


@dataclass
class Author:
    login: str
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""


@dataclass
class ExportCategory:
    term_id: int
    slug: str
    name: str
    parent_slug: str = ""
    description: str = ""


@dataclass
class ExportTag:
    term_id: int
    slug: str
    name: str


@dataclass
class Item:
    """A post, page, attachment or other item, as the export gives it."""

    post_id: int
    post_type: str
    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    post_date: str = ""
    post_date_gmt: str = ""
    post_modified: str = ""
    post_modified_gmt: str = ""
    post_name: str = ""
    status: str = ""
    post_parent: int = 0
    post_password: str = ""
    attachment_url: str = ""
    # (domain, nicename, name) of each <category> element: categories and post tags.
    terms: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)

    def terms_of(self, domain):
        return [(slug, name) for kind, slug, name in self.terms if kind == domain]


class ControlCharacterFilter:
    """A binary file's reader that drops C0 control characters and counts bytes read."""

    def __init__(self, file):
        self.file = file
        self.bytes_read = 0
        self.removed = 0

    def read(self, size=-1):
        data = self.file.read(size)
        self.bytes_read += len(data)
        # A vertical tab or form feed stood for a line break (word processors paste them):
        # a space, so that the words either side stay apart.
        data, spaced = _BREAK_BYTES.subn(b" ", data)
        cleaned, removed = _CONTROL_BYTES.subn(b"", data)
        self.removed += removed + spaced
        return cleaned


def _local(tag):
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _namespace(tag):
    return tag[1:].partition("}")[0] if isinstance(tag, str) and tag.startswith("{") else ""


def _is_wordpress(tag):
    return _namespace(tag).startswith(WORDPRESS_NAMESPACE)


def _text(element):
    return (element.text or "").strip()


def _int(text):
    try:
        return int(text)
    except (TypeError, ValueError):
        return 0


def _children(element):
    """{local name: text} of a WordPress element's children (the first of each name)."""
    values = {}
    for child in element:
        values.setdefault(_local(child.tag), child.text or "")
    return values


def _author(element):
    values = _children(element)
    return Author(
        login=values.get("author_login", "").strip(),
        email=values.get("author_email", "").strip(),
        display_name=values.get("author_display_name", "").strip(),
        first_name=values.get("author_first_name", "").strip(),
        last_name=values.get("author_last_name", "").strip(),
    )


def _category(element):
    values = _children(element)
    return ExportCategory(
        term_id=_int(values.get("term_id")),
        slug=values.get("category_nicename", "").strip(),
        name=values.get("cat_name", "").strip(),
        parent_slug=values.get("category_parent", "").strip(),
        description=values.get("category_description", "").strip(),
    )


def _tag(element):
    values = _children(element)
    return ExportTag(
        term_id=_int(values.get("term_id")),
        slug=values.get("tag_slug", "").strip(),
        name=values.get("tag_name", "").strip(),
    )


def _term(element):
    """A <wp:term> of the category or post_tag taxonomy (newer exports write some so)."""
    values = _children(element)
    taxonomy = values.get("term_taxonomy", "").strip()
    if taxonomy == "category":
        return ExportCategory(
            term_id=_int(values.get("term_id")),
            slug=values.get("term_slug", "").strip(),
            name=values.get("term_name", "").strip(),
            parent_slug=values.get("term_parent", "").strip(),
            description=values.get("term_description", "").strip(),
        )
    if taxonomy == "post_tag":
        return ExportTag(
            term_id=_int(values.get("term_id")),
            slug=values.get("term_slug", "").strip(),
            name=values.get("term_name", "").strip(),
        )
    return None


_ITEM_FIELDS = {
    "post_date", "post_date_gmt", "post_modified", "post_modified_gmt", "post_name",
    "status", "attachment_url", "post_password",
}  # fmt: skip


def _item(element):
    item = Item(post_id=0, post_type="")
    for child in element:
        tag = child.tag
        name, namespace = _local(tag), _namespace(tag)
        if namespace.startswith(WORDPRESS_NAMESPACE):
            if name == "postmeta":
                meta = _children(child)
                item.meta.setdefault(meta.get("meta_key", "").strip(), meta.get("meta_value", ""))
            elif name == "post_id":
                item.post_id = _int(_text(child))
            elif name == "post_type":
                item.post_type = _text(child)
            elif name == "post_parent":
                item.post_parent = _int(_text(child))
            elif name == "encoded":  # excerpt:encoded (http://wordpress.org/export/1.x/excerpt/)
                item.excerpt = child.text or ""
            elif name in _ITEM_FIELDS:
                setattr(item, name, _text(child))
        elif namespace == CONTENT_NAMESPACE and name == "encoded":
            item.content = child.text or ""
        elif namespace == DC_NAMESPACE and name == "creator":
            item.creator = _text(child)
        elif not namespace:
            if name == "category":
                item.terms.append(
                    (child.get("domain", ""), (child.get("nicename") or "").strip(), _text(child))
                )
            elif name in ("title", "link", "guid"):
                setattr(item, name, _text(child))
    return item


_READERS = {"author": _author, "category": _category, "tag": _tag, "term": _term}


def read_export(file):
    """Yield the export's Site, then its authors, categories, tags and items in file order.

    `file` is a binary file; wrap it in a ControlCharacterFilter first to know how much
    of it was read, and how many control characters were removed. Raises ExportError.
    """
    parser = etree.iterparse(
        file,
        events=("start", "end"),
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    site, depth, channel, site_given = Site(), 0, None, False
    try:
        for event, element in parser:
            if event == "start":
                depth += 1
                if depth == 1:
                    _check_root(element)
                elif depth == 2 and _local(element.tag) == "channel":
                    channel = element
                continue
            depth -= 1
            if depth != 2 or element.getparent() is not channel:
                continue
            name = _local(element.tag)
            if not _is_wordpress(element.tag) and name in ("title", "link"):
                setattr(site, name, _text(element))
            elif _is_wordpress(element.tag) and name == "wxr_version":
                site.version = _text(element)
            elif _is_wordpress(element.tag) and name in ("base_site_url", "base_blog_url"):
                setattr(site, name, _text(element))
            elif name == "item" or (_is_wordpress(element.tag) and name in _READERS):
                if not site_given:
                    _check_version(site)
                    site_given = True
                    yield site
                read = _item if name == "item" else _READERS[name]
                value = read(element)
                if value is not None:
                    yield value
            # What was read is dropped: memory holds one element at a time.
            element.clear()
            while element.getprevious() is not None:
                del channel[0]
    except etree.XMLSyntaxError as error:
        raise ExportError(f"The file is not well-formed XML: {error}") from error
    if channel is None:
        raise ExportError("This is not a WordPress export: it has no <channel>.")
    if not site_given:
        _check_version(site)
        yield site


def _check_root(root):
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.system_url or info.public_id:
        raise ExportError(
            "The file declares a DOCTYPE, which a WordPress export never has: entity "
            "declarations there can expand into gigabytes (an XML bomb) or read files. "
            "Nothing was imported."
        )
    if root.tag != "rss":
        raise ExportError(
            f"This is not a WordPress export: its root element is <{_local(root.tag)}>, not <rss>."
        )


def _check_version(site):
    if not site.version:
        raise ExportError(
            "This is not a WordPress export (WXR): it has no <wp:wxr_version>. Export the "
            "site again from WordPress's Tools → Export."
        )
    if site.version not in SUPPORTED_VERSIONS:
        raise ExportError(
            f"WXR version {site.version} is not supported (only {', '.join(SUPPORTED_VERSIONS)})."
        )
