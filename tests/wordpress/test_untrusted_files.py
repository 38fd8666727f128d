"""An export is untrusted input: an XML bomb, a wrong file or a broken one stops the
import with a clear message, before anything is written (#17)."""

import pytest
from django.core.management.base import CommandError

from articles.models import Article, Image, Tag
from articles.wordpress.models import ImportedItem, LegacyAddress
from categories.models import Category

from .conftest import EXPORT, FIXTURES, run_import

pytestmark = pytest.mark.django_db


def rows():
    return [model.objects.count() for model in (Article, Image, Tag, Category, LegacyAddress,
                                                ImportedItem)]  # fmt: skip


def refused(path):
    before = rows()
    with pytest.raises(CommandError) as error:
        run_import(path)
    assert rows() == before
    return str(error.value)


def test_an_entity_expansion_attack_is_refused():
    message = refused(FIXTURES / "entity_expansion.xml")
    assert "DOCTYPE" in message and "XML bomb" in message and "Nothing was imported" in message


def test_a_file_that_is_not_an_export_is_refused(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>'
                    "<item><title>y</title></item></channel></rss>")  # fmt: skip
    assert "not a WordPress export (WXR)" in refused(feed)
    page = tmp_path / "page.xml"
    page.write_text("<html><body>hello</body></html>")
    assert "its root element is <html>" in refused(page)


def test_broken_xml_is_refused_before_any_write(tmp_path):
    """Cut short in its last item: the first reading finds it, so no post is imported."""
    data = EXPORT.read_bytes()
    broken = tmp_path / "broken.xml"
    broken.write_bytes(data[: int(len(data) * 0.9)])
    assert "not well-formed XML" in refused(broken)


def test_an_unsupported_version_is_refused(tmp_path):
    newer = tmp_path / "newer.xml"
    newer.write_bytes(EXPORT.read_bytes().replace(b"<wp:wxr_version>1.2<", b"<wp:wxr_version>2.0<"))
    assert "WXR version 2.0 is not supported" in refused(newer)


def test_a_missing_file_is_a_clear_error(tmp_path):
    assert "No such file" in refused(tmp_path / "nothing.xml")
