"""`manage.py generate_content`: the bulk-made stories are the data save() would make."""

import re
from collections import Counter
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.utils import timezone

from articles.demo.generator import WORDS_FILE
from articles.models import Article, Image, RelatedLink, Tag, TaggedArticle
from articles.sanitizer import sanitize_html
from categories.models import Category
from lib.page_cache.keys import NAVIGATION, RETIRED_KEY
from tests.factories import ArticleFactory

from .conftest import GENERATED, generate

pytestmark = pytest.mark.django_db

ARABIC = re.compile("[\u0600-\u06ff]")


def test_counts_and_the_shared_photo(generated):
    assert generated.count() == GENERATED
    assert Image.objects.count() == 1
    assert Category.objects.count() >= 9  # the demo sections, made when there were none
    assert set(generated.values_list("main_image", flat=True)) == {Image.objects.get().pk}
    per_story = generated.annotate(
        tag_count=Count("tagged_items", distinct=True), author_count=Count("authors", distinct=True)
    )
    # 2 to 5 draws, the same popular tag drawn twice counting once.
    assert all(1 <= story.tag_count <= 5 for story in per_story)
    assert all(1 <= story.author_count <= 2 for story in per_story)
    assert RelatedLink.objects.filter(kind=RelatedLink.Kind.SEE_ALSO).exists()
    assert RelatedLink.objects.filter(kind=RelatedLink.Kind.RELATED).exists()


def test_slugs_are_unique_and_made_as_save_makes_them(generated):
    slugs = list(generated.values_list("slug", "title"))
    assert len({slug for slug, _ in slugs}) == GENERATED
    for slug, title in slugs:
        base = Article.slug_base(title)
        assert slug == base or re.fullmatch(re.escape(base) + r"-\d+", slug)


def test_a_second_run_adds_stories_and_reuses_photo_tags_and_authors(generated):
    tags, authors = Tag.objects.count(), get_user_model().objects.count()
    generate(seed=7)  # the same headlines again: slugs get -2, -3 …
    assert Article.objects.count() == 2 * GENERATED
    assert Article.objects.values("slug").distinct().count() == 2 * GENERATED
    assert Image.objects.count() == 1
    assert (Tag.objects.count(), get_user_model().objects.count()) == (tags, authors)


def test_mostly_published_some_drafts_and_scheduled_spread_over_years(generated, client):
    now = timezone.now()
    published = Article.objects.published()
    drafts = generated.exclude(status=Article.Status.PUBLISHED)
    scheduled = generated.filter(status=Article.Status.PUBLISHED, published_at__gt=now)
    assert published.count() > 0.9 * GENERATED
    assert drafts.exists() and scheduled.exists()
    assert published.count() + drafts.count() + scheduled.count() == GENERATED
    assert not drafts.filter(published_at__isnull=False).exists()
    oldest, newest = published.order_by("published_at").first(), published.first()
    assert newest.published_at - oldest.published_at > timedelta(days=365)
    for story in published.order_by("?")[:3]:
        assert story.created_at < story.published_at <= story.updated_at <= now
    # Only published stories reach readers.
    for hidden in [drafts.first(), scheduled.first()]:
        assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(newest.get_absolute_url()).status_code == 200
    home = client.get("/").content.decode()
    assert newest.get_absolute_url() in home
    assert scheduled.first().get_absolute_url() not in home


def test_links_point_to_other_existing_published_stories(generated):
    links = RelatedLink.objects.select_related("article", "target_article")
    assert links.count() > GENERATED
    for link in links:
        link.full_clean()  # a story, not a URL; not itself; not twice
        assert link.target_article.is_published()
        if link.after_paragraph:
            assert link.kind == RelatedLink.Kind.SEE_ALSO
            assert link.after_paragraph <= link.article.body.count("<p>")
    assert RelatedLink.objects.filter(kind=RelatedLink.Kind.RELATED).values("article").distinct()


def test_text_is_arabic_clean_html_and_indexed_as_save_indexes_it(generated):
    for story in generated.order_by("?")[:10]:
        assert ARABIC.search(story.title) and ARABIC.search(story.summary)
        assert sanitize_html(story.body) == story.body
        assert story.body.startswith("<h2>")
        stored = Article.objects.filter(pk=story.pk).values("search_text", "search_vector")[0]
        story.save()  # what Article.save() stores
        again = Article.objects.filter(pk=story.pk).values("search_text", "search_vector")[0]
        assert stored == again and stored["search_text"]
    assert Article.objects.search(story.title).filter(pk=story.pk).exists()


def test_tags_are_used_zipf_like(generated):
    uses = Counter(TaggedArticle.objects.values_list("tag", flat=True))
    counts = sorted(uses.values(), reverse=True)
    assert counts[0] >= 10 * counts[len(counts) // 2]
    assert all(Tag.objects.values_list("slug", flat=True))


def test_timestamps_of_ordinary_saves_are_untouched(generated):
    story = ArticleFactory()
    assert timezone.now() - story.created_at < timedelta(minutes=1)
    assert timezone.now() - story.updated_at < timedelta(minutes=1)


def test_cached_pages_are_retired(db):
    """Every page names the navigation key: retiring it retires them all."""
    retired = RETIRED_KEY.format(NAVIGATION)
    before = cache.get(retired, 0)
    output = generate(20)
    assert cache.get(retired) > before
    assert "stories/s" in output


def test_no_arabic_in_the_python_and_every_list_in_the_data_file():
    articles = WORDS_FILE.parents[1]
    for source in (
        articles / "management/commands/generate_content.py",
        articles / "demo/generator.py",
    ):
        assert not ARABIC.search(source.read_text(encoding="utf-8"))
    assert ARABIC.search(WORDS_FILE.read_text(encoding="utf-8"))


def test_nonsense_counts_are_refused(db):
    with pytest.raises(CommandError):
        call_command("generate_content", articles=-1)


def test_no_stories_only_prepares_the_shared_rows(db):
    generate(0)
    assert not Article.objects.exists()
    assert Image.objects.count() == 1 and Tag.objects.count() == 300
