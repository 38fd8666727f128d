import json
from datetime import datetime
from urllib.parse import quote

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import formats, timezone
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from articles import bylines, cards, masthead, structured_data
from lib import text
from lib.hijri import hijri_date

register = template.Library()

# (network, label, address pattern); {url} and {title} are percent-encoded. Brand names
# stay as the brands write them; the rest is translated.
SHARE_NETWORKS = [
    ("facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php?u={url}"),
    ("twitter", "X/Twitter", "https://twitter.com/intent/tweet?url={url}&text={title}"),
    ("linkedin", "LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?url={url}"),
    ("whatsapp", "WhatsApp", "https://wa.me/?text={title}%20{url}"),
    ("telegram", "Telegram", "https://t.me/share/url?url={url}&text={title}"),
    ("email", _("Email"), "mailto:?subject={title}&body={url}"),
]


@register.inclusion_tag("includes/share_links.html", takes_context=True)
def share_links(context, article):
    """Plain share links built from the story's canonical address: no third-party script.

    Usage: {% share_links article %}
    """
    request = context["request"]
    url = quote(request.build_absolute_uri(article.get_absolute_url()), safe="")
    title = quote(article.title, safe="")
    return {
        "share_links": [
            {
                "network": network,
                "label": label,
                "icon": f"icons/{network}.svg",
                "url": pattern.format(url=url, title=title),
            }
            for network, label, pattern in SHARE_NETWORKS
        ]
    }


_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(*documents):
    """<script type="application/ld+json"> blocks, escaped so no text can end the element.

    Usage: {% json_ld document [document …] %}
    """
    return format_html_join(
        "\n",
        '<script type="application/ld+json">{}</script>',
        (
            (
                mark_safe(
                    json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
                        _JSON_SCRIPT_ESCAPES
                    )
                ),
            )  # noqa: S308
            for document in documents
        ),
    )


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's address without tracking or other parameters, but with its page number.

    Usage: {% canonical_url %}
    """
    request = context["request"]
    url = request.build_absolute_uri(request.path)
    page = context.get("page_obj")
    if page is not None and page.number > 1:
        url += f"?page={page.number}"
    return url


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """`url` as a full address: a path gets this site's; a photo on a bucket keeps its own.

    Usage: {% absolute_url image.url %}
    """
    return context["request"].build_absolute_uri(url)


@register.simple_tag(takes_context=True)
def article_structured_data(context, article):
    """Usage: {% article_structured_data article %}

    Nothing for a story readers cannot see yet: the newsroom's preview of a draft,
    which may still lack its photo and section, is for no search engine.
    """
    if not article.is_published():
        return ""
    request = context["request"]
    return json_ld(
        structured_data.news_article(article, request),
        structured_data.breadcrumbs(article, request),
    )


@register.simple_tag(takes_context=True)
def website_structured_data(context):
    """Usage: {% website_structured_data %}"""
    return json_ld(structured_data.website(context["request"]))


@register.simple_tag
def site_name():
    """Usage: {% site_name %} or {% site_name as site %}"""
    return masthead.NAME


@register.simple_tag
def site_title():
    """The home page's title. Usage: {% site_title %}"""
    return masthead.TITLE


@register.filter
def person_name(user):
    """How a person is named (articles/bylines.py); nothing for nobody. Usage:
    {{ user|person_name }}"""
    return bylines.person_name(user) if user else ""


@register.simple_tag
def list_separator():
    """Between the names of a list written out in a template. Usage: {% list_separator %}"""
    return text.list_separator()


@register.simple_tag
def title_suffix():
    """What follows a page's own title. Usage: {% title_suffix %}"""
    return masthead.TITLE_SUFFIX


@register.simple_tag
def category_description(category):
    """Usage: {% category_description category %}"""
    return masthead.category_description(category)


@register.simple_tag
def site_tagline():
    """Usage: {% site_tagline %}"""
    return masthead.TAGLINE


@register.simple_tag
def article_card(article, heading="h2", lead_card=False):
    """A story's card (articles/cards.py keeps each one rendered).

    Usage: {% article_card article heading="h3" %}
    """
    return cards.render_card(article, time_ago(article.published_at), heading, lead_card)


@register.filter
def machine_time(value):
    """A moment for <time datetime> and metadata: ISO 8601 to the second, local offset.

    Usage: {{ article.published_at|machine_time }}
    """
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


@register.filter
def time_ago(value):
    """How long ago `value` was, as an Arabic reader says it: "منذ دقيقتين", "منذ 3 ساعات",
    "منذ أسبوع ويومين".

    Django's timesince and naturaltime take these from Django's own Arabic catalogue, which
    says "منذ 2 دقيقة" and "1 أسبوع، 2 يومين"; ours has all six Arabic plural forms, the
    first (zero) saying "منذ لحظات". A month or more ago, or a time still to come (a
    scheduled story's preview), is shown as the date.

    Usage: {{ article.published_at|time_ago }}
    """
    if not value:
        return ""
    seconds = (timezone.now() - value).total_seconds()
    if seconds < 0 or seconds >= 30 * 86400:
        return formats.date_format(timezone.localtime(value), "DATE_FORMAT")
    minutes, hours, days = int(seconds // 60), int(seconds // 3600), int(seconds // 86400)
    if minutes < 60:
        return ngettext("%(count)d minute ago", "%(count)d minutes ago", minutes) % {
            "count": minutes
        }
    if hours < 24:
        return ngettext("%(count)d hour ago", "%(count)d hours ago", hours) % {"count": hours}
    if days < 7:
        return ngettext("%(count)d day ago", "%(count)d days ago", days) % {"count": days}
    weeks, days = divmod(days, 7)
    said = ngettext("%(count)d week ago", "%(count)d weeks ago", weeks) % {"count": weeks}
    if not days:
        return said
    # "منذ أسبوع" and "يومين" make "منذ أسبوع ويومين": the days are counted on their own.
    return gettext("%(weeks)s and %(days)s") % {
        "weeks": said,
        "days": ngettext("%(count)d day", "%(count)d days", days) % {"count": days},
    }


@register.filter
def hijri(value):
    """The Hijri (Umm al-Qura) date of a moment or a day, in the site's time zone: "20
    جمادى الآخرة 1448 هـ"; "" when settings.HIJRI_DATES is off or the date is outside
    the calendar's tables (lib/hijri.py).

    Usage: {{ article.published_at|hijri }}
    """
    if not value or not settings.HIJRI_DATES:
        return ""
    if isinstance(value, datetime):
        value = timezone.localdate(value)
    return hijri_date(value)


@register.inclusion_tag("includes/todays_date.html")
def todays_date():
    """Today in the header: the Gregorian date with its weekday, and the Hijri date.

    A cached page keeps the date it was rendered with for PAGE_CACHE_SECONDS at most.

    Usage: {% todays_date %}
    """
    return {"today": timezone.localdate()}
