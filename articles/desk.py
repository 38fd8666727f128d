"""Each person's desk in the newsroom: their stories by workflow step, and the review queue.

The admin's home page shows the desk (`desk_for`); each of its boxes links to the story
list filtered the same way (`DeskFilter`), and the review queue is the story list of
stories in review, oldest submission first, with who submitted each and when
(`with_submission`). What a story went through is read from its revisions
(django-reversion keeps one per save, with the status it was saved with).
"""

from datetime import UTC, datetime, timedelta

from django.contrib import admin
from django.db.models import CharField, Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat, NullIf, Trim
from django.templatetags.static import static
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from lib.text import join_names

from .bylines import person_name
from .models import Article
from .notes.models import Notification
from .templatetags.articles_tags import machine_time, time_ago

# Stories shown in each box of the desk; the box links to all of them.
DESK_BOX_SIZE = 5
# How far back "recently published" looks.
RECENT_DAYS = 7
_IN_REVIEW = '"status": "review"'  # as Django's JSON serializer writes it in a revision


def _versions():
    """The stored revisions of the story in the outer query (OuterRef("pk"))."""
    return Version.objects.get_for_model(Article).filter(
        object_id=Cast(OuterRef("pk"), CharField())
    )


def written_by(queryset, user):
    """Stories `user` started or is named an author of."""
    mine = Article.authors.through.objects.filter(article_id=OuterRef("pk"), user_id=user.pk)
    return queryset.filter(Q(created_by=user) | Exists(mine))


def returned(queryset, user):
    """Drafts that were in review and were last saved by someone other than `user`: an
    editor sent them back. Once the writer saves one again, it is one of their drafts."""
    return queryset.filter(
        Exists(_versions().filter(serialized_data__contains=_IN_REVIEW)),
        status=Article.Status.DRAFT,
    ).exclude(updated_by=user)


def with_submission(queryset):
    """Stories in review with `submitted_at` and `submitted_by` (a name): the first revision
    of the story's present spell in review (after its last revision in another state)."""
    # Inside `first`: the revisions of the same story as the version looked at there.
    before = (
        Version.objects.filter(
            content_type=OuterRef("content_type"), object_id=OuterRef("object_id")
        )
        .exclude(serialized_data__contains=_IN_REVIEW)
        .order_by("-revision__date_created")
        .values("revision__date_created")[:1]
    )
    first = (
        _versions()
        .filter(
            serialized_data__contains=_IN_REVIEW,
            revision__date_created__gt=Coalesce(Subquery(before), datetime(1970, 1, 1, tzinfo=UTC)),
        )
        .order_by("revision__date_created")
    )
    full_name = Concat("revision__user__first_name", Value(" "), "revision__user__last_name")
    name = Coalesce(NullIf(Trim(full_name), Value("")), "revision__user__username")
    return queryset.annotate(
        # A story with no revision (loaded, not saved in the admin): its last save.
        submitted_at=Coalesce(Subquery(first.values("revision__date_created")[:1]), "updated_at"),
        submitted_by=Subquery(first.annotate(name=name).values("name")[:1]),
    )


def review_queue():
    """Stories waiting for an editor, the longest waiting first."""
    return with_submission(Article.objects.filter(status=Article.Status.REVIEW)).order_by(
        "submitted_at", "pk"
    )


def desk_boxes(user):
    """(key, title, queryset) of each box on `user`'s desk, in the order shown."""
    mine = written_by(Article.objects.all(), user)
    recent = timezone.now() - timedelta(days=RECENT_DAYS)
    return [
        ("returned", _("Returned to me"), returned(mine, user).order_by("-updated_at")),
        (
            "drafts",
            _("My drafts"),
            mine.filter(status=Article.Status.DRAFT)
            .exclude(pk__in=returned(mine, user).values("pk"))
            .order_by("-updated_at"),
        ),
        (
            "review",
            _("Mine in review"),
            mine.filter(status=Article.Status.REVIEW).order_by("-updated_at"),
        ),
        (
            "scheduled",
            _("Mine scheduled"),
            mine.scheduled().order_by("published_at"),  # the next to go out first
        ),
        (
            "published",
            _("Recently published"),
            # published() leaves the scheduled out: they are not out yet.
            mine.published().filter(published_at__gte=recent).newest_first(),
        ),
    ]


def desk_for(user):
    """What the admin's home page shows `user`: each box with its count, its newest
    stories and the address of the story list filtered the same way."""
    changelist = reverse("admin:articles_article_changelist")
    return [
        {
            "key": key,
            "title": title,
            "count": stories.count(),
            "stories": list(stories.select_related("category")[:DESK_BOX_SIZE]),
            "url": f"{changelist}?desk={key}",
        }
        for key, title, stories in desk_boxes(user)
    ]


def notifications_for(user):
    """What `user` has not yet read of the steps taken with their stories, or with stories
    waiting for them, the newest first."""
    # A story sent for review that an editor has since returned, published or scheduled
    # waits for nobody any more.
    handled = Q(step=Notification.Step.SUBMITTED) & ~Q(article__status=Article.Status.REVIEW)
    return (
        Notification.objects.unread()
        .filter(recipient=user)
        .exclude(handled)
        .select_related("article", "actor")
        .order_by("-created_at", "-pk")
    )


class DeskFilter(admin.SimpleListFilter):
    """The story list as each box of the desk shows it: mine, by workflow step."""

    title = _("my desk")
    parameter_name = "desk"

    def lookups(self, request, model_admin):
        return [(key, title) for key, title, _stories in desk_boxes(request.user)]

    def queryset(self, request, queryset):
        for key, _title, stories in desk_boxes(request.user):
            if self.value() == key:
                return queryset.filter(pk__in=stories.values("pk"))
        return queryset


class CategoryFilter(admin.RelatedFieldListFilter):
    """The story list by section; the drafts without one yet say so, not Django's "-"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_value_display = _("No section yet")


class AuthorFilter(admin.RelatedOnlyFieldListFilter):
    """The story list by author, each named as the newsroom names them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_value_display = _("No author named")

    def field_choices(self, field, request, model_admin):
        authors = model_admin.get_queryset(request).values("authors")
        users = field.related_model.objects.filter(pk__in=authors).order_by("first_name", "pk")
        return [(user.pk, person_name(user)) for user in users]


def yes_no(value):
    """Django's yes/no icon, saying "نعم" or "لا": Django's own says "True" and "False"."""
    return format_html(
        '<img src="{}" alt="{}">',
        static(f"admin/img/icon-{'yes' if value else 'no'}.svg"),
        _("Yes") if value else _("No"),
    )


class DeskMixin:
    """The story list (ArticleAdmin) as the desk needs it: its authors, and the review
    queue, the list of stories in review, with who sent each and when, the longest
    waiting first."""

    @admin.display(description=_("authors"))
    def author_names(self, obj):
        return join_names(person_name(user) for user in obj.authors.all())

    def _is_review_queue(self, request):
        return request.GET.get("status__exact") == Article.Status.REVIEW

    def changelist_view(self, request, extra_context=None):
        """The list is titled with what it lists: the review queue, a box of the desk, or
        the stories (Django's "اختر خبر لتغييره" says neither)."""
        boxes = {key: title for key, title, _stories in desk_boxes(request.user)}
        if self._is_review_queue(request):
            title = _("Review queue")
        else:
            title = boxes.get(request.GET.get("desk"), self.opts.verbose_name_plural)
        context = {"title": capfirst(title), **(extra_context or {})}
        return super().changelist_view(request, context)

    def get_queryset(self, request):
        # ModelAdmin.get_queryset() orders the rows, by `submitted_at` in the queue: the
        # rows get it first.
        queryset = self.model._default_manager.prefetch_related("authors")
        if self._is_review_queue(request):
            queryset = with_submission(queryset)
        ordering = self.get_ordering(request)
        return queryset.order_by(*ordering) if ordering else queryset

    def get_list_display(self, request):
        if self._is_review_queue(request):
            return ["list_thumbnail", "title", "category", "author_names", "submission"]
        return super().get_list_display(request)

    def get_ordering(self, request):
        if self._is_review_queue(request):
            return ["submitted_at", "pk"]
        return super().get_ordering(request)

    @admin.display(description=_("sent for review"), ordering="submitted_at")
    def submission(self, obj):
        return format_html(
            '{} · <time datetime="{}" title="{}">{}</time>',
            obj.submitted_by or "—",
            machine_time(obj.submitted_at),
            formats.date_format(timezone.localtime(obj.submitted_at), "DATETIME_FORMAT"),
            time_ago(obj.submitted_at),
        )

    @admin.display(description=_("home page lead"), ordering="is_lead")
    def lead(self, obj):
        return yes_no(obj.is_lead)

    @admin.display(description=_("top story"), ordering="is_featured")
    def featured(self, obj):
        return yes_no(obj.is_featured)

    @admin.display(description=_("live coverage"), ordering="is_live")
    def live_coverage(self, obj):
        return yes_no(obj.is_live)
