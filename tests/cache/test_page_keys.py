"""Every kind of change retires exactly the cached pages that show it, in the real Redis.

Each test warms every kind of reader page that shows one story (its page, the home page,
its section and the section above, its tag, its author, the feeds, the sitemaps, a search,
and the stories whose see-also and related blocks link to it), makes one change as the
newsroom would, then asks for every page again: each must be what a fresh render gives
now, and the pages the change shows on must have changed. A draft saved and an unrelated
story edited must leave the cached pages in place (no query at all).
"""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.models import Article, Image, RelatedLink
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    ImageFactory,
    RelatedLinkFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("redis_page_cache")]

NOW = timezone.now().replace(microsecond=0)


@pytest.fixture(autouse=True)
def frozen_clock():
    """Cards say how long ago a story went out: a fresh render must not differ for that."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def newsroom():
    region = CategoryFactory(name="الشرق الأوسط", slug="middle-east")
    lebanon = CategoryFactory(name="لبنان", slug="lebanon", parent=region)
    sport = CategoryFactory(name="رياضة", slug="sport")
    author = UserFactory(username="rana", first_name="رنا", last_name="الخطيب")
    story = ArticleFactory(
        title="انتخابات بلدية في بيروت",
        summary="الناخبون يتوجهون إلى صناديق الاقتراع في العاصمة اللبنانية",
        category=lebanon,
        tags=["بيروت"],
        published_at=NOW - timedelta(hours=2),
    )
    story.authors.add(author)
    linking = ArticleFactory(title="خبر يحيل إلى الانتخابات", category=sport,
                             published_at=NOW - timedelta(hours=5))  # fmt: skip
    RelatedLinkFactory(article=linking, kind=RelatedLink.Kind.SEE_ALSO, target_article=story)
    picking = ArticleFactory(title="خبر يختار الانتخابات", category=sport,
                             published_at=NOW - timedelta(hours=6))  # fmt: skip
    RelatedLinkFactory(article=picking, kind=RelatedLink.Kind.RELATED, target_article=story)
    return {
        "story": story,
        "linking": linking,
        "picking": picking,
        "author": author,
        "lebanon": lebanon,
        "region": region,
        "sport": sport,
    }


def pages(newsroom):
    """{name: address} of every page that shows the story."""
    story = newsroom["story"]
    return {
        "story": story.get_absolute_url(),
        "home": "/",
        "section": newsroom["lebanon"].get_absolute_url(),
        "parent section": newsroom["region"].get_absolute_url(),
        "tag": story.tags.get().get_absolute_url(),
        "author": f"/author/{newsroom['author'].username}/",
        "rss": "/feeds/rss/",
        "atom": "/feeds/atom/",
        "section rss": f"/section/{newsroom['lebanon'].slug}/rss/",
        "parent section rss": f"/section/{newsroom['region'].slug}/rss/",
        "sitemap": "/sitemap-stories.xml",
        "news sitemap": "/sitemap-news.xml",
        "search": "/search/?q=الناخبون",
        "see also": newsroom["linking"].get_absolute_url(),
        "related": newsroom["picking"].get_absolute_url(),
    }


def fresh(client, settings, url):
    """The page as it renders now, past every cache."""
    seconds, settings.PAGE_CACHE_SECONDS = settings.PAGE_CACHE_SECONDS, 0
    try:
        return client.get(url).content
    finally:
        settings.PAGE_CACHE_SECONDS = seconds


def warm(client, urls, django_assert_num_queries):
    """Every page rendered, stored, and then served from the cache without a query."""
    before = {name: client.get(url).content for name, url in urls.items()}
    for url in urls.values():
        with django_assert_num_queries(0):
            client.get(url)
    return before


def assert_current(client, settings, urls, before, changed):
    """Every page is what a fresh render gives; those in `changed` differ from before."""
    for name, url in urls.items():
        served = client.get(url).content
        assert served == fresh(client, settings, url), f"{name} is stale"
        if name in changed:
            assert served != before[name], f"{name} should show the change"


ALL = {
    "story", "home", "section", "parent section", "tag", "author", "rss", "atom",
    "section rss", "parent section rss", "sitemap", "news sitemap", "search", "see also",
    "related",
}  # fmt: skip


def edit_headline(newsroom):
    story = newsroom["story"]
    story.title = "انتخابات بلدية في بيروت وطرابلس"
    story.save()


def unpublish(newsroom):
    story = newsroom["story"]
    story.status = Article.Status.DRAFT
    story.save()


def delete(newsroom):
    Article.objects.filter(pk=newsroom["story"].pk).delete()  # as the admin's action does


def new_caption(newsroom):
    photo = newsroom["story"].main_image
    photo.caption = "صناديق الاقتراع في مدرسة ببيروت"
    photo.alt_text = "ناخبة تضع ورقتها في صندوق الاقتراع"
    photo.save()


def add_see_also(newsroom):
    target = ArticleFactory(title="نتائج الانتخابات السابقة", category=newsroom["sport"],
                            published_at=NOW - timedelta(days=40))  # fmt: skip
    RelatedLinkFactory(article=newsroom["story"], kind=RelatedLink.Kind.SEE_ALSO,
                       target_article=target)  # fmt: skip


def remove_see_also(newsroom):
    RelatedLink.objects.get(article=newsroom["linking"]).delete()


def rename_tag(newsroom):
    tag = newsroom["story"].tags.get()
    tag.name = "بيروت العاصمة"
    tag.save()


def rename_section(newsroom):
    section = newsroom["lebanon"]
    section.name = "لبنان اليوم"
    section.save()


def rename_author(newsroom):
    author = newsroom["author"]
    author.first_name = "رنا م."
    author.save()


def retag(newsroom):
    newsroom["story"].tags.set(["الانتخابات"])


def remove_byline(newsroom):
    newsroom["story"].authors.clear()


CHANGES = [
    (edit_headline, ALL),
    (unpublish, ALL),
    (delete, ALL),
    (
        new_caption,
        {"story", "home", "section", "parent section", "tag", "author", "search", "related"},
    ),  # fmt: skip
    (add_see_also, {"story"}),
    (remove_see_also, {"see also"}),
    (rename_tag, {"story", "tag", "rss", "atom", "section rss", "parent section rss"}),
    (rename_section, ALL - {"sitemap", "news sitemap"}),
    (rename_author, {"story", "author", "rss", "atom", "section rss", "parent section rss"}),
    (retag, {"story", "tag", "rss", "atom", "section rss", "parent section rss"}),
    (remove_byline, {"story", "author", "rss", "atom", "section rss", "parent section rss"}),
]


@pytest.mark.parametrize(("change", "changed"), CHANGES, ids=[c.__name__ for c, _ in CHANGES])
def test_a_change_shows_on_every_page_that_shows_it(
    client, settings, newsroom, change, changed, frozen_clock, django_assert_num_queries
):
    urls = pages(newsroom)
    before = warm(client, urls, django_assert_num_queries)
    frozen_clock.shift(timedelta(seconds=5))  # a later save: a later lastmod
    change(newsroom)
    assert_current(client, settings, urls, before, changed)


def test_publishing_shows_on_every_list_at_once(
    client, settings, newsroom, django_assert_num_queries
):
    draft = ArticleFactory(
        title="الناخبون يختارون مجلساً جديداً", category=newsroom["lebanon"], tags=["بيروت"],
        status=Article.Status.DRAFT, published_at=None,
    )  # fmt: skip
    draft.authors.add(newsroom["author"])
    urls = {**pages(newsroom), "new story": f"/news/{draft.pk}/{draft.slug}/"}
    before = warm(client, urls, django_assert_num_queries)
    draft.status = Article.Status.PUBLISHED
    draft.save()
    lists = ALL - {"story", "see also", "related"}
    assert_current(client, settings, urls, before, lists | {"new story"})


def test_a_scheduled_story_comes_due_on_its_lists_to_the_second(
    client, settings, newsroom, frozen_clock, django_assert_num_queries
):
    due = NOW + timedelta(minutes=10)
    scheduled = ArticleFactory(
        title="الناخبون ينتظرون النتائج", category=newsroom["lebanon"], tags=["بيروت"],
        published_at=due,
    )  # fmt: skip
    scheduled.authors.add(newsroom["author"])
    urls = {**pages(newsroom), "new story": f"/news/{scheduled.pk}/{scheduled.slug}/"}
    # Warmed a minute ahead: a page stored one second before is kept one second of real
    # time, less than a slow machine may take to ask for them all again.
    frozen_clock.move_to(due - timedelta(minutes=1))
    before = warm(client, urls, django_assert_num_queries)
    assert b"\xd9\x8a\xd9\x86\xd8\xaa\xd8\xb8\xd8\xb1\xd9\x88\xd9\x86" not in before["home"]
    frozen_clock.move_to(due - timedelta(seconds=1))
    with django_assert_num_queries(0):
        assert client.get(urls["home"]).content == before["home"]
    frozen_clock.move_to(due)
    lists = ALL - {"story", "see also", "related"}
    assert_current(client, settings, urls, before, lists | {"new story"})
    # Its own lists only: a story of another section and tag stays cached.
    with django_assert_num_queries(0):
        client.get(urls["see also"])


def test_a_draft_saved_leaves_every_cached_page_in_place(
    client, newsroom, django_assert_num_queries
):
    draft = ArticleFactory(title="مسودة", category=newsroom["lebanon"], tags=["بيروت"],
                           status=Article.Status.DRAFT, published_at=None)  # fmt: skip
    urls = pages(newsroom)
    warm(client, urls, django_assert_num_queries)
    draft.title = "مسودة معدلة"
    draft.save()
    draft.tags.set(["بيروت", "مسودات"])
    draft.authors.add(newsroom["author"])
    RelatedLinkFactory(article=draft, kind=RelatedLink.Kind.SEE_ALSO,
                       target_article=newsroom["story"])  # fmt: skip
    ImageFactory()  # a photo uploaded, on no page yet
    for url in urls.values():
        with django_assert_num_queries(0):
            assert client.get(url).status_code == 200


def test_an_old_storys_edit_leaves_the_other_pages_in_place(
    client, settings, newsroom, frozen_clock, django_assert_num_queries
):
    """A story from the archive, on none of these pages, is edited: they stay cached."""
    old = ArticleFactory(title="خبر من الأرشيف", category=newsroom["sport"], tags=["أرشيف"],
                         published_at=NOW - timedelta(days=900))  # fmt: skip
    # Far down the lists: the home page and sport's first page show the newest only.
    for number in range(25):
        ArticleFactory(title=f"خبر رياضي {number}", category=newsroom["sport"],
                       published_at=NOW - timedelta(days=number + 1, hours=1))  # fmt: skip
    urls = {**pages(newsroom), "old story": old.get_absolute_url()}
    before = warm(client, urls, django_assert_num_queries)
    frozen_clock.shift(timedelta(seconds=5))
    old.title = "خبر من الأرشيف بعد التصحيح"
    old.save()
    stays = ALL - {"sitemap", "search"}  # the sitemap shows its lastmod; search its words
    for name in stays:
        with django_assert_num_queries(0, info=name):
            client.get(urls[name])
    assert_current(client, settings, urls, before, {"old story", "sitemap"})


def test_pages_name_their_keys_for_a_cdn(client, newsroom):
    story = newsroom["story"]
    response = client.get(story.get_absolute_url())
    keys = response["Surrogate-Key"].split()
    assert {f"story:{story.pk}", f"photo:{story.main_image_id}", "navigation"} <= set(keys)
    assert f"tag-name:{story.tags.get().pk}" in keys
    assert f"author-name:{newsroom['author'].pk}" in keys
    assert response["Cache-Tag"] == ",".join(keys)
    home = client.get("/")["Surrogate-Key"].split()
    assert {"home", f"story:{story.pk}", "navigation"} <= set(home)
    assert "not-found" in client.get("/news/999999/nothing/")["Surrogate-Key"].split()
    # Served from the cache, a page still names them.
    assert client.get(story.get_absolute_url())["Surrogate-Key"].split() == keys


def test_a_photo_replaced_inside_a_storys_text_retires_that_story(
    client, settings, newsroom, django_assert_num_queries
):
    photo = ImageFactory()
    story = newsroom["story"]
    figure = f'<figure class="image"><img src="{photo.body_rendition.url}" alt="صورة"></figure>'
    story.body = f"<p>فقرة.</p>{figure}"
    story.save()
    urls = {"story": story.get_absolute_url()}
    before = warm(client, urls, django_assert_num_queries)
    Image.objects.filter(pk=photo.pk).get().save()  # the photo re-saved: its keys
    assert_current(client, settings, urls, before, set())
    assert f"story:{story.pk}" in Image.objects.get(pk=photo.pk).page_keys()


def test_signing_in_and_a_new_password_retire_nothing(client, newsroom, django_assert_num_queries):
    urls = {"author": f"/author/{newsroom['author'].username}/"}
    warm(client, urls, django_assert_num_queries)
    author = get_user_model().objects.get(pk=newsroom["author"].pk)
    author.set_password("another-long-password")
    author.save(update_fields=["password"])
    author.last_login = timezone.now()
    author.save(update_fields=["last_login"])
    with django_assert_num_queries(0):
        client.get(urls["author"])
