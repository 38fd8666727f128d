"""The story (Article) and the models of the `articles` app's other concerns, each
imported here so Django registers it: a package per concern holds its own models."""

import uuid
from contextlib import contextmanager

import reversion
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models, router, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_ckeditor_5.fields import CKEditor5Field
from taggit.managers import TaggableManager

from lib.page_cache.models import ShownToReaders
from lib.text import slug_base, unique_slug

from . import search
from .body import place_after_paragraphs
from .breaking.models import BreakingNews  # noqa: F401 (registered here)
from .corrections.models import Correction  # noqa: F401 (registered here)
from .editing.models import Autosave  # noqa: F401 (registered here)
from .live.models import LiveUpdate  # noqa: F401 (registered here)
from .notes.models import EditorialNote, Notification  # noqa: F401 (registered here)
from .page_keys import STORED_FIELDS, ArticlePageKeys
from .photos.in_text import describe_images
from .photos.models import Image, complete_images
from .querysets import ARTICLE_SEARCH_COLUMNS, ArticleQuerySet
from .related.models import RelatedLink
from .sanitizer import sanitize_html
from .search.synonyms import SynonymGroup  # noqa: F401 (registered here)
from .tagging import SpellingTolerantTagManager, Tag, TaggedArticle  # noqa: F401 (registered here)
from .wordpress.models import ImportedItem, LegacyAddress  # noqa: F401 (registered here)

# What a story needs before it is submitted for review, scheduled or published.
READY_FIELDS = ("summary", "body", "main_image", "category")


class StaleArticleError(Exception):
    """The story was saved by someone else after this copy of it was loaded."""

    def __init__(self, article):
        super().__init__(f"Article {article.pk} changed since it was loaded")
        self.article = article


# The search columns are derived from the text, and rebuilt whenever a story is saved.
@reversion.register(follow=["links", "tagged_items"], exclude=["search_text", "search_vector"])
class Article(ArticlePageKeys, ShownToReaders):
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
        blank=True,
        help_text=_("One or two sentences under the headline; also the teaser on cards."),
    )
    # What search results and shared links show instead of the headline and standfirst,
    # when the desk writes them something shorter or plainer (shared_title() and
    # shared_description()). Empty, the headline and standfirst are used.
    seo_title = models.CharField(
        _("SEO title"),
        max_length=100,
        blank=True,
        help_text=_(
            "Optional: the title search results and shared links show instead of the "
            "headline. Best under 60 characters."
        ),
    )
    seo_description = models.TextField(
        _("SEO description"),
        max_length=300,
        blank=True,
        help_text=_(
            "Optional: the description search results and shared links show instead of "
            "the standfirst. Best under 160 characters."
        ),
    )
    # A draft may be just a headline; the rest is asked for when the story leaves the
    # drafts (READY_FIELDS, and the constraint article_ready_unless_draft).
    body = CKEditor5Field(_("body"), config_name="default", blank=True)
    main_image = models.ForeignKey(
        Image,
        verbose_name=_("main photo"),
        on_delete=models.PROTECT,
        related_name="articles",
        limit_choices_to=complete_images,
        null=True,
        blank=True,
    )
    category = models.ForeignKey(
        "categories.Category",
        verbose_name=_("section"),
        on_delete=models.PROTECT,
        related_name="articles",
        null=True,
        blank=True,
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
    expires_at = models.DateTimeField(
        _("end of display"),
        null=True,
        blank=True,
        help_text=_(
            "Left empty, the story stays. From this time readers no longer see it (an "
            "embargoed wire story, a time-limited notice); the newsroom still does."
        ),
    )
    # Live coverage ("مباشر", articles/live): the start and end are set by save() when the
    # flag is turned on and off; a story whose coverage ended keeps its updates.
    is_live = models.BooleanField(
        _("live coverage"),
        default=False,
        help_text=_(
            "Shows the “live” label and the updates, newest first, refreshed on readers' "
            "screens. Unticked, the coverage ends and the story keeps its updates."
        ),
    )
    live_started_at = models.DateTimeField(
        _("coverage started"), null=True, blank=True, editable=False
    )
    live_ended_at = models.DateTimeField(_("coverage ended"), null=True, blank=True, editable=False)
    is_lead = models.BooleanField(
        _("home page lead"),
        default=False,
        help_text=_("The story at the top of the home page. Choosing one replaces the last."),
    )
    is_featured = models.BooleanField(
        _("top story"), default=False, help_text=_("Shown among the home page's top stories.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last edited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Optimistic locking: every save draws a new value, and a form saved from another
    # is refused. A fresh value each time, not a counter, so that restoring an old
    # revision can never bring back a value somebody still holds in an open form.
    version = models.UUIDField(_("version"), default=uuid.uuid4, editable=False)
    # What search matches, written by every save (articles/search/index.py): the
    # normalised keywords of headline, standfirst and body, and on PostgreSQL their
    # weighted tsvector (null on SQLite).
    search_text = models.TextField(_("search text"), blank=True, default="", editable=False)
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["-published_at", "-pk"]
        permissions = [("publish_article", _("Can publish, schedule and unpublish stories"))]
        indexes = [
            models.Index(fields=["status", "-published_at", "-id"], name="article_published_idx"),
            models.Index(
                fields=["category", "status", "-published_at", "-id"],
                name="article_category_idx",
            ),
            search.SearchVectorIndex(fields=["search_vector"], name="article_search_idx"),
            # The home page's lead and top stories (docs/performance.md): published stories
            # in the order lead_first() and the top-stories block ask for, so each reads
            # the first few entries instead of sorting every published story.
            models.Index(
                fields=["-is_lead", "-published_at", "-id"],
                condition=Q(status="published"),
                name="article_lead_idx",
            ),
            models.Index(
                fields=["-is_featured", "-published_at", "-id"],
                condition=Q(status="published"),
                name="article_featured_idx",
            ),
            # The next story to reach the end of its display (next_publication_time).
            models.Index(
                fields=["expires_at"],
                condition=Q(status="published", expires_at__isnull=False),
                name="article_expiry_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["is_lead"], condition=Q(is_lead=True), name="article_one_lead"
            ),
            models.CheckConstraint(
                condition=Q(status="draft")
                | (
                    ~Q(summary="")
                    & ~Q(body="")
                    & Q(main_image__isnull=False)
                    & Q(category__isnull=False)
                ),
                name="article_ready_unless_draft",
                violation_error_message=_(
                    "A story needs its standfirst, body, main photo and section before it "
                    "is submitted for review, scheduled or published."
                ),
            ),
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True)
                | Q(published_at__isnull=True)
                | Q(expires_at__gt=models.F("published_at")),
                name="article_ends_after_publication",
                violation_error_message=_(
                    "The end of display must come after the publication time."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def missing_for_review(self):
        """The fields a story still lacks before it may leave the drafts."""
        present = {
            "summary": self.summary.strip(),
            "body": strip_tags(self.body).replace("&nbsp;", "").strip(),
            "main_image": self.main_image_id,
            "category": self.category_id,
        }
        return [name for name in READY_FIELDS if not present[name]]

    def shared_title(self):
        """The title search results and shared links show: the SEO title, else the headline."""
        return self.seo_title or self.title

    def shared_description(self):
        """Their description: the SEO description, else the standfirst."""
        return self.seo_description or self.summary

    @classmethod
    def slug_base(cls, title):
        """The slug a headline gives before any -2, -3 … (bulk loaders make the same)."""
        return slug_base(cls, title, fallback="story")

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Article, Article.slug_base(self.title), self.pk)
        self.body = sanitize_html(self.body)
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        self._set_coverage_times()
        with transaction.atomic():
            stored = None
            if self.pk and not self._state.adding:
                stored = self._claim_next_version()
            if self.is_lead:
                Article.objects.filter(is_lead=True).exclude(pk=self.pk).update(is_lead=False)
            self._stored = stored  # for keys_retired_by_save()
            self._fill_search_columns(kwargs.get("using"))
            if kwargs.get("update_fields"):
                # The index follows the text as this save leaves it, whatever else it writes.
                kwargs["update_fields"] = {*kwargs["update_fields"], *ARTICLE_SEARCH_COLUMNS}
            super().save(*args, **kwargs)
            # The database computed the vector: left deferred, the field reads back what
            # was stored if asked for, rather than hold the expression.
            del self.__dict__["search_vector"]

    def _set_coverage_times(self):
        """Live coverage starts when the flag is turned on (again: the end is forgotten)
        and ends when it is turned off."""
        if self.is_live and (self.live_started_at is None or self.live_ended_at is not None):
            self.live_started_at = self.live_started_at or timezone.now()
            self.live_ended_at = None
        elif not self.is_live and self.live_started_at and self.live_ended_at is None:
            self.live_ended_at = timezone.now()

    def has_live_coverage(self):
        """Live now, or was: the page shows its updates either way."""
        return self.live_started_at is not None

    @cached_property
    def shown_live_updates(self):
        """The updates as readers see them (pinned, then newest first); no query for a
        story that never had live coverage."""
        if not self.has_live_coverage():
            return []
        return list(self.live_updates.select_related("photo"))

    def get_absolute_url(self):
        if not self.slug:  # an unsaved edit of the slug field; the id alone redirects
            return reverse("articles:detail_by_id", kwargs={"pk": self.pk})
        return reverse("articles:detail", kwargs={"pk": self.pk, "slug": self.slug})

    def is_news(self):
        """Recent enough for the Google News sitemap (articles/sitemaps.py)."""
        from .sitemaps import NEWS_WINDOW

        return self.is_published() and self.published_at >= timezone.now() - NEWS_WINDOW

    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    def has_ended(self):
        """Published, and past the end of its display: readers no longer see it."""
        return (
            self.status == self.Status.PUBLISHED
            and self.expires_at is not None
            and self.expires_at <= timezone.now()
        )

    def _fill_search_columns(self, using=None):
        """Set what search matches from the text, for save() to write in the row's own
        INSERT or UPDATE, so an edit is findable at once."""
        using = using or router.db_for_write(Article, instance=self)
        # A story's tags are saved after it (the admin, the tag manager): the manager
        # indexes the story again when they change.
        tags = [] if self._state.adding else [tag.name for tag in self.tags.all()]
        parts = search.index_parts(self.title, self.summary, self.body, tags)
        for column, value in search.index_columns(parts, using).items():
            setattr(self, column, value)

    def validate_constraints(self, exclude=None):
        # Choosing a new lead is how the old one steps down (save() moves it), so the
        # one-lead constraint is the database's to keep, not a form error.
        super().validate_constraints(exclude={*(exclude or ()), "is_lead"})

    def _claim_next_version(self):
        """Replace the stored version with a new one, or refuse: someone saved since.

        The conditional UPDATE holds the row lock until the save commits, so two
        saves from the same version cannot both pass. Returns what readers saw of the
        story until now (STORED_FIELDS, as stored), read under that lock.
        """
        next_version = uuid.uuid4()
        claimed = Article.objects.filter(pk=self.pk, version=self.version).update(
            version=next_version
        )
        if not claimed:
            raise StaleArticleError(self)
        self.version = next_version
        return Article.objects.filter(pk=self.pk).values(*STORED_FIELDS).first()

    def is_published(self):
        """published() for one story."""
        now = timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= now
            and (self.expires_at is None or self.expires_at > now)
        )

    is_published.boolean = True
    is_published.short_description = _("visible to readers")

    def state_label(self):
        """The status as the newsroom says it, telling a scheduled story from a live one."""
        if self.is_scheduled():
            return _("Scheduled")
        if self.has_ended():
            return _("Display ended")
        return self.get_status_display()

    def workflow_event(self, previous_status):
        """What a save that moved the story from `previous_status` did, for its history."""
        if self.status == previous_status:
            return None
        if self.status == self.Status.REVIEW:
            return _("Submitted for review")
        if self.status == self.Status.PUBLISHED:
            if self.is_published():
                return pgettext_lazy("history", "Published")
            return _("Scheduled for %(time)s") % {
                "time": formats.date_format(
                    timezone.localtime(self.published_at), "DATETIME_FORMAT"
                )
            }
        if previous_status == self.Status.PUBLISHED:
            return _("Unpublished")
        return _("Returned to draft")

    @property
    def last_update(self):
        """When readers were last told of a change: an edit after publication, or its
        newest correction; None if neither ("آخر تحديث")."""
        moments = [correction.created_at for correction in self.corrections.all()]
        if self.was_updated:
            moments.append(self.updated_at)
        return max(moments, default=None)

    @property
    def was_updated(self):
        """Edited after it went out (a minute's grace covers the publishing save itself)."""
        if not self.published_at:
            return False
        edited_after = max(self.published_at, self.created_at)
        return (self.updated_at - edited_after).total_seconds() > 60

    def links_of_kind(self, kind):
        return [link for link in self.links.all() if link.kind == kind]

    def body_with_see_also(self):
        """The body's blocks, each with the "see also" links placed after it, and its
        photos described from the photo library (articles/photos/in_text.py)."""
        see_also = self.links_of_kind(RelatedLink.Kind.SEE_ALSO)
        return place_after_paragraphs(
            describe_images(self.body), [(link.after_paragraph, link) for link in see_also]
        )


@contextmanager
def keeping_given_timestamps():
    """Let bulk_create store the created_at and updated_at a bulk loader chose.

    bulk_create calls each field's pre_save(), which stamps auto_now and auto_now_add
    fields with the current time; generated and imported stories were written over years.
    """
    fields = [Article._meta.get_field(name) for name in ("created_at", "updated_at")]
    flags = [(field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, (auto_now, auto_now_add) in zip(fields, flags, strict=True):
            field.auto_now, field.auto_now_add = auto_now, auto_now_add
