"""Readers get cached pages from Redis, and never one that is out of date."""

import time
from datetime import timedelta

import pytest
import redis
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, RelatedLink
from lib.page_cache.middleware import local_copies
from tests.cache.conftest import REDIS_URL
from tests.factories import ArticleFactory, CategoryFactory, RelatedLinkFactory, UserFactory

# Changes retire cached pages when their transaction commits: these tests commit.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("redis_page_cache")]


@pytest.fixture
def story():
    section = CategoryFactory(name="أوروبا", navigation_order=1)
    article = ArticleFactory(title="العنوان الأول", category=section, tags=["باريس"])
    return article


def pages_of(article):
    return [
        "/",
        article.get_absolute_url(),
        article.category.get_absolute_url(),
        article.tags.get().get_absolute_url(),
    ]


def warm(client, urls):
    for url in urls:
        assert client.get(url).status_code == 200


def test_a_second_visit_is_served_from_the_cache(client, story, django_assert_num_queries):
    warm(client, pages_of(story))
    for url in pages_of(story):
        with django_assert_num_queries(0):
            response = client.get(url)
        assert response.status_code == 200
        assert "العنوان الأول" in response.content.decode()


def test_another_process_is_served_from_redis(client, story, django_assert_num_queries):
    """A worker that has no copy of a page takes the one another worker put in Redis."""
    warm(client, pages_of(story))
    local_copies.clear()  # as in a worker that never served these pages
    for url in pages_of(story):
        with django_assert_num_queries(0):
            assert "العنوان الأول" in client.get(url).content.decode()


def test_an_edit_shows_on_the_very_next_request_everywhere(client, story):
    warm(client, pages_of(story))
    story.title = "العنوان بعد التعديل"
    story.save()
    for url in pages_of(story):
        html = client.get(url).content.decode()
        assert "العنوان بعد التعديل" in html, url
        assert "العنوان الأول" not in html, url


def test_publishing_and_unpublishing_show_at_once(client, story):
    draft = ArticleFactory(title="خبر ينتظر النشر", status=Article.Status.DRAFT, published_at=None,
                           category=story.category)  # fmt: skip
    warm(client, ["/", story.category.get_absolute_url()])
    draft.status = Article.Status.PUBLISHED
    draft.save()
    assert "خبر ينتظر النشر" in client.get("/").content.decode()
    assert "خبر ينتظر النشر" in client.get(story.category.get_absolute_url()).content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 200

    draft.status = Article.Status.DRAFT
    draft.save()
    assert "خبر ينتظر النشر" not in client.get("/").content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_deleted_story_disappears(client, story):
    warm(client, pages_of(story))
    url = story.get_absolute_url()
    Article.objects.filter(pk=story.pk).delete()  # as the admin's delete action does
    assert client.get(url).status_code == 404
    assert "العنوان الأول" not in client.get("/").content.decode()


def test_a_new_caption_shows_at_once(client, story):
    warm(client, [story.get_absolute_url()])
    photo = story.main_image
    photo.caption = "تعليق جديد على الصورة"
    photo.save()
    assert "تعليق جديد على الصورة" in client.get(story.get_absolute_url()).content.decode()


def test_a_related_link_change_shows_at_once(client, story):
    warm(client, [story.get_absolute_url()])
    link = RelatedLinkFactory(
        article=story,
        kind=RelatedLink.Kind.SEE_ALSO,
        target_article=ArticleFactory(title="خبر مرتبط جديد"),
    )
    assert "خبر مرتبط جديد" in client.get(story.get_absolute_url()).content.decode()
    link.delete()
    html = client.get(story.get_absolute_url()).content.decode()
    assert "شاهد ايضاً" not in html


def test_renaming_and_reordering_sections_show_at_once(client, story):
    sport = CategoryFactory(name="رياضة", navigation_order=2)
    warm(client, ["/", story.get_absolute_url()])
    story.category.name = "القارة الأوروبية"
    story.category.save()
    html = client.get(story.get_absolute_url()).content.decode()
    assert "القارة الأوروبية" in html
    sport.navigation_order = 0
    sport.save()
    footer = client.get("/").content.decode().split('class="site-footer"')[1]
    assert footer.index("رياضة") < footer.index("القارة الأوروبية")


def test_a_scheduled_story_appears_on_time(client, story):
    go_live = timezone.now() + timedelta(minutes=10)
    ArticleFactory(title="خبر مجدول", published_at=go_live, category=story.category)
    warm(client, ["/"])
    with time_machine.travel(go_live - timedelta(seconds=1), tick=False):
        assert "خبر مجدول" not in client.get("/").content.decode()
    with time_machine.travel(go_live + timedelta(seconds=1), tick=False):
        assert "خبر مجدول" in client.get("/").content.decode()


def test_the_cache_keeps_no_page_past_the_next_publication(client, story):
    ArticleFactory(published_at=timezone.now() + timedelta(seconds=90))
    response = client.get("/")
    max_age = int(response["Cache-Control"].split("max-age=")[1].split(",")[0])
    assert 0 < max_age <= 90


def test_staff_always_get_fresh_pages(client, story, django_assert_max_num_queries):
    warm(client, [story.get_absolute_url()])
    client.force_login(UserFactory(is_staff=True))
    Article.objects.filter(pk=story.pk).update(title="تعديل لا يمر عبر save")
    html = client.get(story.get_absolute_url()).content.decode()
    assert "تعديل لا يمر عبر save" in html


def test_reader_pages_are_ready_for_a_cdn(client, story):
    response = client.get(story.get_absolute_url())
    directives = {part.strip().split("=")[0] for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age", "s-maxage", "stale-while-revalidate"} <= directives
    assert response["ETag"]
    again = client.get(story.get_absolute_url(), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_a_cached_page_keeps_its_security_headers(client, story, django_assert_num_queries):
    first = client.get(story.get_absolute_url())
    with django_assert_num_queries(0):
        again = client.get(story.get_absolute_url())
    policy = again["Content-Security-Policy"]
    assert policy == first["Content-Security-Policy"] and "script-src 'self'" in policy
    assert again["X-Content-Type-Options"] == "nosniff"


def test_the_admin_is_never_cached(client, story):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(reverse("admin:articles_article_changelist"))
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control


def test_responses_that_set_cookies_are_not_shared(client, story):
    client.get(reverse("admin:login"))  # sets the CSRF cookie for this client only
    other = client.__class__()
    response = other.get(reverse("admin:login"))
    assert response.status_code == 200
    assert "csrftoken" in response.cookies


def test_a_page_read_often_is_still_rendered_again_when_it_expires(
    client, story, settings, django_assert_num_queries
):
    """Readers keep a page hot, yet "how long ago" must move on: a page in constant use
    is rendered again PAGE_CACHE_SECONDS after it was stored, not kept alive by its use."""
    settings.PAGE_CACHE_SECONDS = 1
    url = story.get_absolute_url()
    warm(client, [url])
    time.sleep(0.6)
    with django_assert_num_queries(0):
        client.get(url)  # served from this process's copy
    time.sleep(0.7)
    with django_assert_num_queries(8):
        assert client.get(url).status_code == 200


def test_pages_rendered_together_do_not_all_expire_together(client, settings, key_prefix):
    """Pages rendered in one burst (a cold start, a key many pages name) come due again
    spread over the last quarter of their lifetime, not all in the same second."""
    section = CategoryFactory()
    urls = [ArticleFactory(category=section).get_absolute_url() for _ in range(12)]
    warm(client, urls)
    stored = redis.Redis.from_url(REDIS_URL)
    lifetimes = [stored.ttl(key) for key in stored.scan_iter(f"{key_prefix}:*page:*")]
    assert len(lifetimes) == len(urls)
    assert all(
        settings.PAGE_CACHE_SECONDS * 0.75 - 1 <= ttl <= settings.PAGE_CACHE_SECONDS
        for ttl in lifetimes
    )
    assert len(set(lifetimes)) > 3


def test_a_story_leaves_the_cached_pages_at_the_end_of_its_display(client, story):
    """Issue 16: the first request at the end of display retires its pages, no cron."""
    ends = timezone.now().replace(microsecond=0) + timedelta(minutes=10)
    ending = ArticleFactory(title="خبر ينتهي عرضه", expires_at=ends, category=story.category)
    warm(client, ["/", ending.get_absolute_url()])
    with time_machine.travel(ends - timedelta(seconds=1), tick=False):
        assert "خبر ينتهي عرضه" in client.get("/").content.decode()
    with time_machine.travel(ends, tick=False):
        assert "خبر ينتهي عرضه" not in client.get("/").content.decode()
        assert client.get(ending.get_absolute_url()).status_code == 404


def test_a_breaking_line_shows_on_cached_pages_at_once_and_leaves_at_its_expiry(client, story):
    """Issue 16: every page names `breaking`; a line put live retires them all, and its
    expiry comes due like a scheduled story, no cron."""
    from articles.models import BreakingNews

    urls = ["/", story.get_absolute_url(), story.category.get_absolute_url()]
    warm(client, urls)
    line = BreakingNews.objects.create(text="خبر عاجل للاختبار")
    line.go_live(UserFactory(is_staff=True))
    for url in urls:
        assert "خبر عاجل للاختبار" in client.get(url).content.decode(), url
    assert "breaking" in client.get("/")["Surrogate-Key"].split()
    with time_machine.travel(line.expires_at - timedelta(seconds=1), tick=False):
        assert "خبر عاجل للاختبار" in client.get("/").content.decode()
    with time_machine.travel(line.expires_at, tick=False):
        for url in urls:
            assert "خبر عاجل للاختبار" not in client.get(url).content.decode(), url


def test_a_proposed_line_leaves_the_cached_pages_in_place(client, story, django_assert_num_queries):
    from articles.models import BreakingNews

    warm(client, ["/"])
    BreakingNews.objects.create(text="اقتراح")
    with django_assert_num_queries(0):
        client.get("/")


def test_a_live_update_retires_its_story_and_fragment_only(
    client, story, django_assert_num_queries
):
    """Issue 16: an update names `live:<id>`, which only the story's page and its updates
    fragment show: the home page and the section stay cached."""
    from articles.models import LiveUpdate

    live = ArticleFactory(title="تغطية مباشرة", is_live=True, category=story.category)
    fragment = reverse("articles:live_updates", args=[live.pk])
    warm(client, ["/", live.category.get_absolute_url(), live.get_absolute_url(), fragment])
    LiveUpdate.objects.create(article=live, text="تحديث جديد من الميدان")
    assert "تحديث جديد من الميدان" in client.get(fragment).content.decode()
    assert "تحديث جديد من الميدان" in client.get(live.get_absolute_url()).content.decode()
    with django_assert_num_queries(0):
        client.get("/")
        client.get(live.category.get_absolute_url())
