from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, ListView

from categories.models import Category
from khabarayn.pagination import CappedPaginator

from . import search
from .models import Article, Tag
from .search import ReaderQuery, highlight_results

TOP_STORIES = 4
STORIES_PER_SECTION = 4


class ArticleQuerysetMixin:
    """Readers see published stories; the newsroom also sees drafts and scheduled ones."""

    def get_queryset(self):
        articles = Article.objects.all()
        if not self.request.user.has_perm("articles.view_article"):
            articles = articles.published()
        return articles


class PublishedStoriesMixin:
    """Pagination and the published, newest-first order shared by every list of stories."""

    context_object_name = "articles"
    paginate_by = 20
    paginator_class = CappedPaginator

    def get_queryset(self):
        return self.select_stories(Article.objects.published()).for_cards().newest_first()

    def select_stories(self, published):
        return published


class HomeView(ListView):
    """The front page: the lead, top stories and each section's newest; then the latest."""

    template_name = "articles/home.html"
    context_object_name = "latest"
    paginate_by = 12
    paginator_class = CappedPaginator

    def get_queryset(self):
        return Article.objects.published().for_cards().newest_first()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context["page_obj"].number == 1:
            context.update(self.front_page())
        return context

    def front_page(self):
        published = Article.objects.published().for_cards()
        lead = published.lead_first().first()
        if lead is None:
            return {}
        top_stories = published.exclude(pk=lead.pk).order_by(
            "-is_featured", "-published_at", "-pk"
        )[:TOP_STORIES]
        families = Category.objects.navigation_families()
        by_section = published.newest_by_section(
            {section.pk: ids for section, ids in families}, STORIES_PER_SECTION
        )
        return {
            "lead": lead,
            "top_stories": top_stories,
            "section_blocks": [
                (section, by_section[section.pk])
                for section, _ in families
                if by_section[section.pk]
            ],
        }


class ArticleDetailView(ArticleQuerysetMixin, DetailView):
    context_object_name = "article"

    def get_queryset(self):
        return super().get_queryset().with_related()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if kwargs.get("slug") != self.object.slug:
            return redirect(self.object, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))


class TagDetailView(PublishedStoriesMixin, ListView):
    template_name = "articles/tag_detail.html"

    def select_stories(self, published):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return published.filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class AuthorDetailView(PublishedStoriesMixin, ListView):
    """A byline's page: only people with a published story have one."""

    template_name = "articles/author_detail.html"

    def select_stories(self, published):
        self.author = get_object_or_404(
            get_user_model().objects.filter(is_active=True, pk__in=published.values("authors")),
            username=self.kwargs["username"],
        )
        return published.filter(authors=self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)


class SearchView(ListView):
    """Reader search: published stories containing every word of `q`, best match first."""

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
