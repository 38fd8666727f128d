"""A photo a story shows cannot be deleted; deleting an unused one removes its files (issue 5)."""

import shutil

import pytest
from django.core.cache import cache
from django.urls import reverse

from articles.models import Image
from tests.factories import ArticleFactory, ImageFactory

pytestmark = pytest.mark.django_db

EXPLANATION = "لا يمكن حذف صورة يعرضها خبر. تعرضها هذه الأخبار:"


def delete_url(image):
    return reverse("admin:articles_image_delete", args=[image.pk])


def test_delete_page_names_the_stories_using_the_photo(admin_client):
    image = ImageFactory()
    first = ArticleFactory(main_image=image, title="قمة باريس لتعزيز الدفاعات")
    second = ArticleFactory(main_image=image, title="وزراء أوروبا يجتمعون")

    response = admin_client.get(delete_url(image))
    assert response.status_code == 200
    html = response.content.decode()
    assert EXPLANATION in html
    assert "قمة باريس لتعزيز الدفاعات، وزراء أوروبا يجتمعون" in html or (
        "وزراء أوروبا يجتمعون، قمة باريس لتعزيز الدفاعات" in html
    )
    for story in (first, second):
        assert reverse("admin:articles_article_change", args=[story.pk]) in html
    assert "نعم، أنا متأكد" not in html  # no button to confirm the delete


def test_confirming_the_delete_of_a_used_photo_changes_nothing(admin_client, stored_files):
    image = ImageFactory()
    ArticleFactory(main_image=image)
    files_before = stored_files()
    response = admin_client.post(delete_url(image), {"post": "yes"})
    assert response.status_code == 200
    assert EXPLANATION in response.content.decode()
    assert Image.objects.filter(pk=image.pk).exists()
    assert stored_files() == files_before


def test_bulk_delete_refuses_when_any_photo_is_used(admin_client):
    used, unused = ImageFactory(), ImageFactory()
    ArticleFactory(main_image=used, title="خبر يعرض الصورة")
    response = admin_client.post(
        reverse("admin:articles_image_changelist"),
        {"action": "delete_selected", "_selected_action": [used.pk, unused.pk], "post": "yes"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert EXPLANATION in html and "خبر يعرض الصورة" in html
    assert Image.objects.count() == 2


def test_a_photo_placed_in_a_story_text_is_protected_too(admin_client):
    image = ImageFactory()
    url = image.body_rendition.url
    body = f'<p>نص.</p><figure class="image"><img src="{url}" alt="صورة"></figure>'
    ArticleFactory(title="خبر بصورة في نصه", body=body)
    html = admin_client.get(delete_url(image)).content.decode()
    assert EXPLANATION in html and "خبر بصورة في نصه" in html


def test_deleting_an_unused_photo_removes_its_original_and_renditions(
    admin_client, stored_files, django_capture_on_commit_callbacks
):
    keep = ImageFactory()
    image = ImageFactory()
    assert len(stored_files()) == 2 * 14  # each: the original and 13 renditions
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(delete_url(image), {"post": "yes"})
    assert response.status_code == 302
    assert not Image.objects.filter(pk=image.pk).exists()
    remaining = stored_files()
    assert len(remaining) == 14
    assert keep.file.name in remaining
    stem = image.file.name.rsplit(".", 1)[0]
    assert not [name for name in remaining if stem in name]


def test_bulk_deleting_unused_photos_removes_their_files(
    admin_client, stored_files, django_capture_on_commit_callbacks
):
    photos = ImageFactory.create_batch(2)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:articles_image_changelist"),
            {
                "action": "delete_selected",
                "_selected_action": [photo.pk for photo in photos],
                "post": "yes",
            },
        )
    assert response.status_code == 302
    assert Image.objects.count() == 0
    assert stored_files() == []


def test_files_stay_when_the_delete_is_rolled_back(stored_files):
    """Files go only after the commit; a rolled-back delete (no commit here) keeps them."""
    image = ImageFactory()
    before = stored_files()
    image.delete()
    assert stored_files() == before


def test_a_lost_original_does_not_take_the_page_down(client, media_root):
    """A restore that forgot the media folder: the story still opens, its photo broken."""
    story = ArticleFactory()
    shutil.rmtree(media_root)
    cache.clear()  # forget which renditions exist
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert story.title in response.content.decode()
