from django.shortcuts import get_object_or_404
from django.views.generic import ListView

from articles.models import Article

from .models import Category


class CategoryDetailView(ListView):
    template_name = "categories/category_detail.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        return Article.objects.published().in_category(self.category).for_cards().newest_first()

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)
