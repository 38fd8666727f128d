"""Never lose work (#14): autosave and recovery after a crash, the "someone is editing"
banner, and a restore that leaves a live story live."""

import pytest
import reversion
from django.contrib.auth.models import Group
from django.core.cache import cache
from playwright.sync_api import expect
from reversion.models import Version

from articles.editing import presence
from articles.editing.models import Autosave
from articles.models import Article
from tests.browser.test_newsroom_flow import log_in
from tests.factories import ArticleFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TYPED_HEADLINE = "عنوان كتبته الصحفية قبل أن يتعطل المتصفح"
TYPED_PARAGRAPH = "فقرة جديدة لم تُحفظ في الخبر بعد."
# Whether the page would have the browser ask before leaving.
LEAVING = """() => {
    const event = new Event('beforeunload', {cancelable: true});
    window.dispatchEvent(event);
    return event.defaultPrevented;
}"""


@pytest.fixture
def heartbeat(monkeypatch):
    """A beat a second instead of every half minute, and a closed tab forgotten after
    three; nobody has a story open yet."""
    monkeypatch.setattr(presence, "HEARTBEAT_SECONDS", 1)
    monkeypatch.setattr(presence, "PRESENCE_SECONDS", 3)
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def newsroom(newsroom_roles):
    journalist = UserFactory(username="journalist", first_name="ليلى", last_name="حداد",
                             is_staff=True)  # fmt: skip
    journalist.groups.add(Group.objects.get(name="صحفي"))
    editor = UserFactory(username="editor", first_name="منى", last_name="العلي", is_staff=True)
    editor.groups.add(Group.objects.get(name="محرر"))
    story = ArticleFactory(
        status=Article.Status.DRAFT, published_at=None, created_by=journalist, title="مسودة"
    )
    story.authors.add(journalist)
    return {"journalist": journalist, "editor": editor, "story": story}


def change_url(site_url, story):
    return f"{site_url}/admin/articles/article/{story.pk}/change/"


def wait_for_autosave(page, text):
    """The autosave once it holds `text` (the beat after the last keystroke)."""
    for _ in range(50):
        autosave = Autosave.objects.first()
        if autosave and any(text in item[1] for item in autosave.fields):
            return autosave
        page.wait_for_timeout(200)
    raise AssertionError(f"no autosave with {text!r}")


def test_autosaved_text_is_offered_back_after_a_crash(
    browser, site_url, screenshots, heartbeat, newsroom
):
    story = newsroom["story"]
    version, revisions = story.version, Version.objects.count()

    page = log_in(browser, site_url, "journalist")
    page.goto(change_url(site_url, story))
    page.locator(".ck-editor__editable").wait_for()
    page.wait_for_timeout(300)
    assert not page.evaluate(LEAVING)  # nothing typed yet
    page.fill("#id_title", TYPED_HEADLINE)
    page.locator(".ck-editor__editable").click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type(TYPED_PARAGRAPH)
    page.locator("#autosave", has_text="حُفظت نسخة تلقائياً").wait_for()
    autosave = wait_for_autosave(page, TYPED_PARAGRAPH)
    assert ["title", TYPED_HEADLINE] in autosave.fields

    # Leaving with unsaved changes asks first: the page cancels "beforeunload", which is
    # what makes the browser ask.
    assert page.evaluate(LEAVING)

    # The autosave is apart from the story: no revision, no new version.
    story.refresh_from_db()
    assert story.title == "مسودة" and story.version == version
    assert Version.objects.count() == revisions

    # The browser "crashes"; the journalist opens the story again.
    page.context.close()
    page = log_in(browser, site_url, "journalist")
    page.goto(change_url(site_url, story))
    offer = page.locator("#autosave-offer")
    assert "لديك نسخة محفوظة تلقائياً من" in offer.inner_text()
    assert page.input_value("#id_title") == "مسودة"  # nothing restored until asked
    page.screenshot(path=screenshots / "autosave-offer-1366.png")
    page.click("text=استعادة")
    assert offer.count() == 0
    assert page.input_value("#id_title") == TYPED_HEADLINE
    assert TYPED_PARAGRAPH in page.locator(".ck-editor__editable").inner_text()
    assert page.evaluate(LEAVING)  # restored, not yet saved
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=screenshots / "autosave-restored-390.png", full_page=True)

    # Saving the story is not a "leave with unsaved changes", nor a stale save.
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    page.get_by_role("button", name="حفظ المسودة").click()
    page.wait_for_load_state("load")
    assert page.locator(".errornote").count() == 0, page.locator(".errornote").all_inner_texts()
    assert dialogs == []
    story.refresh_from_db()
    assert story.title == TYPED_HEADLINE and TYPED_PARAGRAPH in story.body
    assert not Autosave.objects.exists()
    page.context.close()


def test_a_colleague_opening_the_story_sees_who_is_editing(
    browser, site_url, screenshots, heartbeat, newsroom
):
    story = newsroom["story"]
    journalist_page = log_in(browser, site_url, "journalist")
    journalist_page.goto(change_url(site_url, story))
    assert journalist_page.locator("#editing-now").inner_text().strip() == ""

    editor_page = log_in(browser, site_url, "editor")
    editor_page.goto(change_url(site_url, story))
    # Before anyone types, the editor is told.
    assert (
        "ليلى حداد يحرّر هذا الخبر الآن (فتحه منذ لحظات)."
        in editor_page.locator("#editing-now").inner_text()
    )
    editor_page.screenshot(path=screenshots / "editing-now-1366.png")
    editor_page.set_viewport_size({"width": 390, "height": 844})
    editor_page.screenshot(path=screenshots / "editing-now-390.png")

    # The journalist's next heartbeat names the editor in turn.
    journalist_page.locator("#editing-now", has_text="منى العلي يحرّر هذا الخبر الآن").wait_for()

    # The editor closes the tab: the journalist's banner empties.
    editor_page.context.close()
    # A locator, not wait_for_function: polling a string is an eval the CSP refuses.
    expect(journalist_page.locator("#editing-now")).to_have_text("")
    journalist_page.context.close()


def test_restoring_a_revision_leaves_a_live_story_live(browser, site_url, screenshots, newsroom):
    editor, story = newsroom["editor"], newsroom["story"]
    with reversion.create_revision():
        reversion.set_user(editor)
        story.title = "العنوان الأول"
        story.save()
    first = Version.objects.get_for_object(story).first()
    with reversion.create_revision():
        reversion.set_user(editor)
        story.title, story.status, story.is_featured = "العنوان المنشور", "published", True
        story.save()
    published_at = story.published_at
    assert story.is_published()

    page = log_in(browser, site_url, "editor")
    page.goto(f"{site_url}/admin/articles/article/{story.pk}/history/{first.pk}/")
    summary = page.locator(".restore-summary").inner_text()
    assert "العنوان" in page.locator(".restore-changes").inner_text()
    assert "منشور" in summary and "مسودة" in summary  # stays published; the revision's draft
    # The buttons of a live story: it stays live unless the editor unpublishes it.
    expect(page.get_by_role("button", name="إلغاء النشر")).to_be_visible()
    assert page.input_value("#id_title") == "العنوان الأول"
    page.screenshot(path=screenshots / "restore-1366.png", full_page=True)
    page.get_by_role("button", name="تحديث الخبر المنشور").click()
    page.wait_for_load_state("load")
    assert page.locator(".errornote").count() == 0, page.locator(".errornote").all_inner_texts()
    page.context.close()

    story.refresh_from_db()
    assert story.title == "العنوان الأول"
    assert story.is_published() and story.is_featured
    assert story.published_at == published_at
