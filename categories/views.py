from django.shortcuts import get_object_or_404
from django.views.generic import ListView

from articles.views import PublishedArticleListMixin

from .models import Category


class CategoryDetailView(PublishedArticleListMixin, ListView):
    template_name = "categories/category_detail.html"

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
