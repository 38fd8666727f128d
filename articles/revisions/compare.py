"""A stored revision beside the story as it is now: the revision compare page and the
restore page's lists of what changes and what stays."""

import difflib
import html
import re

from django.utils import formats, timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from categories.models import Category
from lib.text import join_names

from ..body import split_blocks
from ..bylines import person_name
from ..models import Article, Image, RelatedLink, Tag, TaggedArticle
from .restore import restored_content, revision_objects

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\S+\s*")


def _body_lines(body):
    """One line of plain text per block, so a diff reads paragraph by paragraph.

    The text as a reader reads it: entities ("&lt;", "&amp;", "&nbsp;") decoded, for the
    template escapes it once on the way out.
    """
    return [
        _SPACE.sub(" ", html.unescape(strip_tags(chunk))).strip()
        for _, chunk in split_blocks(body or "")
    ]


def _word_changes(then, now):
    """A paragraph's words, each part marked kept (" "), removed ("-") or added ("+")."""
    old, new = _WORD.findall(then), _WORD.findall(now)
    parts = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for operation, old_from, old_to, new_from, new_to in matcher.get_opcodes():
        if operation == "equal":
            parts.append({"sign": " ", "text": "".join(old[old_from:old_to])})
            continue
        if old_to > old_from:
            parts.append({"sign": "-", "text": "".join(old[old_from:old_to])})
        if new_to > new_from:
            parts.append({"sign": "+", "text": "".join(new[new_from:new_to])})
    return parts


def body_changes(then, now):
    """The body's paragraphs then and now, as lines: kept (" "), removed ("-"), added
    ("+"), or changed ("~", with `parts`: the words removed and added inside it)."""
    lines = []
    matcher = difflib.SequenceMatcher(a=then, b=now, autojunk=False)
    for operation, old_from, old_to, new_from, new_to in matcher.get_opcodes():
        old, new = then[old_from:old_to], now[new_from:new_to]
        if operation == "equal":
            lines += [{"sign": " ", "text": text} for text in old]
            continue
        # A replaced run pairs its paragraphs in order; the words that differ are marked.
        paired = min(len(old), len(new)) if operation == "replace" else 0
        for before, after in zip(old[:paired], new[:paired], strict=True):
            lines.append({"sign": "~", "text": after, "parts": _word_changes(before, after)})
        lines += [{"sign": "-", "text": text} for text in old[paired:]]
        lines += [{"sign": "+", "text": text} for text in new[paired:]]
    return lines


def _link_label(link, titles):
    target = titles.get(link.target_article_id, link.url)
    return f"{link.get_kind_display()}: {link.title or target}"


def _yes_no(value):
    return _("Yes") if value else _("No")


def _time(moment):
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT") if moment else "—"


def compare_with_current(article, version):
    """Rows of {label, then, now, changed, restored, why_kept, diff}; `diff` (the lines of
    body_changes) for the body only, None for the others.

    `restored`: whether restoring the revision brings the row back; when it does not
    although the revision differs, `why_kept` says why (restored_content).
    """
    old = version.field_dict
    _content, kept = restored_content(article, version)
    old_tags = sorted(
        Tag.objects.filter(
            pk__in=[item.tag_id for item in revision_objects(version, TaggedArticle)]
        ).values_list("name", flat=True)
    )
    old_links = sorted(revision_objects(version, RelatedLink), key=lambda link: link.position)
    links_now = list(article.links.order_by("position", "pk"))
    titles = dict(
        Article.objects.filter(
            pk__in={link.target_article_id for link in old_links + links_now}
        ).values_list("pk", "title")
    )
    sections = dict(Category.objects.values_list("pk", "name"))
    photos = dict(
        Image.objects.filter(pk__in=[old["main_image_id"], article.main_image_id]).values_list(
            "pk", "alt_text"
        )
    )
    User = Article.authors.field.related_model
    people = {
        person.pk: person_name(person)
        for person in User.objects.filter(
            pk__in={*old.get("authors", []), *(author.pk for author in article.authors.all())}
        )
    }

    def names(ids):
        return join_names(sorted(people[pk] for pk in ids if pk in people))

    # (label, then, now, the field it is, or True/False: always restored or never)
    rows = [
        (_("headline"), old["title"], article.title, "title"),
        (_("standfirst"), old["summary"], article.summary, "summary"),
        (_("SEO title"), old["seo_title"], article.seo_title, "seo_title"),
        (_("SEO description"), old["seo_description"], article.seo_description,
         "seo_description"),
        (_("main photo"), photos.get(old["main_image_id"], "—"),
         photos.get(article.main_image_id, "—"), "main_image_id"),
        (_("tags"), join_names(old_tags), join_names(sorted(article.tags.names())), True),
        (
            _("related links"),
            "\n".join(_link_label(link, titles) for link in old_links),
            "\n".join(_link_label(link, titles) for link in links_now),
            True,
        ),
        (_("status"), Article.Status(old["status"]).label, article.get_status_display(), False),
        (_("publication time"), _time(old["published_at"]), _time(article.published_at), False),
        (_("section"), sections.get(old["category_id"], "—"),
         sections.get(article.category_id, "—"), False),
        (_("home page lead"), _yes_no(old["is_lead"]), _yes_no(article.is_lead), False),
        (_("top story"), _yes_no(old["is_featured"]), _yes_no(article.is_featured), False),
        (_("authors"), names(old.get("authors", [])),
         names(author.pk for author in article.authors.all()), False),
    ]  # fmt: skip
    differences = [
        {
            "label": label,
            "then": then,
            "now": now,
            "changed": then != now,
            "restored": field not in kept if isinstance(field, str) else field,
            "why_kept": kept.get(field) if isinstance(field, str) else None,
            "diff": None,
        }
        for label, then, now, field in rows
    ]
    body_then, body_now = _body_lines(old["body"]), _body_lines(article.body)
    differences.append(
        {
            "label": _("body"),
            "changed": body_then != body_now,
            "restored": "body" not in kept,
            "why_kept": kept.get("body"),
            "diff": body_changes(body_then, body_now),
        }
    )
    return differences
