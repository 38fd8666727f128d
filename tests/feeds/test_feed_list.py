"""The footer's RSS link and the page it leads to: what a feed is, and every feed."""

import pytest
from django.urls import reverse

from tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db


def test_every_page_links_to_the_feeds_in_its_footer(client):
    html = client.get("/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert f'href="{reverse("feeds:index")}"' in footer and "خلاصات الأخبار (RSS)" in footer


def test_the_feeds_page_lists_the_sites_and_each_sections_feeds(client):
    sections = [
        CategoryFactory(name="رياضة"),
        CategoryFactory(name="أوروبا", show_in_navigation=False),
    ]
    response = client.get(reverse("feeds:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "الخلاصة عنوانٌ تضيفه" in html  # says what a feed is
    for url in [reverse("feeds:rss"), reverse("feeds:atom")]:
        assert f'href="{url}"' in html
    for section in sections:
        assert section.name in html
        assert f'href="{reverse("feeds:section_rss", args=[section.slug])}"' in html
        assert f'href="{reverse("feeds:section_atom", args=[section.slug])}"' in html


def test_renaming_a_section_retires_the_cached_feeds_page(client):
    section = CategoryFactory(name="اقتصاد")
    response = client.get(reverse("feeds:index"))
    assert "navigation" in response["Surrogate-Key"].split()
    section.name = "الاقتصاد والأعمال"
    section.save()
    assert "الاقتصاد والأعمال" in client.get(reverse("feeds:index")).content.decode()
