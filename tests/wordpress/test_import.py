"""manage.py import_wordpress on the fixture export (#17): what each part of a WordPress
site becomes, and that importing again changes nothing."""

import io
import re
from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model

from articles.models import Article, Image, Tag
from articles.wordpress.models import ImportedItem, LegacyAddress
from categories.models import Category
from tests.conftest import JOURNALISTS
from tests.photos.files import metadata_of

from .conftest import DEFAULT_CREDIT, EXPORT, run_import

pytestmark = pytest.mark.django_db


def story(post_id):
    return ImportedItem.objects.get(kind="post", wordpress_id=post_id).article


def photo(attachment_id):
    return ImportedItem.objects.get(kind="attachment", wordpress_id=attachment_id).image


def summary_row(output, kind):
    """(created, updated, unchanged, skipped) of a kind in the summary table."""
    line = next(line for line in output.splitlines() if line.startswith(kind))
    return tuple(int(cell.replace(",", "")) for cell in line[len(kind) :].split()[:4])


def test_the_summary_counts_each_kind(imported):
    assert summary_row(imported, "stories") == (7, 0, 0, 3)
    assert summary_row(imported, "authors") == (2, 0, 0, 0)
    assert summary_row(imported, "sections") == (5, 0, 0, 0)
    # أوروبا and اوروبا are one tag.
    assert summary_row(imported, "tags") == (3, 0, 0, 0)
    assert summary_row(imported, "photos") == (3, 0, 0, 1)
    assert summary_row(imported, "pages") == (0, 0, 0, 1)
    for reason in ("private (1)", "in the trash (1)", "password-protected (1)",
                   "not a photo (1)", "Khabarayn has no pages (1)"):  # fmt: skip
        assert reason in imported
    assert Article.objects.count() == 7


def test_each_status_becomes_its_workflow_state(imported):
    assert story(101).is_published()
    assert story(101).published_at == datetime(2024, 5, 14, 9, 30, tzinfo=UTC)
    assert story(104).is_scheduled()
    assert story(104).published_at == datetime(2031, 1, 1, 6, 0, tzinfo=UTC)
    assert story(105).status == Article.Status.DRAFT
    assert story(106).status == Article.Status.REVIEW
    # Private, trashed and password-protected posts are not imported.
    assert not ImportedItem.objects.filter(wordpress_id__in=[107, 108, 109]).exists()


def test_times_come_from_the_export(imported):
    article = story(103)
    assert article.created_at == datetime(2024, 5, 22, 7, 0, tzinfo=UTC)
    assert article.updated_at == datetime(2024, 5, 23, 7, 0, tzinfo=UTC)


def test_a_published_post_with_an_empty_body_goes_in_as_a_draft(imported):
    """Its only block rendered from the database: nothing is left of it to publish."""
    article = story(110)
    assert article.status == Article.Status.DRAFT
    assert article.body == ""
    assert "post 110" in imported and "its body is empty: imported as a draft" in imported


def test_categories_become_sections_with_their_parents(imported):
    international = story(101).category
    assert international.name == "سياسة دولية"
    assert international.parent.name == "سياسة"
    football = story(102).category
    assert (football.name, football.parent.name) == ("كرة القدم", "رياضة")
    # The WordPress slug, decoded, is the section's: its address reads the same.
    assert international.slug == "سياسة-دولية"
    assert Category.objects.get(name="اقتصاد & أعمال").description == ""
    assert Category.objects.get(name="سياسة").description == "أخبار السياسة"


def test_tags_fold_spelling_variants(imported):
    europe = Tag.objects.get(name="أوروبا")
    assert not Tag.objects.filter(name="اوروبا").exists()
    assert set(story(101).tags.all()) == {europe, Tag.objects.get(name="النفط")}
    assert list(story(102).tags.all()) == [europe]  # tagged "اوروبا" in WordPress
    # Stories are searched by their tags' names.
    assert Article.objects.published().search("أوروبا").filter(pk=story(102).pk).exists()


def test_authors_are_inactive_journalists_without_a_password(imported):
    users = get_user_model().objects
    layla = users.get(username="layla")
    assert (layla.first_name, layla.last_name, layla.email) == (
        "ليلى", "حداد", "layla@akhbar.example"
    )  # fmt: skip
    samer = users.get(username="samer_khalil")  # a login with a space
    assert (samer.first_name, samer.last_name) == ("سامر", "خليل")
    for user in (layla, samer):
        assert not user.is_active
        assert not user.has_usable_password()
        assert user.groups.filter(name=JOURNALISTS).exists()
    assert list(story(101).authors.all()) == [layla]
    assert story(102).created_by == samer


def test_the_featured_photo_keeps_its_alt_text_caption_and_credit(imported):
    main = story(101).main_image
    assert main == photo(201)
    assert main.alt_text == "وزير الخارجية والمبعوث الدولي يتبادلان التحيات"
    assert main.caption == "التقى المبعوث الأمريكي نظراءه في باريس يوم الخميس."
    assert main.credit == "فلان الفلاني/رويترز"
    assert not main.file_missing
    assert (main.width, main.height) == (1600, 900)
    assert main.renditions  # made as the admin's uploads are


def test_a_photo_without_a_credit_gets_the_default_one(imported):
    assert photo(202).credit == DEFAULT_CREDIT
    assert photo(202).caption == "الملعب قبل المباراة"


def test_photos_go_through_the_upload_checks(imported):
    """The stored file is a fresh encoding under a name of ours, upright, without the
    camera's EXIF or where it was taken, as an upload's is."""
    stored = photo(201).file
    assert re.fullmatch(r"photos/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", stored.name)
    with stored.open("rb") as file:
        metadata = metadata_of(file.read())
    assert not metadata["exif"] and not metadata["gps"] and not metadata["xmp"]


def test_a_missing_file_gets_a_placeholder_marked_for_an_editor(imported):
    missing = photo(203)
    assert missing.file_missing
    assert missing.alt_text == "لاعبو الفريق"
    assert story(102).main_image == missing  # the story is still published
    assert story(102).is_published()
    assert "attachment 203: 2024/05/mafqud.jpg (not in the media folder)" in imported


def test_a_published_post_without_any_photo_shows_the_shared_placeholder(imported):
    article = story(103)
    assert article.is_published()
    assert article.main_image.file_missing
    assert "no photo: the placeholder" in imported


def test_a_photo_uploaded_later_clears_the_mark(imported, media_dir):
    (media_dir / "2024" / "05" / "mafqud.jpg").write_bytes(
        (media_dir / "2024" / "05" / "qimma.jpg").read_bytes()
    )
    output = run_import(EXPORT, media_dir=str(media_dir), default_credit=DEFAULT_CREDIT)
    assert summary_row(output, "photos") == (0, 1, 2, 1)
    assert not photo(203).file_missing
    assert story(102).main_image == photo(203)


def test_bodies_are_converted_and_sanitised(imported):
    blocks = story(101).body
    assert "wp:" not in blocks and "<!--" not in blocks
    assert "<h2>ماذا قال الوزراء؟</h2>" in blocks
    # The image block shows the imported photo; the embed is a link.
    assert f'<figure class="image"><img src="{photo(202).body_rendition.url}"' in blocks
    assert '<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in blocks
    classic = story(102).body
    assert classic.startswith("<p>انطلق الدوري مساء الاثنين وسط حضور جماهيري كبير.<br>")
    assert "[caption" not in classic and "[gallery" not in classic
    assert classic.count('<figure class="image">') == 3  # the caption and the gallery's two
    assert "tracker.example" not in classic
    assert "blocks dropped (latest-posts) 2" in imported
    assert "captions converted 1" in imported


def test_internal_links_point_at_the_new_stories(imported):
    """Backwards and forwards: post 101 links to 102 and 103, which come after it."""
    assert f'href="{story(101).get_absolute_url()}"' in story(102).body
    assert f'href="{story(102).get_absolute_url()}"' in story(101).body
    assert f'href="{story(103).get_absolute_url()}"' in story(101).body
    assert "akhbar.example" not in story(101).body + story(102).body


def test_control_characters_never_reach_a_headline(imported):
    """A vertical tab (a pasted line break) becomes a space; a bell character goes."""
    title = story(110).title
    assert title == "عنوان فيهمحارف تحكم"
    assert "Control characters removed from the export: 2." in imported


def test_a_second_run_changes_nothing(imported, media_dir):
    before = {
        "stories": list(
            Article.objects.order_by("pk").values_list("pk", "version", "updated_at", "body")
        ),
        "photos": list(Image.objects.order_by("pk").values_list("pk", "file", "alt_text")),
        "addresses": LegacyAddress.objects.count(),
        "users": get_user_model().objects.count(),
        "tags": Tag.objects.count(),
        "sections": Category.objects.count(),
    }
    output = run_import(EXPORT, media_dir=str(media_dir), default_credit=DEFAULT_CREDIT)
    for kind in ("stories", "authors", "sections", "tags", "photos", "old addresses"):
        created, updated, *_ = summary_row(output, kind)
        assert (created, updated) == (0, 0), kind
    after = {
        "stories": list(
            Article.objects.order_by("pk").values_list("pk", "version", "updated_at", "body")
        ),
        "photos": list(Image.objects.order_by("pk").values_list("pk", "file", "alt_text")),
        "addresses": LegacyAddress.objects.count(),
        "users": get_user_model().objects.count(),
        "tags": Tag.objects.count(),
        "sections": Category.objects.count(),
    }
    assert after == before


def test_a_changed_post_is_updated_and_an_edited_story_is_kept(imported, media_dir, tmp_path):
    edited = story(103)
    edited.title = "عنوان عدّله محرر هنا"
    edited.save()
    changed = tmp_path / "changed.xml"
    changed.write_bytes(
        EXPORT.read_bytes()
        .replace("الدوري ينطلق".encode(), "الدوري ينطلق اليوم".encode())
        .replace("ارتفعت أسعار النفط".encode(), "هبطت أسعار النفط".encode())
    )
    output = run_import(changed, media_dir=str(media_dir), default_credit=DEFAULT_CREDIT)
    assert summary_row(output, "stories")[:2] == (0, 1)
    assert "edited here since the last import (1)" in output
    assert story(102).title == "الدوري ينطلق اليوم"
    assert story(103).title == "عنوان عدّله محرر هنا"


def test_a_dry_run_writes_nothing(db, media_dir, media_root):
    def state():
        return [model.objects.count() for model in (Article, Image, Tag, Category, LegacyAddress,
                                                    ImportedItem, get_user_model())]  # fmt: skip

    before = state()
    output = run_import(EXPORT, media_dir=str(media_dir), dry_run=True)
    assert state() == before
    assert not media_root.exists() or not any(media_root.rglob("*.*"))
    assert output.startswith("Dry run: nothing was written.")
    assert "would be created" in output
    assert summary_row(output, "stories") == (7, 0, 0, 3)


def test_a_progress_line_shows_how_far_the_import_is(db, media_dir):
    """On a terminal, or with -v 2: the share of the file read and the posts so far."""
    err = io.StringIO()
    run_import(EXPORT, media_dir=str(media_dir), verbosity=2, stderr=err)
    assert "100.0%  10 posts" in err.getvalue()
