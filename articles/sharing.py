"""How a story will look where it is shared: as a search result, and as the card WhatsApp,
X and Facebook draw from its Open Graph tags. The story form shows both beside its SEO
fields (ArticleAdmin.get_fieldsets), as text rendered here, and
static/js/sharing_preview.js redraws them as the form changes, clipping the same way.
"""

from urllib.parse import unquote

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from . import masthead

# Roughly where a search result cuts a title and a description, and a card its text.
SEARCH_TITLE_CHARS = 60
SEARCH_DESCRIPTION_CHARS = 160
CARD_TITLE_CHARS = 80
CARD_DESCRIPTION_CHARS = 110


def clip(text, limit):
    """`text` on one line, cut at `limit` characters with "…" (what the script does too)."""
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _shown_address(request, article):
    """The story's address, its Arabic slug readable: the site's own before it is saved."""
    path = article.get_absolute_url() if article.pk else "/"
    return unquote(request.build_absolute_uri(path))


def sharing_preview(request, article):
    """The preview's HTML for `article` (an unsaved one on the add form) as it is stored."""
    title, description = article.shared_title(), article.shared_description()
    photo = article.main_image if article.main_image_id else None
    suffix = str(masthead.TITLE_SUFFIX)
    context = {
        "site_name": masthead.NAME,
        "host": request.get_host(),
        "address": _shown_address(request, article),
        "suffix": suffix,
        "limits": {
            "search_title": SEARCH_TITLE_CHARS,
            "search_description": SEARCH_DESCRIPTION_CHARS,
            "card_title": CARD_TITLE_CHARS,
            "card_description": CARD_DESCRIPTION_CHARS,
        },
        "empty_title": _("The story's headline"),
        "empty_description": _("No description yet: write a standfirst or an SEO description."),
        "search_title": clip(title + suffix if title else "", SEARCH_TITLE_CHARS),
        "search_description": clip(description, SEARCH_DESCRIPTION_CHARS),
        "card_title": clip(title, CARD_TITLE_CHARS),
        "card_description": clip(description, CARD_DESCRIPTION_CHARS),
        "image": photo.og_rendition if photo else None,
    }
    return render_to_string("admin/articles/article/sharing_preview.html", context)
