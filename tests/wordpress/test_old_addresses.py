"""Every old address of an imported site answers 301 with the new one (#17): a post's
link, its post_name permalink and its ?p=ID short link, and the category and tag
archives; cached like any page."""

from urllib.parse import quote

import pytest
from django.test import Client

from articles.models import Tag
from articles.wordpress.models import ImportedItem
from categories.models import Category

pytestmark = pytest.mark.django_db


def story(post_id):
    return ImportedItem.objects.get(kind="post", wordpress_id=post_id).article


def assert_redirects(address, target):
    response = Client().get(address)
    assert response.status_code == 301, address
    assert response["Location"] == target
    return response


@pytest.mark.parametrize(
    "address",
    [
        # The link as the export gives it (percent-encoded Arabic) …
        "/2024/05/14/%d9%82%d9%85%d8%a9-%d8%a8%d8%a7%d8%b1%d9%8a%d8%b3-"
        "%d9%84%d8%aa%d8%b9%d8%b2%d9%8a%d8%b2-%d8%a7%d9%84%d8%af%d9%81%d8%a7%d8%b9%d8%a7%d8%aa/",
        # … without its final slash, and the post_name permalink.
        "/2024/05/14/" + quote("قمة-باريس-لتعزيز-الدفاعات"),
        "/" + quote("قمة-باريس-لتعزيز-الدفاعات") + "/",
        "/?p=101",
        "/?p=101&utm_source=whatsapp",
    ],
)
def test_a_posts_old_addresses_redirect_to_its_story(imported, address):
    response = assert_redirects(address, story(101).get_absolute_url())
    assert f"story:{story(101).pk}" in response["Surrogate-Key"].split()


def test_the_story_a_redirect_leads_to_shows_its_photo_and_body(imported):
    response = Client().get("/?p=101", follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "قمة باريس لتعزيز الدفاعات" in page
    assert "وزير الخارجية والمبعوث الدولي يتبادلان التحيات" in page  # the photo's alt text
    assert "فلان الفلاني/رويترز" in page  # its credit
    assert "مدرجات الملعب ممتلئة بالجماهير" in page  # the photo inside the text


def test_a_redirect_follows_the_story_when_its_slug_changes(imported):
    article = story(103)
    article.slug = "oil-prices"
    article.save()
    assert_redirects("/?p=103", f"/news/{article.pk}/oil-prices/")


def test_category_and_tag_archives_redirect(imported):
    international = Category.objects.get(name="سياسة دولية")
    for path in ("/category/سياسة/سياسة-دولية/", "/category/سياسة-دولية/"):
        assert_redirects(quote(path), international.get_absolute_url())
    # The spelling variant's archive leads to the one tag; the other's is the same address.
    europe = Tag.objects.get(name="أوروبا")
    assert_redirects(quote("/tag/اوروبا/"), europe.get_absolute_url())
    assert Client().get(quote("/tag/أوروبا/")).status_code == 200


def test_stories_readers_cannot_see_have_no_redirect_yet(imported):
    assert Client().get("/?p=104").status_code == 200  # scheduled: the home page
    assert Client().get("/budget-next-year/").status_code == 404
    assert Client().get("/?p=105").status_code == 200  # a draft
    assert Client().get("/?p=107").status_code == 200  # private: never imported


def test_pages_and_unknown_addresses_are_404(imported):
    assert Client().get("/about/").status_code == 404
    assert Client().get("/2024/05/14/no-such-post/").status_code == 404


def test_the_redirect_is_cached_like_any_page(
    imported, redis_page_cache, django_assert_num_queries
):
    target = story(101).get_absolute_url()
    first = assert_redirects("/?p=101", target)
    assert "public" in first["Cache-Control"]
    with django_assert_num_queries(0):
        second = assert_redirects("/?p=101", target)
    assert second["Cache-Tag"] == first["Cache-Tag"]
