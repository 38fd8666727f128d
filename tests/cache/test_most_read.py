"""Most read ("الأكثر قراءة", issue 16), in the real Redis: reads counted once per reader,
story and hour, without cookies or stored addresses, bots left out; the top five of the
last 24 hours on the home and story pages; cached pages never retired by a read."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.reads import counting
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("redis_page_cache")]

BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"


def read(story, agent=BROWSER, address="203.0.113.7", method="post"):
    client = Client(HTTP_USER_AGENT=agent, REMOTE_ADDR=address)
    return getattr(client, method)(reverse("articles:read", args=[story.pk]))


def reads_of(story):
    return dict(counting.top_of_last_day()).get(story.pk, 0)


@pytest.fixture
def story():
    return ArticleFactory(title="الخبر الأكثر قراءة", category=CategoryFactory(name="العالم"))


def test_a_reader_counts_once_per_story_and_hour(story):
    start = timezone.now()
    for _ in range(3):
        assert read(story).status_code == 204
    assert reads_of(story) == 1
    read(story, agent=BROWSER + " Firefox")  # another browser on the same address
    read(story, address="198.51.100.9")  # another reader
    assert reads_of(story) == 3
    # Each reader's mark lives an hour in Redis (whose clock no test moves); once gone,
    # the same reader counts again.
    client = counting._redis()
    marks = client.keys(cache.make_key(counting.SEEN_KEY.format(digest="*")))
    assert len(marks) == 3
    assert all(3590 <= client.ttl(mark) <= 3600 for mark in marks)
    client.delete(*marks)
    with time_machine.travel(start + timedelta(hours=1, minutes=1)):
        read(story)
        assert reads_of(story) == 4


def test_bots_and_prefetches_are_not_counted(story):
    read(story, agent="Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")
    read(story, agent="facebookexternalhit/1.1")
    read(story, agent="")
    Client(HTTP_USER_AGENT=BROWSER, HTTP_SEC_PURPOSE="prefetch").post(
        reverse("articles:read", args=[story.pk])
    )
    assert reads_of(story) == 0


def test_a_story_readers_cannot_see_is_not_counted(story):
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    read(draft)
    Client(HTTP_USER_AGENT=BROWSER).post("/read/999999/")
    assert counting.top_of_last_day() == []


def test_no_cookie_no_cache_and_a_pixel_without_javascript(story):
    response = read(story, method="get")
    assert response.status_code == 200 and response["Content-Type"] == "image/gif"
    assert response.content.startswith(b"GIF89a")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert not response.cookies
    assert "Surrogate-Key" not in response or "story" not in response["Surrogate-Key"]
    assert reads_of(story) == 1


def test_no_address_is_stored_and_the_salt_changes_daily(story):
    read(story, address="203.0.113.77")
    client = counting._redis()
    keys = client.keys("*")
    values = [client.get(key) for key in keys if client.type(key) == b"string"]
    assert not any(b"203.0.113.77" in part for part in [*keys, *filter(None, values)])
    now = timezone.now()
    today = counting.reader_digest("203.0.113.77", BROWSER, story.pk, now)
    assert today == counting.reader_digest("203.0.113.77", BROWSER, story.pk, now)
    tomorrow = counting.reader_digest("203.0.113.77", BROWSER, story.pk, now + timedelta(days=1))
    assert tomorrow != today


def test_the_top_is_the_last_24_hours(story):
    old = ArticleFactory(title="خبر قرئ أمس")
    now = timezone.now()
    for _ in range(5):
        counting.add_read(old.pk, now - timedelta(hours=25))
    counting.add_read(old.pk, now - timedelta(hours=23))
    counting.add_read(story.pk, now)
    counting.add_read(story.pk, now - timedelta(hours=3))
    assert counting.top_of_last_day(now) == [(story.pk, 2), (old.pk, 1)]


def test_the_block_shows_the_five_most_read_on_home_and_story_pages(client, story):
    stories = [ArticleFactory(title=f"خبر مقروء {n}") for n in range(6)]
    for rank, item in enumerate(stories):
        for _ in range(10 - rank):
            counting.add_read(item.pk)
    hidden = ArticleFactory(title="خبر مقروء ثم سحب")
    for _ in range(50):
        counting.add_read(hidden.pk)
    hidden.status = Article.Status.DRAFT
    hidden.save()
    for url in ["/", story.get_absolute_url()]:
        page = client.get(url).content.decode()
        block = page.split('class="most-read"')[1].split("</section>")[0]
        assert "الأكثر قراءة" in block
        titles = [f"خبر مقروء {n}" for n in range(5)]
        assert [block.index(title) for title in titles] == sorted(
            block.index(title) for title in titles
        )
        assert "خبر مقروء 5" not in block and "خبر مقروء ثم سحب" not in block


def test_a_read_never_retires_a_cached_page(client, story, django_assert_num_queries):
    url = story.get_absolute_url()
    client.get(url)
    read(story)
    read(story, address="198.51.100.1")
    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200
        assert client.get(url).status_code == 200


def test_the_block_is_added_up_again_every_few_minutes(client, settings, story):
    settings.PAGE_CACHE_SECONDS = 0
    first = ArticleFactory(title="الأول في القراءة")
    counting.add_read(first.pk)
    assert "الأول في القراءة" in client.get("/").content.decode()
    second = ArticleFactory(title="الثاني يتقدم")
    for _ in range(3):
        counting.add_read(second.pk)
    page = client.get("/").content.decode()
    assert "الثاني يتقدم" not in page.split('class="most-read"')[1].split("</section>")[0]
    cache.delete(counting.TOP_KEY)  # as MOST_READ_SECONDS passing does
    block = client.get("/").content.decode().split('class="most-read"')[1]
    assert block.index("الثاني يتقدم") < block.index("الأول في القراءة")


def test_the_story_page_carries_the_beacon_and_the_no_script_image(client, story):
    page = client.get(story.get_absolute_url()).content.decode()
    url = reverse("articles:read", args=[story.pk])
    assert f'data-read-url="{url}"' in page
    assert f'<noscript><img class="read-pixel" src="{url}"' in page
    assert "/static/js/reads." in page
