from django.contrib import admin

from .models import Category


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "show_in_navigation", "navigation_order"]
    list_editable = ["show_in_navigation", "navigation_order"]
    list_filter = ["show_in_navigation", "parent"]
    search_fields = ["name", "description"]
    autocomplete_fields = ["parent"]
    fields = ["name", "slug", "parent", "description", "show_in_navigation", "navigation_order"]
