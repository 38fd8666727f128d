import uuid
from contextlib import contextmanager
from datetime import timedelta

import reversion
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models, router, transaction
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_ckeditor_5.fields import CKEditor5Field
from taggit.managers import TaggableManager

from categories.models import Category
from lib.page_cache.keys import NOT_FOUND, retire_after_commit, schedule_changed
from lib.page_cache.models import ShownToReaders, ShownToReadersQuerySet
from lib.text import remove_control_characters, slug_base, unique_slug

from . import search
from .body import place_after_paragraphs
from .breaking.models import BreakingNews  # noqa: F401 (registered here)
from .corrections.models import CORRECTIONS_KEY, Correction  # noqa: F401 (registered here)
from .editing.models import Autosave  # noqa: F401 (registered here)
from .live.models import LiveUpdate  # noqa: F401 (registered here)
from .notes.models import EditorialNote, Notification  # noqa: F401 (registered here)
from .photos.in_text import describe_images
from .photos.models import Image, complete_images
from .sanitizer import sanitize_html
from .search.synonyms import SynonymGroup  # noqa: F401 (registered here)
from .tagging import SpellingTolerantTagManager, Tag, TaggedArticle  # noqa: F401 (registered here)
from .wordpress.models import ImportedItem, LegacyAddress  # noqa: F401 (registered here)

RELATED_BLOCK_SIZE = 4
RELATED_LOOKBACK = timedelta(days=30)
RELATED_CANDIDATES = 500
# Page keys of the automatic related block count days in spans of this many
# (Article.related_block_keys).
RELATED_KEY_DAYS = 15
# Columns only the story's own page (the body) and search (the rest) read.
ARTICLE_SEARCH_COLUMNS = ("search_text", "search_vector")
ARTICLE_COLUMNS_NOT_ON_CARDS = ("body", *ARTICLE_SEARCH_COLUMNS)


# What a story needs before it is submitted for review, scheduled or published.
READY_FIELDS = ("summary", "body", "main_image", "category")

# What places a story in the lists: changing any of them moves it (Article._retire_pages).
LIST_FIELDS = ("status", "published_at", "category_id", "is_lead", "is_featured")
# What a save reads back of the story as stored: its place, and until when readers see it.
STORED_FIELDS = (*LIST_FIELDS, "expires_at")


def _related_key_span(moment):
    return int(moment.timestamp()) // (RELATED_KEY_DAYS * 24 * 60 * 60)


def _is_visible(stored):
    now = timezone.now()
    return (
        stored.get("status") == Article.Status.PUBLISHED
        and stored["published_at"] is not None
        and stored["published_at"] <= now
        and (stored["expires_at"] is None or stored["expires_at"] > now)
    )


def _has_a_due_time(stored):
    """Published with a time still to come: its publication, or the end of its display."""
    now = timezone.now()
    return stored.get("status") == Article.Status.PUBLISHED and any(
        moment is not None and moment > now
        for moment in (stored["published_at"], stored["expires_at"])
    )


class StaleArticleError(Exception):
    """The story was saved by someone else after this copy of it was loaded."""

    def __init__(self, article):
        super().__init__(f"Article {article.pk} changed since it was loaded")
        self.article = article


class ArticleQuerySet(ShownToReadersQuerySet):
    def published(self):
        """What readers may see: published, no longer scheduled for later, and not past
        the end of its display (`expires_at`), if it has one."""
        now = timezone.now()
        return self.filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now),
            status=Article.Status.PUBLISHED,
            published_at__lte=now,
        )

    def in_category(self, category):
        """Stories of the section and of every section under it."""
        return self.filter(category_id__in=category.descendant_ids())

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def featured_first(self):
        """Top stories first, the newest first among them and among the rest."""
        return self.order_by("-is_featured", "-published_at", "-pk")

    def next_publication_time(self):
        """When readers' pages next change on their own, or None: a scheduled story goes
        live, or a story reaches the end of its display. One query, two index probes."""
        now = timezone.now()
        published = self.filter(status=Article.Status.PUBLISHED)
        times = published.aggregate(
            going_live=models.Min("published_at", filter=Q(published_at__gt=now)),
            ending=models.Min("expires_at", filter=Q(expires_at__gt=now)),
        )
        return min(filter(None, times.values()), default=None)

    def update_search_index(self):
        """Write these stories' search columns again: their tags, or a tag's name, changed."""
        return search.update_index(
            Article, self.values_list("pk", "title", "summary", "body"), using=self.db
        )

    def came_due_since(self, moment):
        """Stories scheduled for `moment` or later that are live now, and those whose
        display ended at `moment` or since: their pages and lists change."""
        now = timezone.now()
        return self.filter(status=Article.Status.PUBLISHED).filter(
            Q(published_at__gte=moment, published_at__lte=now)
            | Q(expires_at__gte=moment, expires_at__lte=now)
        )

    def lead_first(self):
        """The story an editor chose to lead, else the newest."""
        return self.order_by(models.F("is_lead").desc(), "-published_at", "-pk")

    def newest_by_category(self, families, per_category):
        """{section id: its newest `per_category` stories, sub-sections included}.

        `families` maps a section's id to its family's ids. One short index scan per
        section: a window function over them all would read the whole archive.
        """
        return {
            pk: list(self.filter(category_id__in=ids).newest_first()[:per_category])
            for pk, ids in families.items()
        }

    def for_cards(self, with_body=False):
        """What a card shows; the body (unless asked for) and search columns stay behind."""
        deferred = ARTICLE_SEARCH_COLUMNS if with_body else ARTICLE_COLUMNS_NOT_ON_CARDS
        return self.select_related("category", "main_image").defer(*deferred)

    def with_related(self):
        """Everything the article page shows, in a fixed number of queries."""
        # A link to a story shows while that story is published: a probe of its primary
        # key per link (an IN over every published story would read them all).
        shown_links = (
            RelatedLink.objects.filter(
                Q(target_article__isnull=True)
                | Exists(Article.objects.published().filter(pk=OuterRef("target_article_id")))
            )
            .select_related("target_article")
            .defer(*(f"target_article__{name}" for name in ARTICLE_COLUMNS_NOT_ON_CARDS))
        )
        return (
            self.for_cards(with_body=True)
            .select_related("category__parent")  # the breadcrumb of a sub-section's story
            .prefetch_related(
                "tags", "authors", "corrections", models.Prefetch("links", queryset=shown_links)
            )
        )

    def search(self, query):
        """Stories containing every word of `query` (text or a ReaderQuery), best first.

        Status is not looked at: readers' search starts from published().
        """
        return search.matching(self, query)


# The search columns are derived from the text, and rebuilt whenever a story is saved.
@reversion.register(follow=["links", "tagged_items"], exclude=["search_text", "search_vector"])
class Article(ShownToReaders):
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

    def keys_retired_by_delete(self):
        """A live story leaves its page and every list; one with a time still to come
        (scheduled, or with an end of display), the schedule."""
        if _has_a_due_time(vars(self)):
            schedule_changed()
        return self.listing_keys() if self.is_published() else []

    # Page keys (lib.page_cache): what a page showing this story names, and what a
    # change to the story retires.

    def page_keys(self):
        """Named by every page showing this story: its own, a card of it, a link to it."""
        return [f"story:{self.pk}", f"photo:{self.main_image_id}"]

    def listing_keys(self, *, also_in=()):
        """Its own page and every list it is on: what its arrival or departure retires.

        `also_in`: sections it has just left, whose lists showed it until now.
        """
        sections = Category.objects.with_ancestors({self.category_id, *also_in})
        tags = self.tagged_items.values_list("tag_id", flat=True)
        authors = self.authors.values_list("pk", flat=True)
        return [
            f"story:{self.pk}",
            "home",
            "feeds",
            "sitemaps",
            "news-sitemap",
            "search",
            CORRECTIONS_KEY,  # it lists the corrections of published stories
            NOT_FOUND,
            *(f"section:{pk}" for pk in sections),
            *(f"tag:{pk}" for pk in tags),
            *(f"author:{pk}" for pk in authors),
            *self.related_candidate_keys(tags, also_in),
        ]

    def related_candidate_keys(self, tag_ids, also_in=()):
        """What its arrival retires of other stories' automatic related blocks: those of
        its section or tags whose days (RELATED_LOOKBACK either side) include its own."""
        span = _related_key_span(self.published_at or timezone.now())
        sections = {self.category_id, *also_in}
        return [
            *(f"related:section:{pk}:{span}" for pk in sections),
            *(f"related:tag:{pk}:{span}" for pk in tag_ids),
        ]

    def related_block_keys(self):
        """Named by its page while the related block is chosen automatically: a story
        published in its section or with one of its tags, in its days, may join it."""
        if self._links(RelatedLink.Kind.RELATED):
            return []
        moment = self.published_at or timezone.now()
        spans = range(
            _related_key_span(moment - RELATED_LOOKBACK),
            _related_key_span(moment + RELATED_LOOKBACK) + 1,
        )
        names = [f"section:{self.category_id}", *(f"tag:{tag.pk}" for tag in self.tags.all())]
        return [f"related:{name}:{span}" for name in names for span in spans]

    def keys_retired_by_save(self, adding):
        """What readers saw of the story before the save (as stored) or see now.

        A story no reader could see before nor can now (a draft, one in review, one
        scheduled) retires nothing. An edit that leaves the story where it was in every
        list retires its own key (its page, its cards and links everywhere), search and
        the sitemap; arriving, leaving or moving retires the lists too.
        """
        stored = self.__dict__.pop("_stored", None) or {}
        if _has_a_due_time(vars(self)) or _has_a_due_time(stored):
            schedule_changed()
        was_visible = _is_visible(stored)
        if not (was_visible or self.is_published()):
            return []
        moved = was_visible != self.is_published() or any(
            stored[name] != getattr(self, name) for name in LIST_FIELDS
        )
        if moved:
            keys = self.listing_keys(also_in=[stored["category_id"]] if stored else [])
        else:
            keys = [f"story:{self.pk}", "search", "sitemaps"]
            if self.is_news():
                keys.append("news-sitemap")  # it shows the headlines of the newest
        return keys

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
        story until now (LIST_FIELDS, as stored), read under that lock.
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

    def _links(self, kind):
        return [link for link in self.links.all() if link.kind == kind]

    def body_with_see_also(self):
        """The body's blocks, each with the "see also" links placed after it, and its
        photos described from the photo library (articles/photos/in_text.py)."""
        see_also = self._links(RelatedLink.Kind.SEE_ALSO)
        return place_after_paragraphs(
            describe_images(self.body), [(link.after_paragraph, link) for link in see_also]
        )

    def related_links(self, limit=RELATED_BLOCK_SIZE):
        """The related-news block, as links: each to a story (its `target_article` loaded
        for a card) or to another site. The editor's picks; without any, unsaved links to
        the stories sharing most tags, then of the same section.

        Either way one query loads the cards, so the page's query count does not
        depend on how many links or tags a story has.
        """
        picks = self._links(RelatedLink.Kind.RELATED)
        if picks:
            targets = Article.objects.for_cards().in_bulk(
                [link.target_article_id for link in picks if link.target_article_id]
            )
            for link in picks:
                if link.target_article_id in targets:
                    link.target_article = targets[link.target_article_id]
            return [link for link in picks if link.is_external or link.target_article_id in targets]
        return [
            RelatedLink(article=self, kind=RelatedLink.Kind.RELATED, target_article=story)
            for story in self._articles_like_this(limit)
        ]

    def _articles_like_this(self, limit):
        """Published stories of its days sharing most of its tags, then of its section."""
        tag_ids = [tag.pk for tag in self.tags.all()]
        # The candidate's uses of this story's tags.
        sharing = TaggedArticle.objects.filter(content_object=OuterRef("pk"), tag_id__in=tag_ids)
        shared_tags = sharing.values("content_object").annotate(count=Count("pk")).values("count")
        # Related news is news of the same days: the candidates are the newest stories
        # published within RELATED_LOOKBACK either side of this one, at most
        # RELATED_CANDIDATES of them, so the cost is bounded however much the newsroom
        # publishes and however large the archive.
        moment = self.published_at or timezone.now()
        candidates = (
            Article.objects.published()
            .filter(published_at__range=(moment - RELATED_LOOKBACK, moment + RELATED_LOOKBACK))
            .newest_first()
            .values("pk")[:RELATED_CANDIDATES]
        )
        return list(
            Article.objects.published()
            .for_cards()
            .filter(pk__in=candidates)
            .exclude(pk=self.pk)
            .filter(Q(category_id=self.category_id) | Exists(sharing))
            .annotate(shared_tags=Subquery(shared_tags))
            .order_by(models.F("shared_tags").desc(nulls_last=True), "-published_at", "-pk")[:limit]
        )


@reversion.register()
class RelatedLink(ShownToReaders):
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
    # NULL, not "", for a link to a story: NULLs are distinct, so the unique constraint on
    # the address needs no condition and Django's formsets check it among new rows too.
    url = models.URLField(_("external address"), blank=True, null=True, max_length=500)  # noqa: DJ001
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
        # Every rule of a link, checked by full_clean() (the admin's forms) with these
        # messages, and by the database for any other writer.
        constraints = [
            models.CheckConstraint(
                condition=(Q(target_article__isnull=False) & Q(url__isnull=True))
                | (Q(target_article__isnull=True) & Q(url__isnull=False)),
                name="relatedlink_story_or_url",
                violation_error_message=_(
                    "Choose either a story or an external address, not both."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(target_article=models.F("article")),
                name="relatedlink_not_self",
                violation_error_message=_("A story cannot link to itself."),
            ),
            models.CheckConstraint(
                condition=Q(url__isnull=True) | ~Q(title=""),
                name="relatedlink_external_has_title",
                violation_error_message=_("An external link needs a title."),
            ),
            models.CheckConstraint(
                condition=Q(after_paragraph__isnull=True) | Q(kind="see_also"),
                name="relatedlink_placed_if_see_also",
                violation_error_message=_("Only see-also links are placed after a paragraph."),
            ),
            models.UniqueConstraint(
                fields=["article", "kind", "target_article"],
                name="relatedlink_unique_story",
                violation_error_message=_("This story already has this link."),
            ),
            models.UniqueConstraint(
                fields=["article", "kind", "url"],
                name="relatedlink_unique_url",
                violation_error_message=_("This story already has this link."),
            ),
        ]

    def __str__(self):
        return self.display_title

    def page_keys(self):
        """A link is shown on its story's page."""
        return [f"story:{self.article_id}"]

    def keys_retired_by_save(self, adding):
        return self.page_keys()  # a new link shows at once

    @property
    def display_title(self):
        return self.target_article.title if self.target_article_id else self.title

    @property
    def href(self):
        return self.target_article.get_absolute_url() if self.target_article_id else self.url

    @property
    def is_external(self):
        return not self.target_article_id


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


@receiver(m2m_changed, sender=Article.authors.through)
def retire_changed_bylines(sender, instance, action, pk_set, reverse, **kwargs):
    """A live story's bylines changed: its page, and the author pages it joined or left."""
    if reverse or not isinstance(instance, Article) or not instance.is_published():
        return
    if action == "pre_clear":
        instance._cleared_authors = set(instance.authors.values_list("pk", flat=True))
    elif action in ("post_add", "post_remove", "post_clear"):
        changed = (
            pk_set if action != "post_clear" else instance.__dict__.pop("_cleared_authors", set())
        )
        if changed:
            retire_after_commit([f"story:{instance.pk}", *(f"author:{pk}" for pk in changed)])


# Django's User is not ours to give the ShownToReaders base: readers see its names in
# bylines, so its saves get the same two rules through signals.
@receiver(pre_save, sender=settings.AUTH_USER_MODEL)
def remove_control_characters_from_names(sender, instance, **kwargs):
    remove_control_characters(instance)


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def retire_author_pages(sender, instance, update_fields, **kwargs):
    """A journalist's name is on their bylines and their author page."""
    if update_fields and set(update_fields) <= {"last_login", "password"}:
        return  # signing in and changing a password show nothing to readers
    if not kwargs.get("created"):
        retire_after_commit([f"author:{instance.pk}", f"author-name:{instance.pk}"])
