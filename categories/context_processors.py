from .models import Category


def navigation(request):
    """The sections of the header and footer, read once per page."""
    return {"navigation_categories": Category.objects.in_navigation()}
