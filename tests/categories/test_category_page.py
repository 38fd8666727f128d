"""Section pages list the section's published stories, sub-sections included."""

import pytest

from articles.models import Article
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def test_section_page_lists_its_and_its_subsections_stories(client):
    world = CategoryFactory(name="العالم")
    europe = CategoryFactory(name="أوروبا", parent=world, show_in_navigation=False)
    ArticleFactory(title="خبر من العالم", category=world)
    ArticleFactory(title="خبر من أوروبا", category=europe)
    ArticleFactory(title="خبر من قسم آخر")
    ArticleFactory(title="مسودة من العالم", category=world, status=Article.Status.DRAFT)

    html = client.get(world.get_absolute_url()).content.decode()
    assert "خبر من العالم" in html and "خبر من أوروبا" in html
    assert "خبر من قسم آخر" not in html
    assert "مسودة من العالم" not in html
    assert '<h1 class="page-title">العالم</h1>' in html

    html = client.get(europe.get_absolute_url()).content.decode()
    assert "خبر من أوروبا" in html and "خبر من العالم" not in html
    assert world.get_absolute_url() in html  # the parent section is linked


def test_arabic_section_address(client):
    section = CategoryFactory(name="تكنولوجيا")
    assert (
        section.get_absolute_url()
        == "/section/%D8%AA%D9%83%D9%86%D9%88%D9%84%D9%88%D8%AC%D9%8A%D8%A7/"
    )
    assert client.get("/section/تكنولوجيا/").status_code == 200


def test_unknown_section_is_404(client):
    response = client.get("/section/لا-يوجد/")
    assert response.status_code == 404
    assert "الصفحة غير موجودة" in response.content.decode()


def test_navigation_lists_sections_in_their_order(client):
    for order, name in enumerate(["أخبار", "سياسة", "أعمال"]):
        CategoryFactory(name=name, navigation_order=order)
    CategoryFactory(name="قسم مخفي", show_in_navigation=False)
    html = client.get("/").content.decode()
    footer = html[html.index('class="site-footer"') :]
    assert (
        footer.index("الرئيسية")
        < footer.index("أخبار")
        < footer.index("سياسة")
        < footer.index("أعمال")
    )
    assert "قسم مخفي" not in html


def test_section_page_query_count_does_not_grow(client, django_assert_num_queries):
    section = CategoryFactory()
    ArticleFactory.create_batch(2, category=section)
    # navigation, breaking bar, section, sub-sections, count, stories
    with django_assert_num_queries(6):
        client.get(section.get_absolute_url())
    ArticleFactory.create_batch(15, category=section)
    with django_assert_num_queries(6):
        client.get(section.get_absolute_url())


def test_a_sub_sections_page_costs_no_extra_query(client, django_assert_num_queries):
    """It links to the section above, read with the section."""
    parent = CategoryFactory(name="العالم")
    child = CategoryFactory(name="أوروبا", parent=parent)
    ArticleFactory.create_batch(2, category=child)
    with django_assert_num_queries(6):
        html = client.get(child.get_absolute_url()).content.decode()
    assert parent.get_absolute_url() in html
