"""A photo inside a story's text is described from the photo library, like the main photo:
its alt text, and a caption with the credit after it (issue 14)."""

import pytest
from django.core.cache import cache

from articles.models import Article
from articles.photos.in_text import describe_images
from tests.factories import ArticleFactory, ImageFactory

pytestmark = pytest.mark.django_db


def in_text(photo, alt="صورة من نص الخبر", caption=""):
    return (
        f'<p>الفقرة الأولى.</p><figure class="image"><img src="{photo.body_rendition.url}" '
        f'alt="{alt}">{caption}</figure><p>الفقرة الثانية.</p>'
    )


@pytest.fixture
def photo():
    return ImageFactory(
        alt_text="سوق الخضار في الصباح الباكر",
        caption="باعة يعرضون الخضار في سوق المدينة.",
        credit="سامر الخطيب/خبرين",
    )


def test_the_page_shows_the_librarys_alt_text_caption_and_credit(client, photo):
    story = ArticleFactory(body=in_text(photo, caption="<figcaption>تعليق قديم</figcaption>"))
    html = client.get(story.get_absolute_url()).content.decode()
    assert (
        f'<figure class="image"><img src="{photo.body_rendition.url}" '
        'alt="سوق الخضار في الصباح الباكر"><figcaption>باعة يعرضون الخضار في سوق المدينة. '
        '<span class="credit">سامر الخطيب/خبرين</span></figcaption></figure>'
    ) in html
    assert "صورة من نص الخبر" not in html and "تعليق قديم" not in html
    # What is stored stays what the editor wrote: the library is read as the page is made.
    assert "صورة من نص الخبر" in Article.objects.get(pk=story.pk).body


def test_correcting_the_photo_in_the_library_corrects_the_story(client, photo):
    story = ArticleFactory(body=in_text(photo))
    client.get(story.get_absolute_url())
    photo.alt_text = "سوق الخضار بعد الظهر"
    photo.caption = ""
    photo.save()
    cache.clear()  # whatever the page cache holds; Image.page_keys() retires it anyway
    html = client.get(story.get_absolute_url()).content.decode()
    assert 'alt="سوق الخضار بعد الظهر"><figcaption><span class="credit">' in html


def test_the_librarys_text_is_escaped(photo):
    photo.alt_text = 'صورة "مقتبسة" <b>'
    photo.caption = "<script>x</script>"
    photo.save()
    html = describe_images(in_text(photo))
    assert 'alt="صورة &quot;مقتبسة&quot; &lt;b&gt;"' in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "<script>" not in html


def test_a_photo_outside_a_figure_gets_its_alt_text_only(photo):
    html = f'<p>نص <img src="{photo.body_rendition.url}" alt=""> ونص.</p>'
    assert describe_images(html) == (
        f'<p>نص <img src="{photo.body_rendition.url}" alt="سوق الخضار في الصباح الباكر"> ونص.</p>'
    )


def test_a_body_without_library_photos_is_left_as_it_is(django_assert_num_queries):
    html = '<p>نص</p><figure class="image"><img src="/media/other/x.jpg" alt="أ"></figure>'
    with django_assert_num_queries(0):
        assert describe_images(html) == html
