"""The hostile site in a real Chromium: nothing runs, nothing opens, nothing leaves the site.

Each reader page is opened under the site's Content-Security-Policy; the home, author,
section and story pages (which between them carry every payload) again with the policy
switched off: escaping and sanitising alone must already hold. A payload that ran
would set window.__xss, open a dialog or fetch from another host; every request to a host
other than the live server is recorded and refused.
"""

import re
from urllib.parse import urlsplit

import pytest

from articles.models import Article
from tests.browser.conftest import in_chromium_thread
from tests.factories import ArticleFactory, CategoryFactory, ImageFactory, UserFactory
from tests.security.conftest import (
    EDITORS,
    SECTIONS,
    STORIES,
    build_hostile_site,
    newsroom_role,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""
PASSWORD = "a-long-test-password"  # every UserFactory account's
CHOOSE = """([id, value]) => {
  const select = document.getElementById(id);
  select.add(new Option(value, value, true, true));
}"""
# Points the mouse passes over, so that mouseover and friends get their chance.
SWEEP = [(x, y) for y in (60, 400, 800) for x in (100, 650, 1200)]


class Watcher:
    """Everything suspicious one browser context saw."""

    def __init__(self, context, site_url):
        self.own = urlsplit(site_url).netloc
        self.foreign, self.dialogs = [], []
        context.add_init_script(WATCH)
        context.route("**/*", self.route)

    def route(self, route):
        address = urlsplit(route.request.url)
        if address.netloc == self.own and address.path.startswith("/media/"):
            # The live server serves no uploads; a photo cannot run anything anyway.
            route.fulfill(status=404)
        elif address.netloc == self.own:
            route.continue_()
        else:
            self.foreign.append(route.request.url)
            route.abort()

    def dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()


def visit(page, url):
    page.goto(url, wait_until="load")
    for x, y in SWEEP:
        page.mouse.move(x, y)
    return page.evaluate(
        "({xss: window.__xss, violations: window.__violations, url: location.href})"
    )


def test_hostile_text_never_runs_in_chromium(site_url, client):
    site = build_hostile_site(client)
    # Tag and search pages share one list template: a sample of them is enough here (the
    # parsing tests read them all).
    pages = site.reader_pages(tags_of=site.stories[:1], searches=6)

    def browse(browser):
        for bypass_csp in (False, True):
            context = browser.new_context(
                bypass_csp=bypass_csp, viewport={"width": 1300, "height": 1000}
            )
            watcher = Watcher(context, site_url)
            page = context.new_page()
            page.on("dialog", watcher.dialog)
            for path in pages if not bypass_csp else pages[: 2 + SECTIONS + STORIES]:
                seen = visit(page, site_url + path)
                where = f"{path} (CSP {'off' if bypass_csp else 'on'})"
                assert seen["xss"] is None, where
                assert seen["url"] == site_url + path, f"navigated away from {where}"
                # Under the policy nothing was even attempted: no violation to report.
                assert seen["violations"] == [], where
            assert watcher.dialogs == [], watcher.dialogs
            assert watcher.foreign == [], watcher.foreign
            context.close()

    in_chromium_thread(browse)


def test_json_ld_is_data_that_the_policy_leaves_alone(site_url):
    """CSP governs scripts, and a JSON-LD block is not one: it stays readable, unblocked."""
    story = ArticleFactory(title='"}]</script><script>window.__xss=1</script> قمة')

    def read(browser):
        context = browser.new_context()
        context.add_init_script(WATCH)
        page = context.new_page()
        response = page.goto(site_url + story.get_absolute_url())
        seen = page.evaluate(
            """[...document.querySelectorAll('script[type="application/ld+json"]')]
               .map((s) => JSON.parse(s.textContent))"""
        )
        state = page.evaluate("[window.__violations, window.__xss]")
        context.close()
        return response.headers["content-security-policy"], seen, state

    policy, documents, state = in_chromium_thread(read)
    assert "script-src 'self'" in policy
    assert [document["@type"] for document in documents] == ["NewsArticle", "BreadcrumbList"]
    assert documents[0]["headline"] == story.title
    assert state == [[], None]


def test_the_story_editor_works_under_the_newsroom_policy(site_url):
    """CKEditor 5 loads, takes text and saves under the admin's Content-Security-Policy."""
    editor = UserFactory(username="editor", is_staff=True)
    editor.groups.add(newsroom_role(EDITORS))
    photo, section = ImageFactory(), CategoryFactory()

    def write(browser):
        context = browser.new_context(viewport={"width": 1366, "height": 1000})
        context.add_init_script(WATCH)
        page = context.new_page()
        page.goto(f"{site_url}/admin/login/")
        page.fill("#id_username", editor.username)
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.wait_for_url(re.compile(r"/admin/$"))
        response = page.goto(f"{site_url}/admin/articles/article/add/")
        policy = response.headers["content-security-policy"]
        page.locator(".ck-editor__editable").click()
        page.keyboard.type("نص كتبه المحرر في المحرر.")
        page.fill("#id_title", "خبر كتب في ظل سياسة أمان المحتوى")
        page.fill("#id_summary", "ملخص قصير.")
        # The photo and section pickers are autocomplete widgets; their <select> posts.
        page.evaluate(CHOOSE, ["id_main_image", str(photo.pk)])
        page.evaluate(CHOOSE, ["id_category", str(section.pk)])
        page.get_by_role("button", name="حفظ المسودة").click()
        page.wait_for_load_state("load")
        errors = page.locator(".errornote, .errorlist").all_inner_texts()
        violations = page.evaluate("window.__violations")
        context.close()
        return policy, errors, violations

    policy, errors, violations = in_chromium_thread(write)
    assert "script-src 'self';" in policy + ";" and "'unsafe-eval'" not in policy
    assert "frame-ancestors 'none'" in policy
    assert errors == [] and violations == []
    story = Article.objects.get(title="خبر كتب في ظل سياسة أمان المحتوى")
    assert "نص كتبه المحرر في المحرر." in story.body
