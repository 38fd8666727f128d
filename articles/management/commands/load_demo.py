"""Fill the site with demo content: sections, stories with photos and links, accounts.

Every word a reader sees comes from the JSON files in ``articles/demo/``; this
module only reads them. The command is safe to run again: sections are matched
by name, stories by slug and users by username, photos are drawn once per story,
and each story's links are replaced by the ones the data file lists.
"""

import os
import secrets
import time
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html

from articles.demo import read_json
from articles.demo.painter import draw_image
from articles.models import Article, BreakingNews, Correction, Image, LiveUpdate, RelatedLink
from articles.reads.counting import TOP_KEY, add_read
from articles.search.synonyms import add_groups
from categories.models import Category

SITE_URL = "http://127.0.0.1:8000"
PASSWORD_VARIABLE = "DEMO_PASSWORD"


class Command(BaseCommand):
    help = (
        "Load the demo newsroom: sections, about thirty published stories with drawn "
        "photos, tags and links, one draft, one scheduled story, a live story with a dozen "
        "updates, a breaking line, two corrections, read counts, and the admin, "
        "journalist and editor accounts. Safe to run again; prints new passwords "
        f"each time (set {PASSWORD_VARIABLE} to choose one for all three)."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        sections_data = read_json("sections.json")["sections"]
        accounts_data = read_json("accounts.json")["accounts"]
        stories_data = read_json("stories.json")["stories"]
        check_data(sections_data, accounts_data, stories_data)
        self.counts = {"sections_created": 0, "stories_created": 0, "photos_drawn": 0}

        with transaction.atomic():
            accounts = self.load_accounts(accounts_data)
            sections = self.load_categories(sections_data)
            stories = self.load_articles(stories_data, sections, accounts)
            link_count = self.load_links(stories_data, stories)
            # The starter list of equivalent terms for search ("مرادفات البحث").
            synonyms_added = add_groups(read_json("synonyms.json")["groups"])
            # A live story, a breaking line, corrections and read counts (issue 16).
            desk = self.load_newsdesk(read_json("newsdesk.json"), stories, accounts)

        published = Article.objects.published().filter(pk__in=[s.pk for s in stories.values()])
        self.stdout.write(
            f"Sections: {len(sections)} ({self.counts['sections_created']} new). "
            f"Stories: {len(stories)} ({self.counts['stories_created']} new, "
            f"{published.count()} visible to readers). "
            f"Photos drawn: {self.counts['photos_drawn']}. Links: {link_count}. "
            f"Search synonym groups: {synonyms_added} new. {desk}"
        )
        self.stdout.write(f"Done in {time.monotonic() - started:.1f} s.")
        self.print_accounts(accounts)

    # Accounts -----------------------------------------------------------------

    def load_accounts(self, accounts_data):
        user_model = get_user_model()
        shared_password = os.environ.get(PASSWORD_VARIABLE)
        if shared_password:
            try:
                validate_password(shared_password)
            except ValidationError as error:
                self.stderr.write(
                    f"Warning: {PASSWORD_VARIABLE} is weak: " + " ".join(error.messages)
                )
        self.passwords = {}
        accounts = {}
        for entry in accounts_data:
            role = entry["role"]
            user, _ = user_model.objects.get_or_create(username=entry["username"])
            user.first_name = entry.get("first_name", "")
            user.last_name = entry.get("last_name", "")
            user.email = entry.get("email", "")
            user.is_active = True
            user.is_staff = True
            user.is_superuser = role == "admin"
            password = shared_password or secrets.token_urlsafe(12)
            user.set_password(password)
            user.save()
            # The role comes from its group (created by a migration), as for real staff.
            user.user_permissions.clear()
            groups = Group.objects.filter(name__in=entry.get("groups", []))
            if len(groups) != len(entry.get("groups", [])):
                raise CommandError("The newsroom groups are missing; run migrate first.")
            user.groups.set(groups)
            self.passwords[user.username] = password
            accounts[role] = user
        return accounts

    def print_accounts(self, accounts):
        try:
            admin_url = SITE_URL + reverse("admin:index")
        except NoReverseMatch:
            admin_url = SITE_URL + "/admin/"
        descriptions = {
            "admin": "superuser",
            "journalist": "journalist group: writes stories, uploads photos, submits for review",
            "editor": "editor group: reviews, publishes, schedules and curates",
        }
        width = max(len(name) for name in self.passwords)
        rule = "-" * 64
        lines = [rule, f"Demo accounts: sign in at {admin_url}"]
        for role, user in accounts.items():
            lines.append(
                f"  {user.username:<{width}}  {self.passwords[user.username]}"
                f"   ({descriptions.get(role, role)})"
            )
        if os.environ.get(PASSWORD_VARIABLE):
            lines.append(f"Passwords come from {PASSWORD_VARIABLE}.")
        else:
            lines.append(f"Passwords are new on every run; set {PASSWORD_VARIABLE} to choose one.")
        lines.append(rule)
        self.stdout.write("\n".join(lines))

    # Sections -----------------------------------------------------------------

    def load_categories(self, sections_data):
        sections = {}
        for entry in sections_data:
            section = Category.objects.filter(name=entry["name"]).first()
            if section is None:
                section = Category(name=entry["name"])
                self.counts["sections_created"] += 1
            section.description = entry["description"]
            section.parent = sections[entry["parent"]] if entry.get("parent") else None
            section.show_in_navigation = entry.get("show_in_navigation", True)
            section.navigation_order = entry.get("navigation_order", 0)
            section.full_clean()
            section.save()
            section.demo_palette = entry["palette"]
            section.demo_scene = entry["scene"]
            sections[entry["key"]] = section
        return sections

    # Stories ------------------------------------------------------------------

    def load_articles(self, stories_data, sections, accounts):
        now = timezone.now().replace(second=0, microsecond=0)
        writers = [accounts["journalist"], accounts["editor"]]
        stories = {}
        for index, entry in enumerate(stories_data):
            section = sections[entry["section"]]
            author = writers[index % len(writers)]
            slug = Article.slug_base(entry["title"])
            article = Article.objects.select_related("main_image").filter(slug=slug).first()
            if article is None:
                article = Article(slug=slug)
                self.counts["stories_created"] += 1
                image = Image()
            else:
                image = article.main_image

            image.alt_text = entry["image"]["alt_text"]
            image.caption = entry["image"]["caption"]
            image.credit = entry["image"]["credit"]
            image.uploaded_by = author
            if not image.pk or not image.file or not image.file.storage.exists(image.file.name):
                scene = entry["image"].get("scene", section.demo_scene)
                photo = draw_image(scene, section.demo_palette, seed=index)
                image.file.save(f"{slug[:40]}.jpg", ContentFile(photo), save=False)
                self.counts["photos_drawn"] += 1
            image.save()

            status = entry.get("status", Article.Status.PUBLISHED)
            written_at = min(now - timedelta(hours=entry["hours_ago"]), now)
            article.title = entry["title"]
            article.summary = entry["summary"]
            article.body = body_html(entry["body"])
            article.category = section
            article.main_image = image
            article.status = status
            article.created_by = article.updated_by = author
            # The newest story leads the home page; the next four are its top stories.
            article.is_lead = index == 0
            article.is_featured = 1 <= index <= 4
            article.published_at = (
                now - timedelta(hours=entry["hours_ago"])
                if status == Article.Status.PUBLISHED
                else None
            )
            article.save()
            article.tags.set(entry["tags"])
            article.authors.set([author])
            # Stories look written when they went out, not when this command ran.
            updated_at = written_at + timedelta(hours=entry.get("updated_hours_after", 0))
            Article.objects.filter(pk=article.pk).update(
                created_at=written_at - timedelta(minutes=45), updated_at=min(updated_at, now)
            )
            stories[entry["key"]] = article
        return stories

    # The news desk: live coverage, breaking news, corrections, most read ---------

    def load_newsdesk(self, data, stories, accounts):
        now = timezone.now().replace(microsecond=0)
        editor = accounts["editor"]
        updates = self.load_live(data["live"], stories, editor, now)
        BreakingNews.objects.filter(text=data["breaking"]["text"]).delete()
        line = BreakingNews(
            text=data["breaking"]["text"],
            article=stories[data["breaking"]["story"]],
            expires_at=now + timedelta(hours=data["breaking"]["hours"]),
            created_by=editor,
        )
        line.go_live(editor)
        for entry in data["corrections"]:
            story = stories[entry["story"]]
            story.corrections.all().delete()
            Correction.objects.create(
                article=story,
                text=entry["text"],
                created_at=now - timedelta(hours=entry["hours_ago"]),
                created_by=editor,
            )
        reads = self.load_reads(data["reads"], stories, now)
        return (
            f"Live updates: {updates}. Breaking lines: 1. "
            f"Corrections: {len(data['corrections'])}. Reads: {reads}."
        )

    def load_live(self, data, stories, editor, now):
        story = stories[data["story"]]
        story.is_live = True
        story.save()
        started = now - timedelta(minutes=max(u["minutes_ago"] for u in data["updates"]) + 5)
        Article.objects.filter(pk=story.pk).update(live_started_at=started, live_ended_at=None)
        story.live_updates.all().delete()
        photo = Image(
            alt_text=data["photo"]["alt_text"],
            caption=data["photo"]["caption"],
            credit=data["photo"]["credit"],
            uploaded_by=editor,
        )
        painted = draw_image(data["photo"]["scene"], story.category.demo_palette, seed=99)
        photo.file.save("live-update.jpg", ContentFile(painted), save=False)
        photo.save()
        for entry in data["updates"]:
            LiveUpdate.objects.create(
                article=story,
                text=entry["text"],
                is_important=entry.get("important", False),
                photo=photo if entry.get("photo") else None,
                created_at=now - timedelta(minutes=entry["minutes_ago"]),
                created_by=editor,
            )
        return len(data["updates"])

    def load_reads(self, data, stories, now):
        """Reads spread over the last 24 hours, for "الأكثر قراءة". Counted in the cache:
        Redis (REDIS_URL) keeps them for the site; local memory only for this command."""
        total = 0
        for key, count in data.items():
            for number in range(count):
                add_read(stories[key].pk, now - timedelta(hours=number % 24))
            total += count
        cache.delete(TOP_KEY)
        if settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
            self.stderr.write(
                "Read counts went to this command's local-memory cache: set REDIS_URL for "
                "the site to show them under الأكثر قراءة."
            )
        return total

    def load_links(self, stories_data, stories):
        count = 0
        for entry in stories_data:
            article = stories[entry["key"]]
            article.links.all().delete()
            planned = [
                (RelatedLink.Kind.SEE_ALSO, position, item)
                for position, item in enumerate(entry.get("see_also", []))
            ] + [
                (RelatedLink.Kind.RELATED, position, item)
                for position, item in enumerate(entry.get("related", []))
            ]
            for kind, position, item in planned:
                link = RelatedLink(
                    article=article,
                    kind=kind,
                    position=position,
                    after_paragraph=item.get("after_paragraph"),
                )
                if "story" in item:
                    link.target_article = stories[item["story"]]
                else:
                    link.url = item["url"]
                    link.title = item["title"]
                try:
                    link.full_clean()
                except ValidationError as error:
                    raise CommandError(
                        f"Story {entry['key']!r}: bad {kind} link {item}: {error}"
                    ) from error
                link.save()
                count += 1
        return count


# Data -------------------------------------------------------------------------


def check_data(sections_data, accounts_data, stories_data):
    """Catch broken references in the data files before anything is written."""
    roles = {entry["role"] for entry in accounts_data}
    missing_roles = {"admin", "journalist", "editor"} - roles
    if missing_roles:
        raise CommandError(f"accounts.json lacks the roles {sorted(missing_roles)}")
    section_keys = set()
    for entry in sections_data:
        if entry.get("parent") and entry["parent"] not in section_keys:
            raise CommandError(f"Section {entry['key']!r}: list its parent before it")
        section_keys.add(entry["key"])
    story_keys = [entry["key"] for entry in stories_data]
    duplicates = {key for key in story_keys if story_keys.count(key) > 1}
    if duplicates:
        raise CommandError(f"Story keys used twice: {sorted(duplicates)}")
    statuses = set(Article.Status.values)
    for entry in stories_data:
        key = entry["key"]
        if entry["section"] not in section_keys:
            raise CommandError(f"Story {key!r}: unknown section {entry['section']!r}")
        if entry.get("status", Article.Status.PUBLISHED) not in statuses:
            raise CommandError(f"Story {key!r}: unknown status {entry['status']!r}")
        for item in entry.get("see_also", []) + entry.get("related", []):
            target = item.get("story")
            if target is None and not (item.get("url") and item.get("title")):
                raise CommandError(f"Story {key!r}: a link needs a story or a url and title")
            if target is not None and (target not in story_keys or target == key):
                raise CommandError(f"Story {key!r}: bad link target {target!r}")


def body_html(blocks):
    """Sub-headings, each followed by its paragraphs, as the editor would store them."""
    parts = []
    for block in blocks:
        parts.append(format_html("<h2>{}</h2>", block["heading"]))
        parts.extend(format_html("<p>{}</p>", paragraph) for paragraph in block["paragraphs"])
    return "\n".join(parts)
