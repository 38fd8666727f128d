"""What each thing of a WordPress export becomes here: the rules, as plain functions.

- a post's status: `publish` → published, `future` → scheduled (published at its date),
  `draft` → draft, `pending` → in review; `private`, `trash`, `auto-draft`, a revision
  and a password-protected post are skipped (readers could not see them);
- its times: WordPress's GMT dates (the local ones, read in our time zone, when a draft
  has none);
- its standfirst: the excerpt, else the opening words of the body;
- its section: Yoast's primary category if set, else the deepest of its categories;
- its old addresses: its link, its `post_name` permalink and its `?p=ID` short link; a
  section's `/category/…/` and a tag's `/tag/…/` archive;
- an author's user name: the login, with what Django does not allow in one replaced.
"""

import hashlib
import json
import re
from datetime import UTC, datetime
from html import unescape
from urllib.parse import unquote, urlsplit

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator

from .bodies import old_address

# Raised whenever the mapping changes, so that a later import updates what an earlier
# one made (each item's fingerprint includes it).
MAPPING_VERSION = "1"
STANDFIRST_WORDS = 40


def term_name(name, model):
    """A category's or tag's name as stored here: entities decoded, spaces tidied, cut to
    the length of `model`'s name field."""
    return " ".join(unescape(name).split())[: model._meta.get_field("name").max_length]


SKIPPED_STATUSES = {
    "private": "private",
    "trash": "in the trash",
    "auto-draft": "an automatic draft",
    "inherit": "a revision",
}
_USERNAME_UNSAFE = re.compile(r"[^\w.@+-]")
_ZERO_DATE = "0000-00-00 00:00:00"


class Skip(Exception):  # noqa: N818 (a reason, not an error)
    """The item is not imported; the message is the reason the summary gives."""


def article_status(item):
    """The status of a post's article, or raises Skip."""
    from ..models import Article  # articles.models imports this package's models

    if item.status in SKIPPED_STATUSES:
        raise Skip(SKIPPED_STATUSES[item.status])
    if item.post_password:
        raise Skip("password-protected")
    if item.status in ("publish", "future"):
        return Article.Status.PUBLISHED
    if item.status == "pending":
        return Article.Status.REVIEW
    if item.status == "draft":
        return Article.Status.DRAFT
    raise Skip(f"status {item.status or 'missing'}")


def parse_date(gmt, local=""):
    """A WordPress date: its GMT form, else the local one in our time zone, else None."""
    for value, zone in ((gmt, UTC), (local, timezone.get_current_timezone())):
        if not value or value.startswith(_ZERO_DATE[:4]):
            continue
        try:
            moment = datetime.fromisoformat(value.strip())  # "2024-05-14 09:30:00"
        except ValueError:
            continue
        return moment.replace(tzinfo=zone)
    return None


def plain(html, limit=None):
    """Text of some HTML, whitespace collapsed, cut at `limit` characters."""
    text = " ".join(strip_tags(html or "").split())
    return text[:limit] if limit else text


def standfirst(excerpt, body, limit):
    """The excerpt, else the body's opening words (STANDFIRST_WORDS of them)."""
    text = plain(excerpt)
    if not text:
        text = Truncator(plain(_opening(body))).words(STANDFIRST_WORDS, truncate="…")
    return Truncator(text).chars(limit, truncate="…")


def _opening(html, length=STANDFIRST_WORDS * 50):
    """The start of a body, ending after a tag: enough for its first words, and a long
    body's text is never all read."""
    if len(html) <= length:
        return html
    head = html[:length]
    return head[: head.rfind(">") + 1] or head


def username(login, max_length=150):
    return _USERNAME_UNSAFE.sub("_", login.strip())[:max_length]


def primary_category(item, categories):
    """The WordPress category a post's article goes in: Yoast's primary one if the post
    has it, else the deepest (a sub-section over its parent), else the first. `categories`
    maps a category slug to (term id, depth); the result is a slug or None."""
    slugs = [slug for slug, _ in item.terms_of("category") if slug in categories]
    if not slugs:
        return None
    primary = item.meta.get("_yoast_wpseo_primary_category", "").strip()
    for slug in slugs:
        if primary and str(categories[slug][0]) == primary:
            return slug
    return max(slugs, key=lambda slug: categories[slug][1])


def post_addresses(item, base_path):
    """(path, query) of every old address of a post: its link, its post_name permalink,
    its ?p=ID short link (and its GUID when that is one of them)."""
    found = []
    if item.link:
        found.append(old_address(item.link))
    if item.post_name:
        found.append((f"{base_path}/{unquote(item.post_name)}/", ""))
    if item.post_id:
        found.append((f"{base_path}/", f"p={item.post_id}"))
    guid = old_address(item.guid) if item.guid.startswith(("http:", "https:")) else None
    if guid and guid[1]:
        found.append(guid)
    return list(dict.fromkeys(found))


def base_path(site):
    """The old blog's path on its host ("" at the root, "/news" under a folder)."""
    return urlsplit(site.base_blog_url or site.link or "").path.rstrip("/")


def site_hosts(site):
    return {urlsplit(url).hostname for url in (site.base_site_url, site.base_blog_url, site.link)}


def category_addresses(slug_chain, base):
    """A category's archive: /category/parent/child/ and /category/child/ (WordPress
    answers both)."""
    chain = [unquote(slug) for slug in slug_chain]
    full, short = f"{base}/category/{'/'.join(chain)}/", f"{base}/category/{chain[-1]}/"
    return list(dict.fromkeys([full, short]))


def tag_address(slug, base):
    return f"{base}/tag/{unquote(slug)}/"


def fingerprint(*values):
    """A hash of what the export said of an item, and of this mapping's version."""
    data = json.dumps([MAPPING_VERSION, *values], ensure_ascii=False, default=str)
    return hashlib.sha256(data.encode()).hexdigest()
