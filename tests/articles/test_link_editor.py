"""The related-links editor: "after paragraph" is chosen from the story's paragraphs by
their first words, not typed as a number (issue 14)."""

import pytest
from django.urls import reverse

from articles.body import paragraph_openings
from articles.models import Article, RelatedLink
from tests.admin_forms import links_management
from tests.articles.test_admin import link_row, story_form
from tests.factories import ArticleFactory, RelatedLinkFactory

pytestmark = pytest.mark.django_db

BODY = (
    "<h2>اجتماع الوزراء في باريس</h2>"
    "<p>افتتح الوزراء <strong>اجتماعهم</strong> صباح الخميس في قصر الإليزيه وسط حضور كبير.</p>"
    "<blockquote><p>اقتباس لا يُعد فقرة من فقرات الخبر.</p></blockquote>"
    "<p>ناقش المجتمعون الهدنة.</p>"
)


@pytest.fixture
def own_draft(journalist):
    return ArticleFactory(
        status=Article.Status.DRAFT, published_at=None, created_by=journalist, body=BODY
    )


def test_paragraph_openings_are_the_first_words_of_top_level_paragraphs():
    assert paragraph_openings(BODY) == [
        "افتتح الوزراء اجتماعهم صباح الخميس في…",
        "ناقش المجتمعون الهدنة.",
    ]
    assert paragraph_openings("") == []


def test_the_link_row_offers_the_storys_paragraphs(journalist_client, own_draft):
    RelatedLinkFactory(article=own_draft, kind=RelatedLink.Kind.SEE_ALSO, after_paragraph=2)
    response = journalist_client.get(reverse("admin:articles_article_change", args=[own_draft.pk]))
    field = response.context["inline_admin_formsets"][0].formset.forms[0]["after_paragraph"]
    assert list(field.field.choices) == [
        ("", "توزَّع بالتساوي"),
        (1, "1. افتتح الوزراء اجتماعهم صباح الخميس في…"),
        (2, "2. ناقش المجتمعون الهدنة."),
    ]
    assert '<option value="2" selected>2. ناقش المجتمعون الهدنة.</option>' in str(field)


def post_link(client, story, after_paragraph, **overrides):
    data = story_form(
        story.main_image,
        story.category,
        title=story.title,
        body=BODY,
        loaded_version=story.version,
        **links_management(1),
        **link_row(
            0,
            kind=RelatedLink.Kind.SEE_ALSO,
            target_article=ArticleFactory().pk,
            after_paragraph=after_paragraph,
            position="0",
        ),
    )
    data.update(overrides)
    return client.post(reverse("admin:articles_article_change", args=[story.pk]), data)


def test_a_paragraph_the_story_does_not_have_is_refused(journalist_client, own_draft):
    response = post_link(journalist_client, own_draft, "3")
    assert response.status_code == 200
    assert not RelatedLink.objects.exists()


def test_a_paragraph_written_in_the_same_save_can_be_chosen(journalist_client, own_draft):
    """The choices follow the body posted with the links."""
    response = post_link(
        journalist_client, own_draft, "3", body=BODY + "<p>فقرة ثالثة كُتبت للتو.</p>"
    )
    assert response.status_code == 302
    assert RelatedLink.objects.get().after_paragraph == 3


def test_a_link_past_the_last_paragraph_keeps_its_place(journalist_client, own_draft):
    link = RelatedLinkFactory(article=own_draft, kind=RelatedLink.Kind.SEE_ALSO, after_paragraph=5)
    response = journalist_client.get(reverse("admin:articles_article_change", args=[own_draft.pk]))
    field = response.context["inline_admin_formsets"][0].formset.forms[0]["after_paragraph"]
    assert list(field.field.choices)[-1] == (5, "بعد الفقرة الأخيرة")
    assert link.after_paragraph == 5
