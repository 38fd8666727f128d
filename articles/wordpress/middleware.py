"""The old site's addresses answer with a permanent redirect to their new ones.

It sits inside the page cache (settings.MIDDLEWARE), so a redirect is cached like any
page, named by what it leads to: a story's (`story:<id>`, retired when its address
changes or it is unpublished), a tag's, a section's (the navigation, on every page). An
import retires every page at its end, the 404s of the addresses it added among them.

A short link at the root (`/?p=123`) is answered before the view, which would show the
home page; any other old address only once the site has answered 404, so that looking one
up costs nothing to the pages that exist (a sitemap's `?p=2` among them). A story readers
cannot see (a draft, one scheduled) has no redirect yet: its old address stays a 404 until
it is published.
"""

from django.http import HttpResponsePermanentRedirect

from lib.page_cache.keys import add_page_keys

from .models import LegacyAddress

# The query parameters that name an item of the old site (the page cache keeps "p").
SHORT_LINK_PARAMETER = "p"


def redirect_for(address):
    """The redirect to an old address's story, section or tag, or None."""
    if address is None:
        return None
    if address.article_id:
        if not address.article.is_published():
            return None
        key = f"story:{address.article_id}"
    elif address.tag_id:
        key = f"tag:{address.tag_id}"
    else:
        key = f"section:{address.category_id}"
    response = HttpResponsePermanentRedirect(address.target.get_absolute_url())
    return add_page_keys(response, [key])


class LegacyAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        value = request.GET.get(SHORT_LINK_PARAMETER, "")
        short_link = f"{SHORT_LINK_PARAMETER}={value}" if value.isdigit() else ""
        if short_link and request.path == "/":  # the home page would answer it
            response = redirect_for(LegacyAddress.objects.for_request("/", short_link))
            if response is not None:
                return response
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        address = None
        if short_link:  # a blog under a folder: /news/?p=123
            address = LegacyAddress.objects.for_request(request.path, short_link)
        address = address or LegacyAddress.objects.for_request(request.path)
        return redirect_for(address) or response
