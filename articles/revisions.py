"""Comparing a stored revision of a story with the story as it is now, and restoring one.

A restore brings back the story's content (headline, standfirst, body, photo, links,
tags, bylines), never its place in the workflow: a live story stays live, at its time, in
its section and its home-page places, unless an editor changes that on purpose.
"""

import difflib
import html
import re

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from categories.models import Category
from lib.text import join_names

from .body import split_blocks
from .models import LIST_FIELDS, Article, Image, RelatedLink, Tag, TaggedArticle

_SPACE = re.compile(r"\s+")

# What a restore leaves as it is: the story's place in the workflow and in readers' lists
# (LIST_FIELDS: status, publication time, section, lead, top story; its end of display and
# live coverage), its address, who made it and last saved it, and the version the restore
# form is opened with (so that a save made meanwhile still refuses the restore as stale).
KEPT_ON_RESTORE = (
    *LIST_FIELDS,
    # Until when readers see it, and its live coverage (issue 16): publishing decisions too.
    "expires_at",
    "is_live",
    "live_started_at",
    "live_ended_at",
    "slug",
    "version",
    "created_by_id",
    "created_at",
    "updated_by_id",
    "updated_at",
)


def keep_on_restore(article):
    """Put back what a restore never changes, after django-reversion has written the whole
    revision over the story (inside the transaction the restore commits or rolls back).

    `article` is the story as it was before; its form then opens on the restored content
    with the story's own workflow state, and what readers saw is what the save compares
    with (Article._claim_next_version).
    """
    Article.objects.filter(pk=article.pk).update(
        **{name: getattr(article, name) for name in KEPT_ON_RESTORE}
    )


def _body_lines(body):
    """One line of plain text per block, so a diff reads paragraph by paragraph.

    The text as a reader reads it: entities ("&lt;", "&amp;", "&nbsp;") decoded, for the
    template escapes it once on the way out.
    """
    return [
        _SPACE.sub(" ", html.unescape(strip_tags(chunk))).strip()
        for _, chunk in split_blocks(body or "")
    ]


def _revision_objects(version, model):
    return [
        related._object_version.object
        for related in version.revision.version_set.all()
        if related._model is model
    ]


def revision_is_only_of(article, revision):
    """Does restoring `revision` touch this story (its row, its links, its tags) alone?

    django-reversion restores every object a revision holds, whichever version led to it.
    """
    owners = {Article: "id", RelatedLink: "article_id", TaggedArticle: "content_object_id"}
    for version in revision.version_set.all():
        owner = owners.get(version._model)
        if owner is None or version.field_dict.get(owner) != article.pk:
            return False
    return True


def _link_label(link, titles):
    target = titles.get(link.target_article_id, link.url)
    return f"{link.get_kind_display()}: {link.title or target}"


def compare_with_current(article, version):
    """Rows of (label, then, now, changed, restored, diff); diff lines only for the body.

    `restored`: whether restoring the revision brings the row back (KEPT_ON_RESTORE).
    """
    old = version.field_dict
    old_tags = sorted(
        Tag.objects.filter(
            pk__in=[item.tag_id for item in _revision_objects(version, TaggedArticle)]
        ).values_list("name", flat=True)
    )
    old_links = sorted(_revision_objects(version, RelatedLink), key=lambda link: link.position)
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

    rows = [
        (_("headline"), old["title"], article.title, True),
        (_("standfirst"), old["summary"], article.summary, True),
        (_("status"), Article.Status(old["status"]).label, article.get_status_display(), False),
        (
            _("section"),
            sections.get(old["category_id"], "—"),
            sections.get(article.category_id),
            False,
        ),
        (
            _("main photo"),
            photos.get(old["main_image_id"], "—"),
            photos.get(article.main_image_id),
            True,
        ),
        (_("tags"), join_names(old_tags), join_names(sorted(article.tags.names())), True),
        (
            _("related links"),
            "\n".join(_link_label(link, titles) for link in old_links),
            "\n".join(_link_label(link, titles) for link in links_now),
            True,
        ),
    ]
    differences = [
        {
            "label": label,
            "then": then,
            "now": now,
            "changed": then != now,
            "restored": restored,
            "diff": None,
        }
        for label, then, now, restored in rows
    ]
    body_then, body_now = _body_lines(old["body"]), _body_lines(article.body)
    differences.append(
        {
            "label": _("body"),
            "changed": body_then != body_now,
            "restored": True,
            "diff": [
                {"sign": line[0], "text": line[2:]}
                for line in difflib.ndiff(body_then, body_now)
                if not line.startswith("?")
            ],
        }
    )
    return differences
