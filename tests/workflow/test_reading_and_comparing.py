"""A story its reader may not change shows its body as text; a revision compares as text."""

import pytest
from django.urls import reverse
from reversion.models import Version

from articles.models import Article
from articles.revisions.compare import body_changes
from tests.workflow.conftest import change_url, form_data

pytestmark = pytest.mark.django_db


def test_a_journalist_reads_their_published_story_as_text(journalist_client, own_draft):
    Article.objects.filter(pk=own_draft.pk).update(
        status=Article.Status.PUBLISHED, body="<h2>العنوان الفرعي</h2><p>فقرة &amp; أخرى.</p>"
    )
    own_draft.tags.set(["طاقة", "اقتصاد"])
    response = journalist_client.get(change_url(own_draft))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<div class="rendered-body"><h2>العنوان الفرعي</h2><p>فقرة &amp; أخرى.</p></div>' in html
    assert "&lt;h2&gt;" not in html and "&lt;p&gt;" not in html
    assert 'name="body"' not in html  # nothing to type into
    # The bylines by name, as everywhere in the newsroom, not the username.
    authors = html.split("field-author_names")[1].split("</div>\n")[0:3]
    assert "ليلى حداد" in "".join(authors) and ">journalist<" not in html
    assert "اقتصاد، طاقة" in html  # the tags with the Arabic comma


def test_whoever_may_edit_gets_the_editor_not_the_text(journalist_client, own_draft):
    html = journalist_client.get(change_url(own_draft)).content.decode()
    assert 'name="body"' in html and "rendered-body" not in html


def test_the_revision_compare_shows_entities_once_escaped(editor_client, own_draft):
    body = "<p>قال: &lt;كفى&gt; &amp; مضى</p><p>فقرة&nbsp;ثانية</p>"
    assert (
        editor_client.post(change_url(own_draft), form_data(own_draft, body=body)).status_code
        == 302
    )
    own_draft.refresh_from_db()
    edited = form_data(own_draft, body="<p>نص جديد</p>")
    assert editor_client.post(change_url(own_draft), edited).status_code == 302
    version = Version.objects.get_for_object(own_draft).last()
    url = reverse("admin:articles_article_history", args=[own_draft.pk]) + f"{version.pk}/compare/"
    html = editor_client.get(url).content.decode()
    assert "قال: &lt;كفى&gt; &amp; مضى" in html
    assert "فقرة ثانية" in html or "فقرة\xa0ثانية" in html
    assert "&amp;lt;" not in html and "&amp;amp;" not in html and "&amp;nbsp;" not in html
    # The page has the styles that colour what changed (it had none, so nothing stood out).
    assert "/static/css/admin." in html


def test_the_compare_marks_the_words_that_changed_inside_a_paragraph():
    """A changed paragraph is one line with its removed and added words marked; a paragraph
    only on one side is removed or added whole (#14)."""
    then = ["قال الوزير إن القمة ناجحة.", "فقرة ستُحذف.", "فقرة باقية."]
    now = ["قال الوزير إن القمة ناجحة جداً.", "فقرة باقية.", "فقرة جديدة."]
    lines = body_changes(then, now)
    assert [line["sign"] for line in lines] == ["~", "-", " ", "+"]
    assert lines[0]["parts"] == [
        {"sign": " ", "text": "قال الوزير إن القمة "},
        {"sign": "-", "text": "ناجحة."},
        {"sign": "+", "text": "ناجحة جداً."},
    ]
    assert lines[1]["text"] == "فقرة ستُحذف." and lines[3]["text"] == "فقرة جديدة."
