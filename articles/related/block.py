"""The related-news block ("أخبار ذات صلة") under a story: the editor's picks, else the
stories of the same days sharing most of its tags, then of its section; and the page
keys that retire a block chosen automatically when a story that belongs in it arrives."""

from datetime import timedelta

from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone

from .models import RelatedLink

BLOCK_SIZE = 4
# Related news is news of the same days: candidates are published within LOOKBACK either
# side of the story, at most CANDIDATES of them, so the cost is bounded however much the
# newsroom publishes and however large the archive.
LOOKBACK = timedelta(days=30)
CANDIDATES = 500
# Page keys of the automatic block count days in spans of this many.
KEY_DAYS = 15

# The story's model is reached through the story (`type(article)`, `article.tags.through`):
# articles/models.py and page_keys.py import this module, so it cannot import them.


def related_links(article, limit=BLOCK_SIZE):
    """The block, as links: each to a story (its `target_article` loaded for a card) or
    to another site. The editor's picks; without any, unsaved links to the stories
    sharing most tags, then of the same section.

    Either way one query loads the cards, so the page's query count does not depend on
    how many links or tags a story has.
    """
    picks = article.links_of_kind(RelatedLink.Kind.RELATED)
    if picks:
        targets = (
            type(article)
            .objects.for_cards()
            .in_bulk([link.target_article_id for link in picks if link.target_article_id])
        )
        for link in picks:
            if link.target_article_id in targets:
                link.target_article = targets[link.target_article_id]
        return [link for link in picks if link.is_external or link.target_article_id in targets]
    return [
        RelatedLink(article=article, kind=RelatedLink.Kind.RELATED, target_article=other)
        for other in articles_like(article, limit)
    ]


def articles_like(article, limit):
    """Published stories of its days sharing most of its tags, then of its section."""
    tag_ids = [tag.pk for tag in article.tags.all()]
    # The candidate's uses of this story's tags.
    sharing = article.tags.through.objects.filter(content_object=OuterRef("pk"), tag_id__in=tag_ids)
    shared_tags = sharing.values("content_object").annotate(count=Count("pk")).values("count")
    articles = type(article).objects
    moment = article.published_at or timezone.now()
    candidates = (
        articles.published()
        .filter(published_at__range=(moment - LOOKBACK, moment + LOOKBACK))
        .newest_first()
        .values("pk")[:CANDIDATES]
    )
    return list(
        articles.published()
        .for_cards()
        .filter(pk__in=candidates)
        .exclude(pk=article.pk)
        .filter(Q(category_id=article.category_id) | Exists(sharing))
        .annotate(shared_tags=Subquery(shared_tags))
        .order_by(models.F("shared_tags").desc(nulls_last=True), "-published_at", "-pk")[:limit]
    )


def _key_span(moment):
    return int(moment.timestamp()) // (KEY_DAYS * 24 * 60 * 60)


def block_keys(article):
    """Named by its page while the block is chosen automatically: a story published in
    its section or with one of its tags, in its days, may join it."""
    if article.links_of_kind(RelatedLink.Kind.RELATED):
        return []
    moment = article.published_at or timezone.now()
    spans = range(_key_span(moment - LOOKBACK), _key_span(moment + LOOKBACK) + 1)
    names = [f"section:{article.category_id}", *(f"tag:{tag.pk}" for tag in article.tags.all())]
    return [f"related:{name}:{span}" for name in names for span in spans]


def candidate_keys(article, tag_ids, also_in=()):
    """What its arrival retires of other stories' automatic blocks: those of its section
    or tags whose days (LOOKBACK either side) include its own."""
    span = _key_span(article.published_at or timezone.now())
    sections = {article.category_id, *also_in}
    return [
        *(f"related:section:{pk}:{span}" for pk in sections),
        *(f"related:tag:{pk}:{span}" for pk in tag_ids),
    ]
