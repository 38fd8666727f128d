from django.urls import path

from . import views
from .photos.views import upload_image
from .reads.views import ReadView

app_name = "articles"

urlpatterns = [
    path("news/<int:pk>/", views.ArticleDetailView.as_view(), name="detail_by_id"),
    path("news/<int:pk>/<uslug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("live/<int:pk>/", views.LiveUpdatesView.as_view(), name="live_updates"),
    path("section/<uslug:slug>/", views.CategoryDetailView.as_view(), name="category"),
    path("tag/<uslug:slug>/", views.TagDetailView.as_view(), name="tag"),
    path("author/<username:username>/", views.AuthorDetailView.as_view(), name="author"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("corrections/", views.CorrectionListView.as_view(), name="corrections"),
    # A read of a story (the most read block): never cached (PAGE_CACHE_UNCACHED_PREFIXES).
    path("read/<int:pk>/", ReadView.as_view(), name="read"),
    # The address of django-ckeditor-5's own upload view, which stores files unchecked:
    # matched here first (this module is included before the library's), ours replaces it.
    path("ckeditor5/image_upload/", upload_image, name="editor_image_upload"),
]
