"""The "الأكثر قراءة" block's stories, for the views that show it (home, story)."""

from ..models import Article
from .counting import most_read_ids

SHOWN = 5


def most_read_articles():
    """The five most read stories of the last 24 hours that readers may still see, as
    cards: one query by primary key, on a page being rendered only."""
    ids = most_read_ids()
    if not ids:
        return []
    found = Article.objects.published().for_cards().in_bulk(ids)
    return [found[pk] for pk in ids if pk in found][:SHOWN]
