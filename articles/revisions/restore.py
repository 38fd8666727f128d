"""What a restore writes over the story (its content) and what it keeps."""

from django.utils.translation import gettext_lazy as _

from ..models import Article, Image, RelatedLink, Tag, TaggedArticle

# The story's own fields a restore brings back (with its links and tags); every other
# field of the row stays as it is.
RESTORED_FIELDS = ("title", "summary", "body", "main_image_id", "seo_title", "seo_description")


def restored_content(article, version):
    """({field: value} a restore writes, {field: why it stays as it is}).

    A story out of the drafts keeps a field it needs (READY_FIELDS) that the revision
    lacks, and every story keeps its photo when the revision's has been deleted since.
    """
    old = version.field_dict
    content = {name: old.get(name) or Article._meta.get_field(name).get_default()
               for name in RESTORED_FIELDS}  # fmt: skip
    kept = {}
    if content["main_image_id"] and not Image.objects.filter(pk=content["main_image_id"]).exists():
        kept["main_image_id"] = _("the revision's photo has been deleted since")
    if article.status != Article.Status.DRAFT:
        revision = Article(**{name: content[name] for name in ("summary", "body")})
        revision.main_image_id = None if "main_image_id" in kept else content["main_image_id"]
        revision.category_id = article.category_id
        for name in revision.missing_for_review():
            attname = Article._meta.get_field(name).attname
            kept.setdefault(
                attname, _("the revision has none, and a story out of the drafts needs it")
            )
    for attname in kept:
        content.pop(attname)
    return content, kept


def revision_objects(version, model):
    return [
        related._object_version.object
        for related in version.revision.version_set.all()
        if related._model is model
    ]


def restore_content(article, version):
    """Write the revision's content over the story: its row's content fields, and its links
    and tags as the revision holds them (rows added since are deleted).

    Runs inside the transaction the restore commits or rolls back
    (ArticleRevisionAdmin.revision_view, revisions/admin.py). A link to a story, or a
    tag, deleted since stays out.
    """
    content, _kept = restored_content(article, version)
    Article.objects.filter(pk=article.pk).update(**content)
    links = revision_objects(version, RelatedLink)
    tagged = revision_objects(version, TaggedArticle)
    article.links.exclude(pk__in=[link.pk for link in links]).delete()
    TaggedArticle.objects.filter(content_object=article).exclude(
        pk__in=[item.pk for item in tagged]
    ).delete()
    # Keys to other rows are checked by PostgreSQL at commit, not at each write: rows
    # pointing at a deleted story or tag are left out before they are written.
    stories = set(
        Article.objects.filter(pk__in=[link.target_article_id for link in links]).values_list(
            "pk", flat=True
        )
    )
    tags = set(
        Tag.objects.filter(pk__in=[item.tag_id for item in tagged]).values_list("pk", flat=True)
    )
    rows = [link for link in links if link.target_article_id in (None, *stories)]
    rows += [item for item in tagged if item.tag_id in tags]
    for row in rows:
        row.save_base(raw=True)


def revision_is_only_of(article, revision):
    """Does restoring `revision` touch this story (its row, its links, its tags) alone?

    A revision holds every object saved with it, whichever version led to it.
    """
    owners = {Article: "id", RelatedLink: "article_id", TaggedArticle: "content_object_id"}
    for version in revision.version_set.all():
        owner = owners.get(version._model)
        if owner is None or version.field_dict.get(owner) != article.pk:
            return False
    return True
