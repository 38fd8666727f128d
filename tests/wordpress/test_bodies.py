"""A post's content made into a story's body (articles/wordpress/bodies.py)."""

from collections import Counter
from types import SimpleNamespace

from articles.wordpress.bodies import BodyConverter, autop, old_address

IMAGE = SimpleNamespace(pk=1, src="/media/renditions/photos/2024/05/a/b.jpg", alt="وصف")


class Images:
    def by_id(self, attachment_id):
        return IMAGE if attachment_id == 55 else None

    def by_path(self, path):
        return IMAGE if path.endswith("2024/05/cat.jpg") else None

    def of_post(self, post_id):
        return [IMAGE]


class Addresses:
    def new_address(self, path, query):
        return "/news/7/old/" if (path, query) in {("/old/", ""), ("/", "p=12")} else None

    def is_pending_post(self, path, query):
        return path == "/later/"


def convert(content):
    return BodyConverter(Images(), Addresses(), ["old.example"]).convert(content)


def test_autop_makes_paragraphs_outside_block_elements():
    text = "سطر\nسطر ثان\n\nفقرة ثانية\n<h2>عنوان\nطويل</h2>\n<ul><li>بند</li></ul>"
    assert autop(text) == (
        "<p>سطر<br>\nسطر ثان</p>\n<p>فقرة ثانية</p>\n<h2>عنوان\nطويل</h2>\n<ul><li>بند</li></ul>"
    )


def test_a_caption_becomes_a_figure_of_the_imported_photo():
    body, counts, _ = convert(
        '[caption id="attachment_55" width="300"]<img src="https://old.example/wp-content/'
        'uploads/2024/05/cat-300x200.jpg" class="wp-image-55"> قطة[/caption]'
    )
    assert body == f'<figure class="image"><img src="{IMAGE.src}" alt="وصف"></figure>'
    assert counts == Counter({"captions converted": 1})


def test_unknown_images_and_media_shortcodes_are_dropped_and_counted():
    body, counts, _ = convert(
        '<p>نص <img src="https://cdn.example/x.jpg"></p>\n[video src="a.mp4"]'
    )
    assert body == "<p>نص </p>"
    assert counts == Counter({"images from elsewhere dropped": 1, "shortcodes dropped (video)": 1})


def test_bracketed_text_that_is_no_shortcode_stays():
    assert convert("قال [المتحدث] إن [1] ...")[0] == "<p>قال [المتحدث] إن [1] ...</p>"


def test_gutenberg_comments_go_and_dynamic_blocks_are_dropped():
    body, counts, _ = convert(
        '<!-- wp:paragraph {"align":"right"} -->\n<p>فقرة</p>\n<!-- /wp:paragraph -->\n'
        '<!-- wp:archives {"displayAsDropdown":true} /-->'
    )
    assert body == "<p>فقرة</p>"
    assert counts == Counter({"blocks converted": 1, "blocks dropped (archives)": 1})


def test_internal_links_are_rewritten_or_left_for_later():
    body, counts, pending = convert(
        '<a href="https://old.example/old/">أ</a> <a href="/?p=12#x">ب</a> '
        '<a href="https://old.example/later/">ج</a> <a href="https://else.example/old/">د</a>'
    )
    assert 'href="/news/7/old/"' in body and 'href="/news/7/old/#x"' in body
    assert 'href="https://old.example/later/"' in body and pending
    assert 'href="https://else.example/old/"' in body
    assert counts["internal links rewritten"] == 2


def test_old_addresses_are_decoded_and_keep_only_the_short_link_query():
    assert old_address("https://x.example/%d8%a3/?utm=1") == ("/أ/", "")
    assert old_address("https://x.example/?p=12&replytocom=3") == ("/", "p=12")
