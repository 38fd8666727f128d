from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, ListView

from categories.models import Category
from lib.page_cache.keys import NAVIGATION, add_page_keys
from lib.pagination import CappedPaginator

from . import search
from .corrections.models import CORRECTIONS_KEY
from .live.models import live_page_keys
from .models import Article, Correction, Tag
from .reads.block import most_read_articles
from .related.block import block_keys, related_links
from .search import ReaderQuery, highlight_results

FEATURED_ARTICLES = 4
ARTICLES_PER_CATEGORY = 4


def keys_of(stories):
    """The page keys of the stories (and external links) a page shows."""
    return [key for story in stories if isinstance(story, Article) for key in story.page_keys()]


class PageKeysMixin:
    """Names what the page shows in its response (lib.page_cache): the list's own key
    and those of the stories on it."""

    list_key = None

    def get_page_keys(self, context):
        own = [self.list_key] if self.list_key else []
        return [*own, *keys_of(context["object_list"])]

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        return add_page_keys(response, self.get_page_keys(context))


class ArticleQuerysetMixin:
    """Readers see published stories; the newsroom also sees drafts and scheduled ones."""

    def get_queryset(self):
        articles = Article.objects.all()
        if not self.request.user.has_perm("articles.view_article"):
            articles = articles.published()
        return articles


class PublishedArticleListMixin(PageKeysMixin):
    """Every list of stories: published ones as cards, newest first, in capped pages.

    A list of some stories only filters `super().get_queryset()`.
    """

    context_object_name = "articles"
    paginate_by = 20
    paginator_class = CappedPaginator

    def get_queryset(self):
        return Article.objects.published().for_cards().newest_first()


class HomeView(PublishedArticleListMixin, ListView):
    """The front page: the lead, top stories and each section's newest; then the latest."""

    list_key = "home"
    template_name = "articles/home.html"
    context_object_name = "latest"
    paginate_by = 12

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context["page_obj"].number == 1:
            context.update(self.front_page())
        return context

    def get_page_keys(self, context):
        shown = [context.get("lead"), *context.get("featured_articles", ())]
        shown += [
            article for _, articles in context.get("category_blocks", ()) for article in articles
        ]
        shown += context.get("most_read", ())
        return [*super().get_page_keys(context), *keys_of(filter(None, shown))]

    def front_page(self):
        published = Article.objects.published().for_cards()
        lead = published.lead_first().first()
        if lead is None:
            return {}
        featured_articles = list(published.exclude(pk=lead.pk).featured_first()[:FEATURED_ARTICLES])
        families = Category.objects.navigation_families()
        by_category = published.newest_by_category(
            {category.pk: ids for category, ids in families}, ARTICLES_PER_CATEGORY
        )
        return {
            "lead": lead,
            "most_read": most_read_articles(),
            "featured_articles": featured_articles,
            "category_blocks": [
                (category, by_category[category.pk])
                for category, _ in families
                if by_category[category.pk]
            ],
        }


class ArticleDetailView(ArticleQuerysetMixin, DetailView):
    context_object_name = "article"

    def get_queryset(self):
        return super().get_queryset().with_related()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if kwargs.get("slug") != self.object.slug:
            return add_page_keys(redirect(self.object, permanent=True), [f"story:{self.object.pk}"])
        context = self.get_context_data(object=self.object)
        return add_page_keys(self.render_to_response(context), self.page_keys(context))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            related_links=related_links(self.object),
            live_updates=self.object.shown_live_updates,
            most_read=most_read_articles(),
            live_poll_seconds=settings.LIVE_POLL_SECONDS,
            **kwargs,
        )

    def page_keys(self, context):
        """The story, its tags' and authors' names, and the stories its links show."""
        article = self.object
        return [
            *article.page_keys(),
            *(f"tag-name:{tag.pk}" for tag in article.tags.all()),
            *(f"author-name:{author.pk}" for author in article.authors.all()),
            *keys_of(link.target_article for link in article.links.all() if link.target_article_id),
            *keys_of(
                link.target_article for link in context["related_links"] if not link.is_external
            ),
            *block_keys(article),
            *keys_of(context["most_read"]),
            *live_page_keys(article),
        ]


class LiveUpdatesView(ArticleQuerysetMixin, DetailView):
    """A story's live updates alone, which static/js/live.js asks for every 20 seconds: a
    reader page like any other, cached until an update or the story changes."""

    template_name = "articles/live_updates.html"
    context_object_name = "article"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.object.has_live_coverage():
            raise Http404
        context = self.get_context_data(
            object=self.object, live_updates=self.object.shown_live_updates
        )
        response = self.render_to_response(context)
        return add_page_keys(response, [f"story:{self.object.pk}", *live_page_keys(self.object)])


class CategoryDetailView(PublishedArticleListMixin, ListView):
    """A section's page: its stories and those of the sections under it."""

    template_name = "articles/category_detail.html"

    def get_queryset(self):
        # With its parent: a sub-section's page links to the section above.
        self.category = get_object_or_404(
            Category.objects.select_related("parent"), slug=self.kwargs["slug"]
        )
        return super().get_queryset().in_category(self.category)

    def get_page_keys(self, context):
        return [f"section:{self.category.pk}", *super().get_page_keys(context)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)


class TagDetailView(PublishedArticleListMixin, ListView):
    template_name = "articles/tag_detail.html"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return super().get_queryset().filter(tags=self.tag)

    def get_page_keys(self, context):
        return [f"tag:{self.tag.pk}", f"tag-name:{self.tag.pk}", *super().get_page_keys(context)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class AuthorDetailView(PublishedArticleListMixin, ListView):
    """A byline's page: only people with a published story have one."""

    template_name = "articles/author_detail.html"

    def get_queryset(self):
        bylines = Article.objects.published().values("authors")
        self.author = get_object_or_404(
            get_user_model().objects.filter(is_active=True, pk__in=bylines),
            username=self.kwargs["username"],
        )
        return super().get_queryset().filter(authors=self.author)

    def get_page_keys(self, context):
        return [
            f"author:{self.author.pk}",
            f"author-name:{self.author.pk}",
            *super().get_page_keys(context),
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)


class SearchView(PageKeysMixin, ListView):
    """Reader search: published stories containing every word of `q`, best match first."""

    list_key = "search"
    template_name = "articles/search.html"
    context_object_name = "results"
    paginate_by = 20

    def get_queryset(self):
        self.query = ReaderQuery.parse(self.request.GET.get("q", ""))
        return Article.objects.published().search(self.query).for_cards(with_body=True)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(search_query=self.query, **kwargs)
        # Only the newest matches are ranked and shown (search.RANKED_MATCHES).
        context["more_matches"] = context["paginator"].count >= search.RANKED_MATCHES
        highlight_results(context["results"], self.query)
        return context


class FeedListView(PageKeysMixin, ListView):
    """Where the footer's RSS link leads: what a feed is, the site's feeds and each
    section's. It shows sections only, so it changes when they do."""

    template_name = "articles/feed_list.html"
    context_object_name = "sections"
    list_key = NAVIGATION

    def get_queryset(self):
        return Category.objects.all()


class CorrectionListView(PageKeysMixin, ListView):
    """Every correction of a story readers may see, the newest first."""

    list_key = CORRECTIONS_KEY
    template_name = "articles/correction_list.html"
    context_object_name = "corrections"
    paginate_by = 30
    paginator_class = CappedPaginator

    def get_queryset(self):
        return (
            Correction.objects.shown()
            .select_related("article")
            .only("text", "created_at", "article__id", "article__slug", "article__title")
        )

    def get_page_keys(self, context):
        stories = {correction.article_id for correction in context["object_list"]}
        return [CORRECTIONS_KEY, *(f"story:{pk}" for pk in stories)]
