from django.urls import path

from . import views

app_name = "categories"

urlpatterns = [
    path("section/<uslug:slug>/", views.CategoryDetailView.as_view(), name="detail"),
]
