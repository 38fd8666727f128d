from django.utils.functional import SimpleLazyObject

from .models import BAR_SIZE, BreakingNews


def breaking(request):
    """The live breaking lines of the bar at the top of every reader page: read when a
    template asks (one query), never on the admin's pages, which do not."""
    return {
        "breaking_news": SimpleLazyObject(
            lambda: list(BreakingNews.objects.live().select_related("article")[:BAR_SIZE])
        )
    }
