from django.contrib import admin

from ..workflow import may_publish
from .models import Correction


class CorrectionInline(admin.StackedInline):
    """The story form's corrections: dated, in the order they were made. Editors add and
    put them right on a published story; everyone else reads them."""

    model = Correction
    extra = 0
    fields = ["text", "created_at"]
    readonly_fields = ["created_at"]
    classes = ["corrections"]

    def has_add_permission(self, request, obj=None):
        return self._may_correct(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_correct(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_correct(request, obj)

    def _may_correct(self, request, obj):
        from articles.models import Article

        return (
            obj is not None
            and obj.status == Article.Status.PUBLISHED
            and may_publish(request.user)
            and request.user.has_perm("articles.add_correction")
        )
