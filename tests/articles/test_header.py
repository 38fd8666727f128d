"""The reader's header: the logo reads as the site's name, never as a menu button (#14)."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_logo_is_the_sites_name_linking_home_not_a_menu_button(client):
    html = client.get("/").content.decode()
    header = html[html.index('<header class="site-header">') : html.index("</header>")]
    logo = re.search(r'<a class="logo"[^>]*>(.*?)</a>', header, re.S)
    assert logo, "the logo is a link"
    opening = logo.group(0).split(">")[0]
    assert 'href="/"' in opening and "الصفحة الرئيسية" in opening
    assert "aria-haspopup" not in opening and "aria-expanded" not in opening
    # Its mark comes with the name written out beside it, inside the same link.
    assert '<img src="/static/icons/logo' in logo.group(1) and 'alt=""' in logo.group(1)
    assert "<span>خَبَرَيْن</span>" in logo.group(1)
    # The sections are links in view; no button hides them behind an icon.
    assert re.findall(r"<button[^>]*>(.*?)</button>", header) == ["بحث"]
