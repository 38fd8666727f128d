from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, register_converter
from django.views.generic import TemplateView

from articles.breaking.feeds import BreakingNewsFeed
from articles.feeds import (
    CategoryAtomFeed,
    CategoryFeed,
    LatestArticlesAtomFeed,
    LatestArticlesFeed,
)
from articles.sitemaps import ArticleSitemap, CategorySitemap, NewsSitemap, TagSitemap
from articles.views import FeedListView, HomeView
from lib.converters import UnicodeSlugConverter, UsernameConverter
from lib.page_cache.keys import with_page_keys

register_converter(UnicodeSlugConverter, "uslug")
register_converter(UsernameConverter, "username")

# The parts of /sitemap.xml, each at /sitemap-<part>.xml.
SITEMAPS = {"stories": ArticleSitemap, "sections": CategorySitemap, "tags": TagSitemap}

# Named feeds:rss, feeds:atom, feeds:breaking, feeds:section_rss and feeds:section_atom;
# feeds:index is the page that lists them for readers.
feed_patterns = [
    path("feeds/", FeedListView.as_view(), name="index"),
    path("feeds/rss/", LatestArticlesFeed(), name="rss"),
    path("feeds/atom/", LatestArticlesAtomFeed(), name="atom"),
    path("feeds/breaking/", BreakingNewsFeed(), name="breaking"),
    path("section/<uslug:slug>/rss/", CategoryFeed(), name="section_rss"),
    path("section/<uslug:slug>/atom/", CategoryAtomFeed(), name="section_atom"),
]

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("", include((feed_patterns, "feeds"))),
    path(
        "sitemap.xml",
        with_page_keys("sitemaps")(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    # Before sitemap-<section>.xml, which would otherwise take "news" for a part.
    path(
        "sitemap-news.xml",
        with_page_keys("news-sitemap")(sitemap_views.sitemap),
        {"sitemaps": {"news": NewsSitemap}, "template_name": "sitemaps/news.xml"},
        name="sitemap_news",
    ),
    path(
        "sitemap-<section>.xml",
        with_page_keys("sitemaps")(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS, "template_name": "sitemaps/sitemap.xml"},
        name="sitemap_section",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8"),
        name="robots_txt",
    ),
    path("", include("articles.urls")),
    path("admin/", admin.site.urls),
    path("ckeditor5/", include("django_ckeditor_5.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
