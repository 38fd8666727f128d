from django.shortcuts import get_object_or_404
from django.views.generic import ListView

from articles.views import PublishedStoriesMixin

from .models import Category


class CategoryDetailView(PublishedStoriesMixin, ListView):
    template_name = "categories/category_detail.html"

    def select_stories(self, published):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        return published.in_category(self.category)

    def get_page_keys(self, context):
        return [f"section:{self.category.pk}", *super().get_page_keys(context)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)
