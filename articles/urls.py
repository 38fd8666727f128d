from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("news/<int:pk>/", views.ArticleDetailView.as_view(), name="detail_by_id"),
    path("news/<int:pk>/<uslug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
]
