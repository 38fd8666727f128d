"""How pages show photos: the main photo in every size at once, cards lazily (issue 5)."""

from html.parser import HTMLParser

import pytest
from django.core.files.base import ContentFile

from articles.models import RelatedLink
from tests.factories import ArticleFactory, ImageFactory, RelatedLinkFactory

from . import files

pytestmark = pytest.mark.django_db


class Pictures(HTMLParser):
    """Each <picture> on the page: its <source>s and its <img>, as attribute dicts."""

    def __init__(self):
        super().__init__()
        self.pictures = []

    def handle_starttag(self, tag, attrs):
        if tag == "picture":
            self.pictures.append({"sources": [], "img": None})
        elif tag == "source" and self.pictures:
            self.pictures[-1]["sources"].append(dict(attrs))
        elif tag == "img" and self.pictures and self.pictures[-1]["img"] is None:
            self.pictures[-1]["img"] = dict(attrs)


def pictures_of(response):
    parser = Pictures()
    parser.feed(response.content.decode())
    return parser.pictures


def widths(srcset):
    return [int(candidate.split()[1][:-1]) for candidate in srcset.split(", ")]


@pytest.fixture
def story_with_related():
    photo = ImageFactory(
        file=ContentFile(files.jpeg((2400, 1600)), name="p.jpg"),
        alt_text="وزير الخارجية يصافح المبعوث الدولي",
        caption="التقى الوزيران في باريس.",
        credit="لودوفيك مارين/رويترز",
    )
    story = ArticleFactory(main_image=photo)
    for n in range(4):
        RelatedLinkFactory(
            article=story,
            kind=RelatedLink.Kind.RELATED,
            target_article=ArticleFactory(main_image=ImageFactory(alt_text=f"صورة الخبر {n}")),
        )
    return story


def test_main_photo_offers_every_size_and_is_fetched_first(client, story_with_related):
    response = client.get(story_with_related.get_absolute_url())
    main = pictures_of(response)[0]
    (webp,) = main["sources"]
    assert webp["type"] == "image/webp"
    assert widths(webp["srcset"]) == [320, 640, 960, 1280, 1920]
    assert all(".webp " in candidate for candidate in webp["srcset"].split(", "))
    img = main["img"]
    assert widths(img["srcset"]) == [320, 640, 960, 1280, 1920]
    assert all(".jpg " in candidate for candidate in img["srcset"].split(", "))
    assert img["src"].endswith(".jpg")
    assert webp["sizes"] == img["sizes"] == "(min-width: 48rem) 46rem, calc(100vw - 2rem)"
    assert (img["width"], img["height"]) == ("1920", "1280")  # no layout shift
    assert img["fetchpriority"] == "high"
    assert "loading" not in img and "decoding" not in img
    assert img["alt"] == "وزير الخارجية يصافح المبعوث الدولي"


def test_main_photo_keeps_caption_then_credit(client, story_with_related):
    html = client.get(story_with_related.get_absolute_url()).content.decode()
    figure = html[html.index('<figure class="main-photo">') : html.index("</figure>")]
    assert "<picture>" in figure
    assert figure.index("التقى الوزيران في باريس.") < figure.index("لودوفيك مارين/رويترز")


def test_related_cards_are_lazy_16_by_9_crops(client, story_with_related):
    response = client.get(story_with_related.get_absolute_url())
    cards = pictures_of(response)[1:]
    assert len(cards) == 4
    for n, card in enumerate(cards):
        img = card["img"]
        assert img["loading"] == "lazy" and img["decoding"] == "async"
        assert "fetchpriority" not in img
        assert img["alt"] == f"صورة الخبر {n}"
        # ImageFactory photos are 800×450: crops at 320, 640 and the full 800 width.
        assert widths(img["srcset"]) == widths(card["sources"][0]["srcset"]) == [320, 640, 800]
        assert (img["width"], img["height"]) == ("800", "450")
        assert card["sources"][0]["type"] == "image/webp"


def test_home_and_section_cards_use_the_crops_too(client, published_article):
    crop_widths = [320, 640, 800]
    (card,) = pictures_of(client.get(published_article.category.get_absolute_url()))
    assert card["img"]["loading"] == "lazy"
    assert widths(card["img"]["srcset"]) == crop_widths
    assert card["img"]["sizes"].startswith("(min-width: 72rem) 18rem")
    lead, *others = pictures_of(client.get("/"))
    home = [lead, *others]
    # The lead's photo is the page's largest paint: fetched first, not when scrolled to.
    assert lead["img"]["fetchpriority"] == "high" and "loading" not in lead["img"]
    assert all(picture["img"]["loading"] == "lazy" for picture in others)
    assert all(widths(picture["img"]["srcset"]) == crop_widths for picture in home)


def test_the_home_page_lead_asks_for_a_wider_crop(client, published_article):
    html = client.get("/").content.decode()
    assert 'sizes="(min-width: 76rem) 44rem, (min-width: 64rem) 58vw, calc(100vw - 2rem)"' in html


def test_rendition_urls_cost_no_queries(client, story_with_related, django_assert_num_queries):
    """The same eight queries as a page without photos would need (see test_article_page)."""
    with django_assert_num_queries(8):
        assert client.get(story_with_related.get_absolute_url()).status_code == 200
