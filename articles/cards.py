"""Story cards rendered once per process and reused while what they show stays the same.

A card (templates/includes/article_card.html) is most of what a listing renders: the home
page shows some sixty. Each is kept under everything it shows (headline, standfirst,
address, time, section, photo), so a card is never out of date: a story edited, a photo
re-captioned or a section renamed is simply a card not seen before. What changes with
the clock alone, how long ago the story went out ("منذ دقيقتين"), is written in on each
use. A page that must be rendered because one story changed re-renders that one card.
"""

import threading

from cachetools import LRUCache
from django.template.loader import get_template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

CARD_TEMPLATE = "includes/article_card.html"
# Stands for the card's "how long ago" while the card is rendered for keeping. A "<" in
# anything a journalist wrote reaches the HTML escaped, so this cannot occur in a card.
TIME_AGO_MARK = "<time-ago/>"
# Cards are a few kilobytes: this many keep every card of the pages readers see most.
KEPT_CARDS = 5000

_cards = LRUCache(maxsize=KEPT_CARDS)
_lock = threading.Lock()


def card_key(article, heading, lead_card):
    """Everything the card shows, from the story, its section and its photo."""
    photo, section = article.main_image, article.category
    return (
        article.pk,
        article.slug,
        article.title,
        article.summary,
        article.published_at,
        section.pk,
        section.name,
        section.slug,
        photo and (photo.pk, photo.file.name, photo.width, photo.height, photo.alt_text),
        heading,
        lead_card,
    )


def render_card(article, time_ago, heading="h2", lead_card=False):
    """The card's HTML, saying `time_ago` for how long ago the story went out."""
    key = card_key(article, heading, lead_card)
    with _lock:
        html = _cards.get(key)
    if html is None:
        html = get_template(CARD_TEMPLATE).render(
            {
                "article": article,
                "heading": heading,
                "lead_card": lead_card,
                "time_ago_text": mark_safe(TIME_AGO_MARK),  # noqa: S308 - a constant
            }
        )
        with _lock:
            _cards[key] = html
    return mark_safe(html.replace(TIME_AGO_MARK, conditional_escape(time_ago)))  # noqa: S308


def forget_cards():
    """For tests that change a template or the photo files under a card."""
    with _lock:
        _cards.clear()
