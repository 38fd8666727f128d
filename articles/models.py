import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.fields import CKEditor5Field
from taggit.managers import TaggableManager, _TaggableManager
from taggit.models import TagBase, TaggedItemBase

from khabarayn.text import unicode_slugify, unique_slug

from .body import place_after_paragraphs
from .sanitizer import sanitize_html
from .tagging import tag_key

RELATED_BLOCK_SIZE = 4


def image_upload_to(instance, filename):
    """Date folders and a random name: readers never see the uploader's file name."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return timezone.now().strftime(f"photos/%Y/%m/{uuid.uuid4().hex}.{extension}")


class Image(models.Model):
    file = models.ImageField(
        _("file"), upload_to=image_upload_to, width_field="width", height_field="height"
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        help_text=_("What the photo shows, for readers who cannot see it."),
    )
    caption = models.TextField(_("caption"), blank=True)
    credit = models.CharField(
        _("credit"), max_length=150, help_text=_("Photographer/agency, e.g. a name/Reuters.")
    )
    width = models.PositiveIntegerField(_("width"), editable=False, null=True)
    height = models.PositiveIntegerField(_("height"), editable=False, null=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.alt_text


class Tag(TagBase):
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
        super().save(*args, **kwargs)

    def slugify(self, tag, i=None):
        slug = unicode_slugify(tag, max_length=90, fallback="tag")
        return f"{slug}-{i}" if i is not None else slug


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
        super().add(*self._canonical(tags), **kwargs)

    def set(self, tags, **kwargs):
        super().set(self._canonical(tags), **kwargs)


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What readers may see: published, and no longer scheduled for later."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def in_category(self, category):
        """Stories of the section and of every section under it."""
        return self.filter(category_id__in=category.descendant_ids())

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def for_cards(self):
        return self.select_related("category", "main_image")

    def with_related(self):
        """Everything the article page shows, in a fixed number of queries."""
        shown_links = RelatedLink.objects.filter(
            Q(target_article__isnull=True)
            | Q(target_article__in=Article.objects.published().values("pk"))
        ).select_related("target_article")
        return self.for_cards().prefetch_related(
            "tags", "authors", models.Prefetch("links", queryset=shown_links)
        )


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("headline"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        blank=True,
        allow_unicode=True,
        help_text=_("Part of the story's address. Left empty, it is made from the headline."),
    )
    summary = models.TextField(
        _("standfirst"),
        max_length=600,
        help_text=_("One or two sentences under the headline; also the teaser on cards."),
    )
    body = CKEditor5Field(_("body"), config_name="default")
    main_image = models.ForeignKey(
        Image, verbose_name=_("main photo"), on_delete=models.PROTECT, related_name="articles"
    )
    category = models.ForeignKey(
        "categories.Category",
        verbose_name=_("section"),
        on_delete=models.PROTECT,
        related_name="articles",
    )
    tags = TaggableManager(
        verbose_name=_("tags"),
        help_text=_("Separate tags with a comma (، or ,)."),
        through=TaggedArticle,
        manager=SpellingTolerantTagManager,
        blank=True,
    )
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("authors"), related_name="articles", blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_("Left empty, it is set when the story is published."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-published_at", "-id"], name="article_published_idx"),
            models.Index(
                fields=["category", "status", "-published_at", "-id"],
                name="article_category_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Article, self.title, self.pk, max_length=120, fallback="story")
        self.body = sanitize_html(self.body)
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"pk": self.pk, "slug": self.slug})

    def is_published(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    is_published.boolean = True
    is_published.short_description = _("visible to readers")

    @property
    def was_updated(self):
        """Edited after it went out (a minute's grace covers the publishing save itself)."""
        if not self.published_at:
            return False
        edited_after = max(self.published_at, self.created_at)
        return (self.updated_at - edited_after).total_seconds() > 60

    def byline(self):
        return [author.get_full_name() or author.get_username() for author in self.authors.all()]

    def _links(self, kind):
        return [link for link in self.links.all() if link.kind == kind]

    def body_with_see_also(self):
        """The body's blocks, each with the "see also" links placed after it."""
        see_also = self._links(RelatedLink.Kind.SEE_ALSO)
        return place_after_paragraphs(
            self.body, [(link.after_paragraph, link) for link in see_also]
        )

    def related_stories(self, limit=RELATED_BLOCK_SIZE):
        """The related-news block: the editor's picks, or stories sharing tags, then section.

        Either way one query loads the cards, so the page's query count does not
        depend on how many links or tags a story has.
        """
        picks = self._links(RelatedLink.Kind.RELATED)
        if picks:
            targets = Article.objects.for_cards().in_bulk(
                [link.target_article_id for link in picks if link.target_article_id]
            )
            return [
                targets.get(link.target_article_id, link) if link.target_article_id else link
                for link in picks
            ]
        tag_ids = [tag.pk for tag in self.tags.all()]
        shared_tags = (
            TaggedArticle.objects.filter(content_object=OuterRef("pk"), tag_id__in=tag_ids)
            .values("content_object")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return list(
            Article.objects.published()
            .for_cards()
            .exclude(pk=self.pk)
            .filter(Q(category_id=self.category_id) | Q(tagged_items__tag_id__in=tag_ids))
            .annotate(shared_tags=Subquery(shared_tags))
            .distinct()
            .order_by(models.F("shared_tags").desc(nulls_last=True), "-published_at", "-pk")[:limit]
        )


class RelatedLink(models.Model):
    class Kind(models.TextChoices):
        SEE_ALSO = "see_also", _("See also (inside the story)")
        RELATED = "related", _("Related news (block under the story)")

    article = models.ForeignKey(
        Article, verbose_name=_("story"), on_delete=models.CASCADE, related_name="links"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    target_article = models.ForeignKey(
        Article,
        verbose_name=_("linked story"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="linked_from",
    )
    url = models.URLField(_("external address"), blank=True, max_length=500)
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_("Required for an external address; for a story its headline is used."),
    )
    after_paragraph = models.PositiveSmallIntegerField(
        _("after paragraph"),
        null=True,
        blank=True,
        help_text=_(
            "See also only: the paragraph number it follows. Left empty, links are spread evenly."
        ),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("related link")
        verbose_name_plural = _("related links")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(target_article__isnull=False) & Q(url=""))
                | (Q(target_article__isnull=True) & ~Q(url="")),
                name="relatedlink_story_or_url",
            ),
            models.CheckConstraint(
                condition=~Q(target_article=models.F("article")), name="relatedlink_not_self"
            ),
            models.UniqueConstraint(
                fields=["article", "kind", "target_article"],
                condition=Q(target_article__isnull=False),
                name="relatedlink_unique_story",
            ),
            models.UniqueConstraint(
                fields=["article", "kind", "url"],
                condition=~Q(url=""),
                name="relatedlink_unique_url",
            ),
        ]

    def __str__(self):
        return self.display_title

    @property
    def display_title(self):
        return self.target_article.title if self.target_article_id else self.title

    @property
    def href(self):
        return self.target_article.get_absolute_url() if self.target_article_id else self.url

    @property
    def is_external(self):
        return not self.target_article_id

    def clean(self):
        if bool(self.target_article_id) == bool(self.url):
            raise ValidationError(_("Choose either a story or an external address, not both."))
        if self.target_article_id and self.target_article_id == self.article_id:
            raise ValidationError({"target_article": _("A story cannot link to itself.")})
        if self.url and not self.title.strip():
            raise ValidationError({"title": _("An external link needs a title.")})
        if self.after_paragraph and self.kind != self.Kind.SEE_ALSO:
            raise ValidationError(
                {"after_paragraph": _("Only see-also links are placed after a paragraph.")}
            )
        duplicates = RelatedLink.objects.filter(article_id=self.article_id, kind=self.kind)
        if self.target_article_id:
            duplicates = duplicates.filter(target_article_id=self.target_article_id)
        else:
            duplicates = duplicates.filter(url=self.url)
        if self.article_id and duplicates.exclude(pk=self.pk).exists():
            raise ValidationError(_("This story already has this link."))
