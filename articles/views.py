from django.shortcuts import redirect
from django.views.generic import DetailView, ListView

from .models import Article


class ArticleQuerysetMixin:
    """Readers see published stories; staff also see drafts and scheduled ones."""

    def get_queryset(self):
        articles = Article.objects.all()
        if not self.request.user.is_staff:
            articles = articles.published()
        return articles


class HomeView(ListView):
    template_name = "articles/home.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        return Article.objects.published().for_cards().newest_first()


class ArticleDetailView(ArticleQuerysetMixin, DetailView):
    context_object_name = "article"
    query_pk_and_slug = False

    def get_queryset(self):
        return super().get_queryset().with_related()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if kwargs.get("slug") != self.object.slug:
            return redirect(self.object, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))
