"""Every newsroom address, for every role, for GET and POST: the generated matrix (#11).

The addresses are not listed by hand: they are read from the URL configuration (every
ModelAdmin's get_urls(), django-reversion's views, autocomplete, the editor's upload view)
and from each ModelAdmin's bulk actions. Each must have a row in EXPECTED, so a view added
without a rule fails here. A POST that is refused must leave the database as it was.
"""

import io
import re
from contextlib import contextmanager
from datetime import timedelta

import pytest
import reversion
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from reversion.models import Revision, Version

from articles.editing.models import Autosave
from articles.models import (
    Article,
    BreakingNews,
    Correction,
    Image,
    LiveUpdate,
    RelatedLink,
    SynonymGroup,
    Tag,
    TaggedArticle,
)
from categories.models import Category
from tests.admin_forms import jpeg_upload
from tests.factories import ArticleFactory, CategoryFactory, ImageFactory, UserFactory
from tests.workflow.conftest import form_data

pytestmark = pytest.mark.django_db

NEWSROOM_PREFIXES = ("admin/", "ckeditor5/")

# Who asks, and about which story: a journalist's rights depend on the story.
CASES = {
    "anon": ("anonymous", "own draft"),
    "j-own": ("journalist", "own draft"),
    "j-colleague": ("journalist", "colleague's draft"),
    "j-published": ("journalist", "published"),
    "j-deleted": ("journalist", "deleted"),
    "editor": ("editor", "published"),
    "super": ("superuser", "published"),
}

# GET/POST outcome per case: a status code, or "login" for a redirect to the login page;
# "+" marks the answers that may change the data, "-" a method not tried. Every other
# answer must leave the database as it was. Patterns: a case, "j-*" for the journalist's
# cases, "*" for the cases the row has not named. Rows are URL names (or, for unnamed
# routes, a name given by row_name()); "[action]" rows are bulk actions.
LOGIN = "anon=login/login"
PEOPLE = {"changelist": "200/200", "add": "200/+302", "change": "200/+302",
          "delete": "200/+302", "history": "200/200"}  # fmt: skip
EXPECTED = {
    # The admin site's own views.
    "index": f"{LOGIN} *=200/200",
    "login": "anon=200/+200 *=302/+200",
    "logout": "anon=302/302 *=405/+200",
    "password_change": f"{LOGIN} *=200/200",
    "password_change_done": f"{LOGIN} *=200/405",
    "autocomplete": f"{LOGIN} *=200/405",
    "jsi18n": f"{LOGIN} *=200/405",
    "view_on_site": f"{LOGIN} j-deleted=404/404 *=302/302",
    "app_list": f"{LOGIN} *=200/200",
    "catch_all": f"{LOGIN} *=404/404",
    # Stories: a journalist edits their own while it is a draft or in review.
    "articles_article_changelist": f"{LOGIN} *=200/200",
    "articles_article_add": f"{LOGIN} *=200/+302",
    "articles_article_change": f"{LOGIN} j-own=200/+302 j-colleague=200/403"
    " j-published=200/403 j-deleted=302/302 *=200/+302",
    "articles_article_redirect": f"{LOGIN} *=302/302",
    "articles_article_delete": f"{LOGIN} j-*=403/403 *=200/+302",
    "articles_article_history": f"{LOGIN} j-deleted=302/302 *=200/200",
    "articles_article_revision": f"{LOGIN} j-own=200/+302 j-colleague=403/403"
    " j-published=403/403 j-deleted=404/404 *=200/+302",
    "articles_article_compare": f"{LOGIN} j-deleted=403/403 *=200/200",
    # The story form's heartbeat (autosave, who is editing): whoever may edit the story.
    # It takes POST alone, so a GET is refused before the login is asked for.
    "articles_article_autosave": "anon=405/login j-colleague=405/403 j-published=405/403"
    " j-deleted=405/404 *=405/+200",
    "articles_article_add_autosave": "anon=405/login *=405/+200",
    # The live desk (issue 16): whoever may edit the story posts its live updates.
    "articles_article_live": f"{LOGIN} j-own=200/+302 j-colleague=403/403 j-published=403/403"
    " j-deleted=404/404 *=200/+302",
    "articles_article_recoverlist": f"{LOGIN} j-*=403/403 *=200/200",
    "articles_article_recover": f"{LOGIN} j-*=403/403 *=200/+302",
    # A journalist is not offered the editors' actions: the form is shown again.
    "articles_article_changelist [publish_selected]": f"{LOGIN} j-*=-/200 *=-/+302",
    "articles_article_changelist [unpublish_selected]": f"{LOGIN} j-*=-/200 *=-/+302",
    "articles_article_changelist [delete_selected]": f"{LOGIN} j-*=-/200 *=-/+302",
    "review queue": f"{LOGIN} *=200/200",
    # A story's preview: the newsroom sees drafts at the readers' address.
    "preview": "anon=404/405 j-deleted=404/405 *=200/405",
    # Photos: a journalist changes only their own, while no published story shows them;
    # nobody deletes a photo that a story shows (the page names the stories instead).
    "articles_image_changelist": f"{LOGIN} *=200/200",
    "articles_image_add": f"{LOGIN} *=200/+302",
    "articles_image_change": f"{LOGIN} j-own=200/+302 j-colleague=200/403"
    " j-published=200/403 j-deleted=302/302 *=200/+302",
    "articles_image_redirect": f"{LOGIN} *=302/302",
    "articles_image_delete": f"{LOGIN} j-*=403/403 *=200/200",
    "articles_image_history": f"{LOGIN} j-deleted=302/302 *=200/200",
    "articles_image_changelist [delete_selected]": f"{LOGIN} *=-/200",
    # Several photos at once: whoever may add and change photos (issue 14).
    "articles_image_upload": f"{LOGIN} *=200/+302",
    "editor_image_upload": "anon=405/403 *=405/+200",
    "ck_editor_5_upload_file": "anon=405/403 *=405/+200",
    # Tags and sections: editors manage them; a section that stories use stays.
    "articles_tag_changelist": f"{LOGIN} *=200/200",
    "articles_tag_add": f"{LOGIN} j-*=403/403 *=200/+302",
    "articles_tag_change": f"{LOGIN} j-*=200/403 *=200/+302",
    "articles_tag_redirect": f"{LOGIN} *=302/302",
    "articles_tag_delete": f"{LOGIN} j-*=403/403 *=200/+302",
    "articles_tag_history": f"{LOGIN} *=200/200",
    "articles_tag_changelist [delete_selected]": f"{LOGIN} j-*=-/200 *=-/+302",
    # Search synonyms: editors keep them; journalists neither see nor change them.
    "articles_synonymgroup_changelist": f"{LOGIN} j-*=403/403 *=200/200",
    "articles_synonymgroup_add": f"{LOGIN} j-*=403/403 *=200/+302",
    "articles_synonymgroup_change": f"{LOGIN} j-*=403/403 *=200/+302",
    "articles_synonymgroup_redirect": f"{LOGIN} *=302/302",
    "articles_synonymgroup_delete": f"{LOGIN} j-*=403/403 *=200/+302",
    "articles_synonymgroup_history": f"{LOGIN} j-*=403/403 *=200/200",
    "articles_synonymgroup_changelist [delete_selected]": f"{LOGIN} j-*=-/403 *=-/+302",
    # Breaking lines: journalists propose (and see every line); editors put them live,
    # withdraw and delete them. The admin home's form posts to `post/`.
    "articles_breakingnews_changelist": f"{LOGIN} *=200/200",
    "articles_breakingnews_add": f"{LOGIN} *=200/+302",
    "articles_breakingnews_change": f"{LOGIN} j-*=200/403 *=200/+302",
    "articles_breakingnews_redirect": f"{LOGIN} *=302/302",
    "articles_breakingnews_delete": f"{LOGIN} j-*=403/403 *=200/+302",
    "articles_breakingnews_history": f"{LOGIN} *=200/200",
    "articles_breakingnews_post": "anon=login/login *=405/+302",
    "articles_breakingnews_changelist [go_live_selected]": f"{LOGIN} j-*=-/200 *=-/+302",
    "articles_breakingnews_changelist [withdraw_selected]": f"{LOGIN} j-*=-/200 *=-/+302",
    "articles_breakingnews_changelist [delete_selected]": f"{LOGIN} j-*=-/200 *=-/+302",
    "categories_category_changelist": f"{LOGIN} *=200/200",
    "categories_category_add": f"{LOGIN} j-*=403/403 *=200/+302",
    "categories_category_change": f"{LOGIN} j-*=200/403 *=200/+302",
    "categories_category_redirect": f"{LOGIN} *=302/302",
    "categories_category_delete": f"{LOGIN} j-*=403/403 *=200/200",
    "categories_category_history": f"{LOGIN} *=200/200",
    "categories_category_changelist [delete_selected]": f"{LOGIN} *=-/200",
    # People and groups: the superuser's alone.
    **{
        f"{model}_{view}": f"{LOGIN} super={rights} *=403/403"
        for model in ["auth_user", "auth_group"]
        for view, rights in PEOPLE.items()
    },
    "auth_user_redirect": f"{LOGIN} *=302/302",
    "auth_group_redirect": f"{LOGIN} *=302/302",
    "auth_user_password_change": f"{LOGIN} super=200/+302 *=403/403",
    "auth_user_changelist [delete_selected]": f"{LOGIN} super=-/+302 *=-/403",
    "auth_group_changelist [delete_selected]": f"{LOGIN} super=-/+302 *=-/403",
    # Login lock-out records: the superuser reads and deletes them; nobody edits them.
    **{
        f"axes_{model}_{view}": f"{LOGIN} super={rights} *=403/403"
        for model in ["accessattempt", "accesslog", "accessfailurelog"]
        for view, rights in [
            ("changelist", "200/200"),
            ("add", "403/403"),
            ("change", "200/302"),
            ("delete", "200/+302"),
            ("history", "200/200"),
        ]  # fmt: skip
    },
    **{
        f"axes_{model}_redirect": f"{LOGIN} *=302/302"
        for model in ["accessattempt", "accesslog", "accessfailurelog"]
    },
    **{
        f"axes_{model}_changelist [{action}]": f"{LOGIN} super=-/+302 *=-/403"
        for model, action in [
            ("accessattempt", "delete_selected"),
            ("accessattempt", "cleanup_expired_attempts"),
            ("accesslog", "delete_selected"),
            ("accessfailurelog", "delete_selected"),
        ]
    },
}


def expected_outcomes(row):
    """{case: (GET, POST)} from a row such as "anon=login/login j-*=200/403 *=200/+302"."""
    outcomes = {}
    for part in sorted(row.split(), key=lambda part: part.startswith("*")):
        pattern, outcome = part.split("=")
        for case in CASES:
            if case in outcomes:
                continue
            if (
                case == pattern
                or pattern == "*"
                or (pattern.endswith("*") and case.startswith(pattern[:-1]))
            ):
                outcomes[case] = tuple(outcome.split("/"))
    missing = set(CASES) - set(outcomes)
    assert not missing, f"row {row!r} says nothing of {missing}"
    return outcomes


# The addresses the project serves to the newsroom.


def newsroom_routes():
    """(row name, URLPattern) for every address under /admin/ and /ckeditor5/."""

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                yield route, pattern

    for route, pattern in walk(get_resolver().url_patterns, ""):
        if route.startswith(NEWSROOM_PREFIXES):
            yield row_name(route, pattern), route


def row_name(route, pattern):
    if pattern.name:
        return pattern.name
    if route.endswith("(?P<url>.*)$"):
        return "catch_all"
    # ModelAdmin's unnamed "<object_id>/" redirect to the change page.
    match = re.fullmatch(r"admin/(\w+)/(\w+)/<path:object_id>/", route)
    assert match, f"an unnamed newsroom address needs a row name: {route}"
    return f"{match[1]}_{match[2]}_redirect"


def bulk_action_rows():
    request = type("Request", (), {"user": User(is_superuser=True, is_active=True)})()
    request.GET = {}
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        for action in model_admin.get_actions(request):
            yield f"{opts.app_label}_{opts.model_name}_changelist [{action}]"


def test_every_newsroom_address_and_bulk_action_has_a_row():
    served = {name for name, _ in newsroom_routes()} | set(bulk_action_rows())
    served |= {"review queue", "preview"}
    assert sorted(served - EXPECTED.keys()) == [], "a newsroom view without a permission rule"
    assert sorted(EXPECTED.keys() - served) == [], "a rule for a view that no longer exists"


# The newsroom the matrix is tried on.


@pytest.fixture
def newsroom(journalist, other_journalist, editor):
    superuser = UserFactory(username="chief", is_staff=True, is_superuser=True)
    own_photo = ImageFactory(uploaded_by=journalist)
    colleague_photo = ImageFactory(uploaded_by=other_journalist)
    live_photo = ImageFactory(uploaded_by=journalist)
    section = CategoryFactory()
    draft = {"status": Article.Status.DRAFT, "published_at": None, "category": section}
    stories = {
        "own draft": ArticleFactory(created_by=journalist, main_image=own_photo, **draft),
        "colleague's draft": ArticleFactory(
            created_by=other_journalist, main_image=colleague_photo, **draft
        ),
        "published": ArticleFactory(created_by=journalist, main_image=live_photo, tags=["طاقة"]),
        "deleted": ArticleFactory(created_by=journalist, main_image=live_photo, **draft),
    }
    stories["own draft"].authors.add(journalist)
    versions = {}
    for name, story in stories.items():
        with reversion.create_revision():
            reversion.set_user(editor)
            story.save()
        versions[name] = Version.objects.get_for_object(story).first()
    deleted_id = stories["deleted"].pk
    stories["deleted"].delete()
    stories["deleted"].pk = deleted_id
    photos = {"own draft": own_photo, "colleague's draft": colleague_photo}
    objects = {
        "articles_tag": Tag.objects.get(name="طاقة"),
        "articles_synonymgroup": SynonymGroup.objects.create(terms="هاتف، هواتف"),
        "articles_breakingnews": BreakingNews.objects.create(
            text="عاجل: انفجار في الميناء",
            status=BreakingNews.Status.LIVE,
            published_at=timezone.now(),
            created_by=editor,
        ),  # fmt: skip
        "categories_category": section,
        "auth_user": other_journalist,
        "auth_group": Group.objects.get(name="صحفي"),
        "axes_accessattempt": AccessAttempt.objects.create(
            username="x", ip_address="192.0.2.1", failures_since_start=1
        ),
        "axes_accesslog": AccessLog.objects.create(username="x", ip_address="192.0.2.1"),
        "axes_accessfailurelog": AccessFailureLog.objects.create(
            username="x", ip_address="192.0.2.1"
        ),
    }
    return {
        "users": {"journalist": journalist, "editor": editor, "superuser": superuser},
        "stories": stories,
        "versions": versions,
        "photos": lambda story: photos.get(story, live_photo),
        "objects": objects,
        "section": section,
    }


def story_for(newsroom, case):
    return newsroom["stories"][CASES[case][1]]


def object_for(newsroom, model, case):
    story_name = CASES[case][1]
    if model == "articles_article":
        return newsroom["stories"][story_name]
    if model == "articles_image":
        if story_name == "deleted":
            return Image(pk=10**9)
        return newsroom["photos"](story_name)
    return newsroom["objects"][model]


def address(newsroom, row, route, case):
    """The concrete address, and the POST it is sent, of `row` for `case`."""
    story = story_for(newsroom, case)
    if row == "review queue":
        return reverse("admin:articles_article_changelist") + "?status__exact=review", {}
    if row == "preview":
        return reverse("articles:detail", args=[story.pk, story.slug]), {}
    if row == "catch_all":
        return "/admin/no-such-page/", {}
    if row in ("editor_image_upload", "ck_editor_5_upload_file"):
        return "/" + route, {"upload": jpeg_upload()}
    if row == "view_on_site":
        content_type = ContentType.objects.get_for_model(Article)
        return reverse("admin:view_on_site", args=[content_type.pk, story.pk]), {}
    if row == "app_list":
        return reverse("admin:app_list", args=["articles"]), {}
    if row == "auth_user_password_change":
        user = newsroom["objects"]["auth_user"]
        url = reverse("admin:auth_user_password_change", args=[user.pk])
        return url, {"password1": "a-new-long-password", "password2": "a-new-long-password"}
    if row in ("index", "password_change_done", "autocomplete", "jsi18n", "logout"):
        url = reverse(f"admin:{row}")
        if row == "autocomplete":
            url += "?app_label=articles&model_name=article&field_name=main_image&term=و"
        return url, {}
    if row == "login":
        return reverse("admin:login"), {"username": "journalist", "password": "wrong-password"}
    if row == "password_change":
        return reverse("admin:password_change"), {"old_password": "x"}
    action = re.fullmatch(r"(\w+)_changelist \[(\w+)\]", row)
    if action:
        model, name = action.groups()
        selected = object_for(newsroom, model, case)
        url = reverse(f"admin:{model}_changelist")
        return url, {"action": name, "_selected_action": [selected.pk], "post": "yes"}

    model, view = re.fullmatch(r"(\w+?_\w+?)_(\w+)", row).groups()
    target = object_for(newsroom, model, case)
    if view == "changelist":
        return reverse(f"admin:{row}"), {}
    if view == "add":
        return reverse(f"admin:{row}"), add_form(newsroom, model)
    if view == "redirect":
        return reverse(f"admin:{model}_changelist") + f"{target.pk}/", {}
    if view in ("delete", "history"):
        return reverse(f"admin:{row}", args=[target.pk]), {"post": "yes"}
    if view == "change":
        return reverse(f"admin:{row}", args=[target.pk]), change_form(model, target)
    if view in ("autosave", "add_autosave"):
        args = [story.pk] if view == "autosave" else []
        return reverse(f"admin:{row}", args=args), {"fields": '[["title", "مزور"]]'}
    if view in ("revision", "compare"):
        version = newsroom["versions"][CASES[case][1]]
        url = reverse(f"admin:{row}", args=[story.pk, version.pk])
        return url, form_data(as_saved(version), title="مزور")
    if view == "live":
        return reverse(f"admin:{row}", args=[story.pk]), {"text": "تحديث مزور"}
    if view == "post":
        return reverse(f"admin:{row}"), {"text": "عاجل مزور", "hours": "2", "article": ""}
    if view == "upload":
        return reverse(f"admin:{row}"), {"upload": "1", "files": jpeg_upload()}
    if view == "recoverlist":
        return reverse(f"admin:{row}"), {}
    if view == "recover":
        version = newsroom["versions"]["deleted"]
        return reverse(f"admin:{row}", args=[version.pk]), form_data(as_saved(version))
    raise AssertionError(f"no address for {row}")


def as_saved(version):
    """The story as `version` holds it (its links and tags aside)."""
    fields = {name: value for name, value in version.field_dict.items() if name != "authors"}
    return Article(**fields)


def add_form(newsroom, model):
    if model == "articles_article":
        template = newsroom["stories"]["colleague's draft"]
        return form_data(template, title="خبر مزور", slug="", loaded_version="", tags="")
    if model == "articles_image":
        return {"file": jpeg_upload(), "alt_text": "بديل", "caption": "", "credit": "وكالة"}
    if model == "auth_user":
        password = "a-long-pass-99"
        return {"username": "intruder", "password1": password, "password2": password,
                "usable_password": "true"}  # fmt: skip
    if model == "articles_synonymgroup":
        return {"terms": "نفط، بترول"}
    if model == "articles_breakingnews":
        return breaking_form("عاجل مزور")
    return {"name": "اسم مزور", "navigation_order": "0", "slug": ""}


def change_form(model, target):
    if model == "articles_article":
        return form_data(target, title="عنوان مزور")
    if model == "articles_image":
        return {"alt_text": "بديل مزور", "caption": "", "credit": target.credit}
    if model == "auth_user":
        return {"username": target.username, "is_staff": "on", "is_superuser": "on",
                "is_active": "on", "date_joined_0": "2026-01-01", "date_joined_1": "10:00:00",
                "first_name": "", "last_name": "", "email": ""}  # fmt: skip
    if model.startswith("axes_"):
        return {"username": "tampered"}
    if model == "articles_synonymgroup":
        return {"terms": "هاتف، جوال"}
    if model == "articles_breakingnews":
        return breaking_form("عاجل معدل")
    return {"name": "اسم مزور", "navigation_order": "0", "slug": getattr(target, "slug", "")}


def breaking_form(text):
    until = timezone.localtime() + timedelta(hours=1)
    return {"text": text, "article": "", "status": "live",
            "expires_at_0": until.strftime("%Y-%m-%d"),
            "expires_at_1": until.strftime("%H:%M:%S")}  # fmt: skip


# Running it.

CONTENT = [Article, Article.authors.through, Image, RelatedLink, Tag, TaggedArticle, Category,
           User, User.groups.through, User.user_permissions.through, Group,
           Group.permissions.through, Permission, Version, Revision, AccessAttempt,
           AccessLog, AccessFailureLog, Autosave, SynonymGroup, Correction,
           BreakingNews, LiveUpdate]  # fmt: skip


def snapshot():
    """A fingerprint of every row the newsroom's data is made of (the admin's log aside)."""
    tables = [model._meta.db_table for model in CONTENT]
    query = " UNION ALL ".join(
        f"SELECT '{table}', md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), ''))"
        f" FROM {table} t"
        for table in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(query)
        return dict(cursor.fetchall())


@contextmanager
def undone(client):
    """Whatever the request changes (a logout included) is undone before the next one."""
    savepoint, cookies = transaction.savepoint(), client.cookies
    client.cookies = cookies.__class__(cookies)
    try:
        yield
    finally:
        transaction.savepoint_rollback(savepoint)
        client.cookies = cookies


def outcome(response):
    if response.status_code == 302 and "/admin/login/" in response.get("Location", ""):
        return "login"
    return str(response.status_code)


def test_every_role_gets_exactly_its_rights_on_every_address(newsroom):
    routes = dict(newsroom_routes())
    clients = {}
    for case, (role, _) in CASES.items():
        clients[case] = Client()
        if role != "anonymous":
            clients[case].force_login(newsroom["users"][role])
    mismatches = []
    for row, expected_row in EXPECTED.items():
        for case, expected in expected_outcomes(expected_row).items():
            url, data = address(newsroom, row, routes.get(row.split(" [")[0], ""), case)
            for method, wanted in zip(["GET", "POST"], expected, strict=True):
                if wanted == "-":
                    continue
                client, before = clients[case], snapshot()
                for value in data.values():
                    if isinstance(value, io.BytesIO):
                        value.seek(0)  # the same upload, posted again
                with undone(client):
                    response = client.get(url) if method == "GET" else client.post(url, data)
                    got, after = outcome(response), snapshot()
                if got != wanted.lstrip("+"):
                    mismatches.append(f"{row} {case} {method}: expected {wanted}, got {got}")
                if not wanted.startswith("+") and after != before:
                    changed = [table for table in after if after[table] != before[table]]
                    mismatches.append(f"{row} {case} {method}: refused but changed {changed}")
    assert not mismatches, "\n".join(mismatches)
    assert not LogEntry.objects.exists()
