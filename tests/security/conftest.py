"""A site full of hostile text, written the way a journalist would: through the admin."""

import importlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test import Client, override_settings
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from articles.models import Article, Image, RelatedLink, Tag
from categories.models import Category
from lib.text import CONTROL_CHARACTERS
from tests.admin_forms import jpeg_upload, links_management
from tests.browser.conftest import site_url  # noqa: F401  (the live server fixture)
from tests.factories import UserFactory

EDITORS = "محرر"

PAYLOAD_FILE = Path(__file__).with_name("xss_payloads.json")
STORIES = 10
SECTIONS = 5
PHOTOS = 3
TAGS_PER_STORY = 9
LINK_TITLES_PER_STORY = 4


def load_payloads():
    """{category: [payload, …]} from xss_payloads.json."""
    groups = json.loads(PAYLOAD_FILE.read_text(encoding="utf-8"))
    return {name: items for name, items in groups.items() if not name.startswith("_")}


ALL_PAYLOADS = [payload for items in load_payloads().values() for payload in items]


class Packer:
    """Hands out payloads for fields with a length limit, cycling through the corpus so that
    every payload lands in some short field, several to a field where they fit. A payload
    too long for one field waits for the next field long enough."""

    def __init__(self, payloads):
        self.payloads = payloads
        self.position = 0
        self.waiting = []
        self.placed = set()

    def take(self, limit, separator=" "):
        chosen, length = [], 0

        def fits(payload):
            return length + len(payload) + (len(separator) if chosen else 0) <= limit

        for payload in [p for p in self.waiting if len(p) <= limit]:
            if fits(payload):
                self.waiting.remove(payload)
                chosen.append(payload)
                length += len(payload) + (len(separator) if len(chosen) > 1 else 0)
        for _ in range(len(self.payloads)):
            payload = self.payloads[self.position % len(self.payloads)]
            if not fits(payload):
                if chosen:
                    break
                if payload not in self.placed and payload not in self.waiting:
                    self.waiting.append(payload)
                self.position += 1
                continue
            chosen.append(payload)
            length += len(payload) + (len(separator) if len(chosen) > 1 else 0)
            self.position += 1
        self.placed.update(chosen)
        return separator.join(chosen)


@dataclass
class HostileSite:
    editor: object
    stories: list = field(default_factory=list)
    sections: list = field(default_factory=list)
    photos: list = field(default_factory=list)
    rejected_urls: list = field(default_factory=list)
    accepted_urls: list = field(default_factory=list)
    short_fields: set = field(default_factory=set)
    media_root: Path | None = None

    def reader_pages(self, tags_of=None, searches=None):
        """Every reader page that shows hostile text, as paths: home, author, sections and
        stories first, then tag pages (only of the stories `tags_of` when given) and
        searches for payloads (`searches` of them when given)."""
        pages = ["/", reverse("articles:author", args=[self.editor.username])]
        pages += [section.get_absolute_url() for section in self.sections]
        pages += [story.get_absolute_url() for story in self.stories]
        stories = self.stories if tags_of is None else tags_of
        tags = Tag.objects.filter(tagged_articles__content_object__in=stories).distinct()
        pages += [tag.get_absolute_url() for tag in tags]
        pages += [f"/?page={number}" for number in range(2, len(self.stories) // 12 + 2)]
        if resolves("/search/"):
            queries = ALL_PAYLOADS[::12][:searches]
            pages += ["/search/?q=" + quote(p, safe="") for p in queries]
            pages += ["/search/?q=" + quote("خبر", safe="")]
        return pages

    def feeds(self):
        paths = ["/feeds/rss/", "/feeds/atom/"]
        for section in self.sections:
            paths += [section.get_absolute_url() + "rss/", section.get_absolute_url() + "atom/"]
        return [path for path in paths if resolves(path)]

    def sitemaps(self):
        return [path for path in ("/sitemap.xml", "/sitemap-news.xml") if resolves(path)]


def resolves(path):
    try:
        resolve(path.split("?")[0])
    except Resolver404:
        return False
    return True


def link_rows(links):
    """The related-links inline, as the admin posts it: (kind, url, title, target)."""
    data = links_management(len(links))
    for index, (kind, url, title, target) in enumerate(links):
        prefix = f"links-{index}-"
        data.update(
            {
                prefix + "position": str(index),
                prefix + "kind": kind,
                prefix + "target_article": str(target.pk) if target else "",
                prefix + "url": url,
                prefix + "title": title,
                prefix + "after_paragraph": "",
            }
        )
    return data


def post_ok(client, url, data):
    response = client.post(url, data)
    assert response.status_code == 302, _form_errors(response)
    return response


def _form_errors(response):
    context = response.context or {}
    errors = [str(context.get("errors", ""))]
    for formset in context.get("inline_admin_formsets", []):
        errors += [str(formset.formset.errors), str(formset.formset.non_form_errors())]
    return "\n".join(errors)


def newsroom_role(name):
    """A role group, made again by its data migration if a transactional test's flush
    emptied the table."""
    if not Group.objects.filter(name=name).exists():
        roles = importlib.import_module("articles.migrations.0003_roles")
        state = MigrationExecutor(connection).loader.project_state(("articles", "0003_roles"))
        roles.create_roles(state.apps, None)
    return Group.objects.get(name=name)


def build_hostile_site(client):
    """Sections, photos and stories whose every reader-visible text field holds payloads,
    each saved by an editor through the admin's own forms."""
    editor = UserFactory(username="editor", first_name="منى", last_name="العلي", is_staff=True)
    editor.groups.add(newsroom_role(EDITORS))
    client.force_login(editor)
    site = HostileSite(editor=editor)
    packer = Packer(ALL_PAYLOADS)
    everything = "\n".join(ALL_PAYLOADS)

    for index in range(SECTIONS):
        name = packer.take(100) or f"قسم {index}"
        post_ok(
            client,
            reverse("admin:categories_category_add"),
            {
                "name": name,
                "slug": "",
                "parent": "",
                "description": everything,
                "show_in_navigation": "on",
                "navigation_order": str(index),
                "_save": "حفظ",
            },
        )
        site.sections.append(Category.objects.get(name=CONTROL_CHARACTERS.sub("", name).strip()))

    for index in range(PHOTOS):
        post_ok(
            client,
            reverse("admin:articles_image_add"),
            {
                "file": jpeg_upload(f"photo-{index}.jpg", size=(480, 270)),
                "alt_text": packer.take(250),
                "caption": everything,
                "credit": packer.take(150),
                "_save": "حفظ",
            },
        )
        site.photos.append(Image.objects.latest("pk"))

    for index in range(STORIES):
        links = [
            (
                RelatedLink.Kind.SEE_ALSO if n % 2 else RelatedLink.Kind.RELATED,
                f"https://example.com/{index}/{n}",
                packer.take(200),
                None,
            )
            for n in range(LINK_TITLES_PER_STORY)
        ]
        if site.stories:  # a see-also naming another hostile story shows its headline
            links.append((RelatedLink.Kind.SEE_ALSO, "", "", site.stories[-1]))
        body = everything if index % 2 else "".join(f"<p>{p}</p>" for p in ALL_PAYLOADS)
        data = {
            "title": packer.take(200),
            "summary": packer.take(600),
            "body": body,
            "main_image": site.photos[index % PHOTOS].pk,
            "category": site.sections[index % SECTIONS].pk,
            "tags": "، ".join(packer.take(100) for _ in range(TAGS_PER_STORY)),
            "authors": [editor.pk],
            "_step": "publish",
            "published_at_0": "",
            "published_at_1": "",
            "is_lead": "on" if index == 0 else "",
            "is_featured": "on" if index in (1, 2) else "",
            "slug": "",
            "_save": "حفظ",
            **link_rows(links),
        }
        post_ok(client, reverse("admin:articles_article_add"), data)
        story = Article.objects.latest("pk")
        assert story.title == CONTROL_CHARACTERS.sub("", data["title"]).strip()
        site.stories.append(story)

    site.rejected_urls, site.accepted_urls = _hostile_link_addresses(client, site.stories[0])
    site.short_fields = packer.placed
    client.logout()
    return site


def _hostile_link_addresses(client, story):
    """Every 'url' payload as a related link's address, through the story's change form.

    The form refuses some (javascript: and the like, which is right); the rest are saved.
    Returns (refused, saved).
    """
    urls = load_payloads()["url"]
    existing = list(story.links.all())
    change = reverse("admin:articles_article_change", args=[story.pk])

    def post(candidates):
        rows = [(link.kind, link.url, link.title, link.target_article) for link in existing]
        rows += [(RelatedLink.Kind.RELATED, url, url[:200], None) for url in candidates]
        data = {
            "title": story.title,
            "summary": story.summary,
            "body": story.body,
            "main_image": story.main_image_id,
            "category": story.category_id,
            "tags": "، ".join(story.tags.names()),
            "authors": [author.pk for author in story.authors.all()],
            "published_at_0": timezone.localtime(story.published_at).strftime("%Y-%m-%d"),
            "published_at_1": timezone.localtime(story.published_at).strftime("%H:%M:%S"),
            "is_lead": "on" if story.is_lead else "",
            "is_featured": "on" if story.is_featured else "",
            "slug": story.slug,
            "loaded_version": str(Article.objects.get(pk=story.pk).version),
            "_save": "حفظ",
            **link_rows(rows),
        }
        for index, link in enumerate(existing):
            data[f"links-{index}-id"] = str(link.pk)
            data[f"links-{index}-article"] = str(story.pk)
        data["links-INITIAL_FORMS"] = str(len(existing))
        return client.post(change, data)

    response = post(urls)
    if response.status_code == 302:
        return [], urls
    formset = response.context["inline_admin_formsets"][0].formset
    refused = [
        url for url, form in zip(urls, formset.forms[len(existing) :], strict=True) if form.errors
    ]
    accepted = [url for url in urls if url not in refused]
    response = post(accepted)
    assert response.status_code == 302, _form_errors(response)
    return refused, accepted


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache. The reader page cache is retired when a change
    commits, and a test's transaction never commits: a page cached by an earlier test would
    be served again."""
    cache.clear()


@pytest.fixture(scope="module")
def built_hostile_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once per module inside a transaction that is rolled back afterwards; each
    test runs in a savepoint within it."""
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        cache.clear()
        site = build_hostile_site(Client())
        site.media_root = media
        yield site
        transaction.set_rollback(True)


@pytest.fixture
def hostile_site(built_hostile_site, settings):
    settings.MEDIA_ROOT = built_hostile_site.media_root  # where its photos were stored
    return built_hostile_site
