"""Schema.org descriptions of pages (JSON-LD) for search engines."""

from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _

from . import masthead
from .bylines import person_name


def _publisher(request):
    return {
        "@type": "NewsMediaOrganization",
        "name": masthead.NAME,
        "alternateName": masthead.LATIN_NAME,
        "url": request.build_absolute_uri("/"),
        "logo": {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(static("icons/logo-512.png")),
            "width": 512,
            "height": 512,
        },
    }


def news_article(article, request):
    url = request.build_absolute_uri(article.get_absolute_url())
    image = article.main_image.og_rendition
    return {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.summary,
        "image": [
            {
                "@type": "ImageObject",
                "url": request.build_absolute_uri(image.url),
                "width": image.width,
                "height": image.height,
                "caption": article.main_image.caption,
                "creditText": article.main_image.credit,
            }
        ],
        "datePublished": article.published_at.isoformat() if article.published_at else None,
        "dateModified": (article.last_update or article.updated_at).isoformat(),
        "author": [
            {
                "@type": "Person",
                "name": person_name(author),
                "url": request.build_absolute_uri(
                    reverse("articles:author", args=[author.get_username()])
                ),
            }
            for author in article.authors.all()
        ]
        or _publisher(request),
        "publisher": _publisher(request),
        "articleSection": article.category.name,
        "keywords": [tag.name for tag in article.tags.all()],
        "inLanguage": "ar",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        **corrections(article, url),
        **live_blog(article, url, request),
    }


def live_blog(article, url, request):
    """A story with live coverage is a LiveBlogPosting: its coverage's start and (once
    closed) end, and its updates as BlogPostings, as readers see them."""
    if not article.has_live_coverage():
        return {}
    document = {
        "@type": "LiveBlogPosting",
        "coverageStartTime": article.live_started_at.isoformat(),
        "liveBlogUpdate": [
            {
                "@type": "BlogPosting",
                "headline": update.text.splitlines()[0][:110],
                "articleBody": update.text,
                "datePublished": update.created_at.isoformat(),
                "url": f"{url}#update-{update.pk}",
                **(
                    {"image": request.build_absolute_uri(update.photo.og_rendition.url)}
                    if update.photo_id
                    else {}
                ),
            }
            for update in article.shown_live_updates
        ],
    }
    if article.live_ended_at:
        document["coverageEndTime"] = article.live_ended_at.isoformat()
    return document


def corrections(article, url):
    """schema.org's `correction`: each correction as a dated CorrectionComment."""
    shown = list(article.corrections.all())
    if not shown:
        return {}
    return {
        "correction": [
            {
                "@type": "CorrectionComment",
                "text": correction.text,
                "datePublished": correction.created_at.isoformat(),
                "url": f"{url}#correction-{correction.pk}",
            }
            for correction in shown
        ]
    }


def breadcrumbs(article, request):
    trail = [(_("Home"), "/")]
    if article.category.parent_id:
        parent = article.category.parent
        trail.append((parent.name, parent.get_absolute_url()))
    trail.append((article.category.name, article.category.get_absolute_url()))
    trail.append((article.title, article.get_absolute_url()))
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": request.build_absolute_uri(url),
            }
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def website(request):
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": masthead.NAME,
        "alternateName": masthead.LATIN_NAME,
        "url": request.build_absolute_uri("/"),
        "inLanguage": "ar",
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": request.build_absolute_uri("/search/") + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }
