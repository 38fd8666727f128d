"""The photo file inputs say what they do in Arabic: our button over the browser's own
"Choose File / No file chosen" (#14)."""

import re

import pytest
from django.urls import reverse

from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


def picker(html, name):
    """The file picker of the input called `name`: its input, button and what was chosen."""
    found = re.search(r'<span class="file-picker">(.*?)</span>\s*</span>', html, re.S)
    assert found, "no file picker"
    markup = found.group(1)
    assert f'name="{name}"' in markup
    return markup


def test_the_batch_upload_has_an_arabic_button_for_several_photos(photo_desk_client):
    html = photo_desk_client.get(reverse("admin:articles_image_upload")).content.decode()
    markup = picker(html, "files")
    assert 'type="file"' in markup and "multiple" in markup
    assert 'class="file-picker__input"' in markup
    # The button is the input's label: a click or the input's focus and a key open it.
    assert '<label class="file-picker__button" for="id_files">اختر الصور…</label>' in markup
    assert "لم تُختر أي صورة بعد" in markup
    assert "js/file_picker" in html and "css/file_picker" in html


def test_a_photos_own_form_has_an_arabic_button_for_one_photo(photo_desk_client):
    html = photo_desk_client.get(reverse("admin:articles_image_add")).content.decode()
    markup = picker(html, "file")
    assert '<label class="file-picker__button" for="id_file">اختر صورة…</label>' in markup
    assert "multiple" not in markup
    assert 'accept="image/' in markup


def test_a_stored_photo_is_named_and_can_be_replaced(photo_desk_client, photo_desk):
    photo = ImageFactory(uploaded_by=photo_desk)
    html = photo_desk_client.get(
        reverse("admin:articles_image_change", args=[photo.pk])
    ).content.decode()
    assert "حاليًا" in html or "حالياً" in html
    picker(html, "file")
