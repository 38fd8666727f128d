"""The editors' list of equivalent terms ("مرادفات البحث"). Journalists have no
permission on it (the roles: migrations 0003 and 0016), so every view of it refuses them."""

from django.contrib import admin


class SynonymGroupAdmin(admin.ModelAdmin):
    list_display = ["terms"]
    search_fields = ["terms"]
    fields = ["terms"]
