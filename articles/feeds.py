"""RSS 2.0 and Atom feeds of the newest published stories, for the site and for each section."""

from urllib.parse import urljoin

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape

from categories.models import Category
from lib.page_cache.keys import add_page_keys

from . import masthead
from .bylines import person_name
from .models import Article

FEED_SIZE = 25
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"


class _ArticleFeedMixin:
    """What Django's feed generators leave out: every author of a byline, absolute photos.

    The generators write one author per item, and make item links absolute but not
    enclosure addresses (a photo under MEDIA_URL="/media/" is a bare path). The
    generator is built for one request from the request's own absolute feed address, so
    resolving against that is safe where state on the shared Feed instance would not be.
    """

    def add_item(self, *, enclosures=None, **kwargs):
        enclosures = [
            Enclosure(
                urljoin(self.feed["feed_url"], enclosure.url), enclosure.length, enclosure.mime_type
            )
            for enclosure in enclosures or ()
        ]
        super().add_item(enclosures=enclosures, **kwargs)


class ArticleRssFeed(_ArticleFeedMixin, Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": DUBLIN_CORE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        # RSS's own <author> must be an e-mail address: journalists' addresses stay private.
        for name in item["bylines"]:
            handler.addQuickElement("dc:creator", name)


class ArticleAtomFeed(_ArticleFeedMixin, Atom1Feed):
    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name in item["bylines"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.endElement("author")


class LatestArticlesFeed(Feed):
    """The site's newest stories, as RSS 2.0."""

    feed_type = ArticleRssFeed
    language = "ar"
    title = masthead.TITLE
    description = masthead.TAGLINE
    # Atom needs an author for entries without a byline; the publication is that author.
    author_name = masthead.NAME

    list_key = "feeds"

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        # The generator writes the XML piece by piece (a thousand chunks): as one, the
        # page cache stores and serves it at the cost of a single string.
        response.content = response.content
        return add_page_keys(response, request.feed_page_keys)

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        # For __call__, which adds them to the response (lib.page_cache).
        request.feed_page_keys = [
            self.list_key_of(obj),
            *(key for item in feed.items for key in item["page_keys"]),
        ]
        return feed

    def list_key_of(self, section):
        return self.list_key

    def link(self):
        return reverse("home")

    def items(self, section):
        stories = Article.objects.published()
        if section is not None:
            stories = stories.in_category(section)
        # A fixed number of queries: the stories with their section and photo, their
        # authors, their tags.
        return stories.for_cards().prefetch_related("authors", "tags").newest_first()[:FEED_SIZE]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        # RSS descriptions and Atom summaries (type="html") are HTML: the standfirst is
        # plain text, so a "<" in it must reach readers as text.
        return escape(article.summary)

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.updated_at

    def item_categories(self, article):
        # The section first; a tag named like the section is not repeated.
        return list(
            dict.fromkeys([article.category.name, *(tag.name for tag in article.tags.all())])
        )

    def item_enclosures(self, article):
        photo = article.main_image
        rendition = photo.og_rendition
        return [Enclosure(rendition.url, str(photo.og_file_size), "image/jpeg")]

    def item_extra_kwargs(self, article):
        authors = article.authors.all()
        return {
            "bylines": [person_name(author) for author in authors],
            "page_keys": [
                *article.page_keys(),
                *(f"author-name:{author.pk}" for author in authors),
                *(f"tag-name:{tag.pk}" for tag in article.tags.all()),
            ],
        }


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = ArticleAtomFeed
    subtitle = LatestArticlesFeed.description


class CategoryFeed(LatestArticlesFeed):
    """A section's newest stories, those of its sub-sections included."""

    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, section):
        return masthead.titled(section.name)

    def description(self, section):
        # Like an item's description, the channel's may be read as HTML: the section's
        # description is plain text, so its "<" must stay text.
        return escape(self.plain_description(section))

    def plain_description(self, section):
        return masthead.category_description(section)

    def link(self, section):
        return section.get_absolute_url()

    def list_key_of(self, section):
        return f"section:{section.pk}"


class CategoryAtomFeed(CategoryFeed):
    feed_type = ArticleAtomFeed

    def subtitle(self, section):
        # Atom's subtitle is type="text": no escaping of our own.
        return self.plain_description(section)
