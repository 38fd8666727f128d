from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lib.page_cache.keys import add_page_keys

from .. import masthead
from .models import BREAKING_KEY, BreakingNews

FEED_SIZE = 20


class BreakingNewsFeed(Feed):
    """The breaking lines that went live, the newest first, expired ones included: a feed
    reader keeps what it was told (a withdrawn line leaves it)."""

    language = "ar"
    description = _("Breaking news as it is announced.")

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        return add_page_keys(response, [BREAKING_KEY])

    def title(self):
        return _("%(site)s: breaking news") % {"site": masthead.NAME}

    def link(self):
        return reverse("home")

    def items(self):
        return BreakingNews.objects.for_feed().select_related("article")[:FEED_SIZE]

    def item_title(self, item):
        return item.text

    def item_description(self, item):
        return item.text

    def item_link(self, item):
        if item.article_id and item.article.is_published():
            return item.article.get_absolute_url()
        return f"{reverse('home')}#breaking-{item.pk}"

    def item_guid(self, item):
        return f"breaking-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at
