"""Stories written from the word lists and sentence patterns in
articles/data/generator_words.txt, as rows for `generate_content` to write in bulk: the
same columns Article.save() would give them (slug, sanitised-form body, version, search
columns), with their tags, bylines and links."""

import itertools
import random
import re
import uuid
from collections import deque
from datetime import timedelta
from html import escape
from pathlib import Path

from django.core.management.base import CommandError
from django.utils import timezone

from articles import search
from articles.models import (
    Article,
    RelatedLink,
    Tag,
)
from lib.text import TakenSlugs

WORDS_FILE = Path(__file__).resolve().parents[1] / "data" / "generator_words.txt"
_SLOT = re.compile(r"\{(\w+)\}")

# What share of stories is in each state; the rest is published.
DRAFT_SHARE, REVIEW_SHARE = 0.03, 0.01
# One story in this many is scheduled for later (in the coming weeks).
SCHEDULED_EVERY = 1000
FEATURED_SHARE = 0.005
SECOND_AUTHOR_SHARE = 0.1
# Share of stories whose editor picked related stories; the others fall back to the
# automatic block (shared tags, then section), as real stories do.
RELATED_PICKS_SHARE = 0.75
# How many recent stories of each section links are drawn from.
LINK_POOL_SIZE = 300
# Zipf exponent of tag use: a few tags on very many stories, most on a few.
TAG_ZIPF_EXPONENT = 1.0


# Text ---------------------------------------------------------------------------


def read_word_lists(path=WORDS_FILE):
    """{list name: [entries]} from the data file's "[name]" sections."""
    lists, current = {}, None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = lists.setdefault(line[1:-1], [])
        elif current is None:
            raise CommandError(f"{path}:{number}: an entry before the first [list]")
        else:
            current.append(line)
    return lists


class ArticleWriter:
    """Headlines, standfirsts and bodies from the data file's patterns."""

    def __init__(self, lists, rng):
        self.lists, self.rng = lists, rng
        self.subjects = [tuple(entry.split(":", 1)) for entry in lists["subjects"]]
        self.verbs = [tuple(entry.split("|", 1)) for entry in lists["verbs"]]
        self.fills = {
            "object": lists["objects"],
            "place": lists["places"],
            "time": lists["times"],
            "speaker": lists["speakers"],
            "claim": lists["claims"],
            "context": lists["contexts"],
            "number": lists["numbers"],
        }

    def pick(self, name, index):
        entries = self.lists[name]
        return entries[index % len(entries)]

    def fill(self, pattern):
        """The pattern with every slot filled; the verb agrees with the subject's gender."""
        gender, subject = self.rng.choice(self.subjects)
        masculine, feminine = self.rng.choice(self.verbs)
        chosen = {"subject": subject, "verb": feminine if gender == "f" else masculine}
        choice = self.rng.choice
        return _SLOT.sub(
            lambda match: chosen.get(match[1]) or choice(self.fills[match[1]]), pattern
        )

    def headline(self):
        return self.fill(self.rng.choice(self.lists["headline_patterns"]))[:200]

    def sentence(self):
        return self.fill(self.rng.choice(self.lists["sentence_patterns"]))

    def summary(self):
        return " ".join(self.sentence() for _ in range(self.rng.randint(1, 2)))[:600]

    def body(self):
        """(HTML as the sanitiser would store it, its blocks' texts, number of paragraphs)."""
        rng, parts, texts, paragraphs = self.rng, [], [], 0
        for heading in rng.sample(self.lists["headings"], rng.randint(2, 3)):
            parts.append(f"<h2>{escape(heading, quote=False)}</h2>")
            texts.append(heading)
            for _ in range(rng.randint(1, 2)):
                text = " ".join(self.sentence() for _ in range(rng.randint(2, 3)))
                parts.append(f"<p>{escape(text, quote=False)}</p>")
                texts.append(text)
                paragraphs += 1
        return "\n".join(parts), texts, paragraphs

    def tag_names(self):
        topics, countries = self.lists["tag_topics"], self.lists["tag_countries"]
        yield from topics
        yield from countries
        for topic, country in itertools.product(topics, countries):
            yield f"{topic} {country}"


class GeneratedArticle:
    __slots__ = ("article", "tags", "authors", "paragraphs", "category_id", "visible")

    def __init__(self, article, tags, authors, paragraphs, visible):
        self.article, self.tags, self.authors = article, tags, authors
        self.paragraphs, self.category_id, self.visible = paragraphs, article.category_id, visible


class ArticleGenerator:
    """Makes unsaved Article rows (and what links to them) in time order, oldest first."""

    def __init__(self, writer, rng, sections, photos, authors, tags, taken_slugs, years, using):
        if not photos or not authors or not tags or not sections:
            raise CommandError("Sections, photos, authors and tags are all needed.")
        self.writer, self.rng = writer, rng
        self.photos, self.authors, self.tags = photos, authors, tags
        self.section_ids = [pk for pk, _ in sections]
        self.section_weights = list(itertools.accumulate(weight for _, weight in sections))
        self.tag_weights = list(
            itertools.accumulate(1 / (rank + 1) ** TAG_ZIPF_EXPONENT for rank in range(len(tags)))
        )
        self.taken_slugs = TakenSlugs(taken_slugs)
        self.now = timezone.now()
        self.span = timedelta(days=365 * years)
        self.pools = {pk: deque(maxlen=LINK_POOL_SIZE) for pk in self.section_ids}
        self.links = self.tag_uses = 0
        self.using = using
        self.search_words = SearchWords()
        # Stories are searched by their tags' names, as stored (a spelling may differ).
        self.tag_names = dict(
            Tag.objects.using(using).filter(pk__in=tags).values_list("pk", "name")
        )
        # Links are drawn where the stories are stored (another thread, maybe), after
        # their ids are known: with their own random numbers, a seed still repeats a run.
        self.link_rng = random.Random(rng.random())

    def slug(self, title):
        return self.taken_slugs.claim(Article.slug_base(title))

    def moment(self, index, total):
        """Story `index` of `total`, spread evenly over the span, ending now."""
        fraction = (index + self.rng.random()) / total
        return self.now - self.span * (1 - fraction)

    def article(self, index, total):
        rng, writer = self.rng, self.writer
        title, summary = writer.headline(), writer.summary()
        body, blocks, paragraphs = writer.body()
        written = self.moment(index, total)
        status, published_at = Article.Status.PUBLISHED, written
        roll = rng.random()
        last_of_few = total < SCHEDULED_EVERY and index == total - 1
        if index % SCHEDULED_EVERY == SCHEDULED_EVERY - 1 or last_of_few:
            # Ready and scheduled: goes live within the coming weeks.
            published_at = self.now + timedelta(hours=1 + rng.random() * 24 * 40)
            written = self.now - timedelta(hours=rng.random() * 48)
        elif roll < DRAFT_SHARE:
            status, published_at = Article.Status.DRAFT, None
        elif roll < DRAFT_SHARE + REVIEW_SHARE:
            status, published_at = Article.Status.REVIEW, None
        created_at = written - timedelta(minutes=rng.randint(10, 360))
        updated_at = (published_at or written) + timedelta(seconds=rng.randint(0, 50))
        if published_at and published_at < self.now and rng.random() < 0.1:
            # Edited after it went out: an update a few hours later.
            updated_at = min(self.now, published_at + timedelta(hours=rng.uniform(1, 48)))
        authors = [rng.choice(self.authors)]
        if rng.random() < SECOND_AUTHOR_SHARE:
            authors = list(dict.fromkeys([*authors, rng.choice(self.authors)]))
        category_id = rng.choices(self.section_ids, cum_weights=self.section_weights)[0]
        tag_count = rng.randint(2, 5)
        tags = set(rng.choices(self.tags, cum_weights=self.tag_weights, k=tag_count))
        self.tag_uses += len(tags)
        # What search.index_parts(title, summary, body, tags) gives, from the blocks' texts.
        search_parts = (
            self.search_words(title),
            self.search_words(summary),
            self.search_words(*sorted(self.tag_names[tag] for tag in tags)),
            self.search_words(*blocks),
        )
        article = Article(
            title=title,
            slug=self.slug(title),
            summary=summary,
            body=body,
            main_image_id=rng.choice(self.photos),
            category_id=category_id,
            status=status,
            published_at=published_at,
            is_featured=rng.random() < FEATURED_SHARE,
            created_by_id=authors[0],
            updated_by_id=authors[0],
            created_at=created_at,
            updated_at=updated_at,
            version=uuid.uuid4(),
            **search.index_columns(search_parts, self.using),
        )
        visible = published_at is not None and published_at <= self.now
        return GeneratedArticle(article, tags, authors, paragraphs, visible)

    def links_for(self, story, article_id):
        """See-also and related links to earlier published stories, mostly of the section."""
        rng, links = self.link_rng, []
        own = self.pools[story.category_id]
        see_also = self._targets(own, rng.choice((0, 1, 1, 2)))
        for position, target in enumerate(see_also):
            after = rng.randint(1, story.paragraphs) if rng.random() < 0.5 else None
            links.append(
                RelatedLink(
                    article_id=article_id,
                    kind=RelatedLink.Kind.SEE_ALSO,
                    target_article_id=target,
                    after_paragraph=after,
                    position=position,
                )
            )
        if rng.random() < RELATED_PICKS_SHARE:
            elsewhere = self.pools[rng.choice(self.section_ids)]
            related = self._targets(own, rng.randint(1, 3)) + self._targets(elsewhere, 1)
            for position, target in enumerate(dict.fromkeys(related)):
                links.append(
                    RelatedLink(
                        article_id=article_id,
                        kind=RelatedLink.Kind.RELATED,
                        target_article_id=target,
                        position=position,
                    )
                )
        if story.visible:
            own.append(article_id)
        self.links += len(links)
        return links

    def _targets(self, pool, count):
        count = min(count, len(pool))
        if not count:
            return []
        # The newest stories are linked most: pick from the latest part of the pool.
        rng = self.link_rng
        recent = max(count, len(pool) // 3) if rng.random() < 0.7 else len(pool)
        start = len(pool) - recent
        return [pool[start + i] for i in rng.sample(range(recent), count)]


class SearchWords:
    """search.keywords() of texts, joined, from a cache of each whitespace-separated token's.

    keywords() normalises and filters word by word, and no word spans whitespace, so a
    text's keywords are its tokens' in order; the generator's vocabulary is small, so almost
    every token is found in the cache. tests/scale compares the result with index_parts().
    """

    def __init__(self):
        self.cache = {}

    def __call__(self, *texts):
        words = []
        for text in texts:
            for token in text.split():
                found = self.cache.get(token)
                if found is None:
                    found = self.cache[token] = search.keywords(token)
                words.extend(found)
        return " ".join(words)
