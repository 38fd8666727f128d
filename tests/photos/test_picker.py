"""The story form's main-photo picker: thumbnails, searched by alt text, caption and
credit, offering only photos with their alt text and credit (issue 14)."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.factories import ImageFactory, UserFactory

pytestmark = pytest.mark.django_db


def picker_results(client, term):
    source = {"app_label": "articles", "model_name": "article", "field_name": "main_image"}
    return client.get(reverse("admin:autocomplete"), {"term": term, **source})


@pytest.fixture
def photos(db):
    return {
        "protest": ImageFactory(
            alt_text="متظاهرون أمام البرلمان",
            caption="تجمع المئات في الساحة صباح الأحد.",
            credit="سامر الخطيب/خبرين",
        ),
        "summit": ImageFactory(
            alt_text="وزيرا الخارجية في قصر الإليزيه",
            caption="التقى الوزيران في باريس يوم الخميس.",
            credit="لودوفيك مارين/رويترز",
        ),
        "waiting": ImageFactory(alt_text="", caption="صورة من البرلمان لم توصف بعد", credit=""),
    }


@pytest.mark.parametrize(
    ("term", "found"),
    [("متظاهرون", "protest"), ("الإليزيه", "summit"), ("الساحة", "protest"),
     ("باريس", "summit"), ("الخطيب", "protest"), ("رويترز", "summit")],
)  # fmt: skip
def test_the_picker_searches_alt_text_caption_and_credit(journalist_client, photos, term, found):
    results = picker_results(journalist_client, term).json()["results"]
    assert [result["id"] for result in results] == [str(photos[found].pk)]


def test_each_result_has_its_thumbnail_caption_and_credit(journalist_client, photos):
    photo = photos["summit"]
    [result] = picker_results(journalist_client, "الإليزيه").json()["results"]
    assert result == {
        "id": str(photo.pk),
        "text": "وزيرا الخارجية في قصر الإليزيه",
        "thumbnail": photo.thumbnail.url,
        "caption": "التقى الوزيران في باريس يوم الخميس.",
        "credit": "لودوفيك مارين/رويترز",
    }
    # A small rendition, not the original.
    assert photo.thumbnail.width == 320 and "/renditions/" in photo.thumbnail.url
    form = journalist_client.get(reverse("admin:articles_article_add")).content.decode()
    assert "js/image_picker" in form and "css/image_desk" in form


def test_a_photo_without_alt_text_or_credit_is_not_offered(journalist_client, photos):
    assert picker_results(journalist_client, "البرلمان").json()["results"] == [
        {
            "id": str(photos["protest"].pk),
            "text": "متظاهرون أمام البرلمان",
            "thumbnail": photos["protest"].thumbnail.url,
            "caption": "تجمع المئات في الساحة صباح الأحد.",
            "credit": "سامر الخطيب/خبرين",
        }
    ]
    credited_only = ImageFactory(alt_text="", credit="رويترز")
    described_only = ImageFactory(alt_text="صورة موصوفة بلا مصدر", credit="")
    ids = {result["id"] for result in picker_results(journalist_client, "").json()["results"]}
    assert str(credited_only.pk) not in ids and str(described_only.pk) not in ids


def test_the_picker_needs_the_permission_to_view_photos(client, photos):
    """The same rule as before: whoever may not see the photo library gets nothing."""
    writer = UserFactory(username="writer-without-photos", is_staff=True)
    writer.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="articles", codename__in=["add_article", "change_article"]
        )
    )
    client.force_login(writer)
    assert picker_results(client, "البرلمان").status_code == 403

    client.logout()
    response = picker_results(client, "البرلمان")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_story_form_refuses_a_photo_without_its_description(journalist_client, photos):
    from tests.articles.test_admin import story_form
    from tests.factories import CategoryFactory

    response = journalist_client.post(
        reverse("admin:articles_article_add"), story_form(photos["waiting"], CategoryFactory())
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["main_image"]
