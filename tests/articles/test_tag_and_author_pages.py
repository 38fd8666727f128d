"""Tag and author pages list the published stories they name."""

import pytest

from articles.models import Article, Tag
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_tag_page_lists_its_published_stories(client):
    tagged = ArticleFactory(title="خبر عن الطاقة", tags=["الطاقة"])
    ArticleFactory(title="مسودة عن الطاقة", tags=["الطاقة"], status=Article.Status.DRAFT)
    ArticleFactory(title="خبر آخر", tags=["رياضة"])
    tag = Tag.objects.get(name="الطاقة")
    assert tag.get_absolute_url() == "/tag/%D8%A7%D9%84%D8%B7%D8%A7%D9%82%D8%A9/"
    html = client.get(tag.get_absolute_url()).content.decode()
    assert tagged.title in html
    assert "مسودة عن الطاقة" not in html and "خبر آخر" not in html
    assert '<h1 class="page-title">الطاقة</h1>' in html


def test_unknown_tag_is_404(client):
    assert client.get("/tag/لا-يوجد/").status_code == 404


def test_author_page_lists_their_published_stories(client):
    author = UserFactory(username="laila", first_name="ليلى", last_name="حداد")
    story = ArticleFactory(title="تحقيق ليلى")
    story.authors.add(author)
    draft = ArticleFactory(title="مسودة ليلى", status=Article.Status.DRAFT)
    draft.authors.add(author)
    html = client.get("/author/laila/").content.decode()
    assert "ليلى حداد" in html and "تحقيق ليلى" in html
    assert "مسودة ليلى" not in html


def test_people_without_published_stories_have_no_page(client):
    UserFactory(username="nobody")
    writer_of_drafts = UserFactory(username="drafter")
    ArticleFactory(status=Article.Status.DRAFT).authors.add(writer_of_drafts)
    assert client.get("/author/nobody/").status_code == 404
    assert client.get("/author/drafter/").status_code == 404
    assert client.get("/author/no-such-person/").status_code == 404


@pytest.mark.parametrize("make_url", ["tag", "author"])
def test_list_query_count_does_not_grow(client, django_assert_num_queries, make_url):
    author = UserFactory(username="writer")
    for _ in range(3):
        ArticleFactory(tags=["اقتصاد"]).authors.add(author)
    url = Tag.objects.get().get_absolute_url() if make_url == "tag" else "/author/writer/"
    # navigation, breaking bar, tag or author, count, stories
    with django_assert_num_queries(5):
        client.get(url)
    for _ in range(12):
        ArticleFactory(tags=["اقتصاد", "أسواق"]).authors.add(author)
    with django_assert_num_queries(5):
        client.get(url)
