"""Equivalent terms ("مرادفات البحث"): editors list them, readers' queries use them.

A query word finds the stories holding any of its group's terms, those holding the word
as typed first; editors keep the groups in the admin, journalists cannot; a change to
a group retires the cached search pages.
"""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.demo import read_json
from articles.search.synonyms import SynonymGroup, add_groups, query_words
from tests.cache.conftest import key_prefix, redis_page_cache  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


@pytest.fixture
def oil(db):
    return SynonymGroup.objects.create(terms="النفط، البترول")


def test_a_word_finds_the_stories_holding_its_equivalents(make_story, found, oil):
    petrol = make_story(title="أسعار البترول تتراجع")
    crude = make_story(title="حقل نفط جديد يبدأ الإنتاج")
    make_story(title="أسعار الذهب ترتفع")
    assert set(found("النفط")) == {petrol.title, crude.title}
    assert set(found("بترول")) == {petrol.title, crude.title}


def test_the_word_as_typed_ranks_above_its_equivalents(make_story, found, oil):
    """Even with the equivalent in the headline and the word typed only in the body."""
    petrol = make_story(title="البترول البترول يتراجع")
    crude = make_story(title="تقرير الطاقة", body="<p>تراجع إنتاج النفط قليلاً.</p>")
    assert found("النفط") == [crude.title, petrol.title]
    assert found("البترول") == [petrol.title, crude.title]


def test_a_broken_plural_and_a_name_in_two_scripts(make_story, found):
    add_groups(["هاتف، هواتف", "OPEC، أوبك"])
    phones = make_story(title="مبيعات الهواتف المستعملة ترتفع")
    phone = make_story(title="هاتف ذكي بسعر معقول")
    opec = make_story(title="تقرير OPEC الشهري")
    assert set(found("هاتف")) == set(found("الهواتف")) == {phones.title, phone.title}
    assert found("أوبك") == found("opec") == [opec.title]


def test_a_term_of_several_words_stands_for_a_word(make_story, found):
    add_groups(["كأس العالم، المونديال"])
    cup = make_story(title="قرعة كأس العالم تسحب غدا")
    mundial = make_story(title="المونديال ينطلق الصيف المقبل")
    make_story(title="نهائي الكأس المحلية")
    assert set(found("المونديال")) == {cup.title, mundial.title}
    assert set(found("كأس العالم")) == {cup.title, mundial.title}


def test_a_long_query_counts_a_word_and_its_equivalents_once(make_story, found, oil):
    """ "البترول" in the story and "النفط" typed are one word held of four, not two."""
    both = make_story(title="الذهب والبترول في أسواق الخليج")
    one = make_story(title="أسعار البترول والنفط تتراجع")
    assert found("ارتفاع الذهب والنفط في الخليج") == [both.title, one.title]


def test_a_query_looks_its_groups_up_in_one_query(oil):
    with CaptureQueriesContext(connection) as queries:
        words = query_words(("نفط", "بترول", "ذهب"), "default")
    assert len(queries) == 1
    assert [(word.typed, word.equivalents) for word in words] == [
        (("نفط",), (("بترول",),)),
        (("بترول",), (("نفط",),)),
        (("ذهب",), ()),
    ]


def test_terms_are_tidied_and_stored_as_search_compares_them():
    group = SynonymGroup(terms=" الهواتف ,هاتف،، هواتف ")
    group.full_clean()
    group.save()
    assert group.terms == "الهواتف، هاتف، هواتف"
    assert group.lookup == " هواتف هاتف "


@pytest.mark.parametrize(
    ("terms", "message"),
    [
        ("هاتف", "Give at least two different terms"),
        ("الهواتف، هواتف", "Give at least two different terms"),  # one term, twice
        ("هاتف، في", "Search ignores these words"),
        ("", "This field cannot be blank"),
    ],
)
def test_a_group_search_could_not_use_is_refused(settings, terms, message):
    settings.LANGUAGE_CODE = "en"
    with pytest.raises(ValidationError, match=message):
        SynonymGroup(terms=terms).full_clean()


def test_the_starter_list_is_valid_and_loads_once():
    groups = read_json("synonyms.json")["groups"]
    assert {"هاتف، هواتف", "النفط، البترول", "لقاح، تطعيم", "OPEC، أوبك"} <= set(groups)
    assert add_groups(groups) == len(groups)
    assert add_groups(groups) == 0
    assert SynonymGroup.objects.count() == len(groups)


# The admin.


def test_an_editor_adds_a_group_in_the_admin(editor_client):
    response = editor_client.post("/admin/articles/synonymgroup/add/", {"terms": "سعر، أسعار"})
    assert response.status_code == 302
    assert SynonymGroup.objects.get().terms == "سعر، أسعار"


def test_the_admin_says_in_arabic_why_a_group_is_refused(editor_client):
    response = editor_client.post("/admin/articles/synonymgroup/add/", {"terms": "سعر"})
    assert response.status_code == 200
    assert "اكتب مصطلحين مختلفين على الأقل" in response.content.decode()
    assert response.context["adminform"].form["terms"].value() == "سعر"  # kept as typed
    assert not SynonymGroup.objects.exists()


def test_the_admin_lists_them_as_search_synonyms(editor_client, oil):
    response = editor_client.get("/admin/")
    assert "مرادفات البحث" in response.content.decode()
    assert "النفط، البترول" in editor_client.get("/admin/articles/synonymgroup/").content.decode()


def test_a_journalist_neither_sees_nor_changes_them(journalist_client, oil):
    """Every path: the list, the forms, the delete page and the bulk delete."""
    assert "مرادفات البحث" not in journalist_client.get("/admin/").content.decode()
    base = "/admin/articles/synonymgroup/"
    assert journalist_client.get(base).status_code == 403
    assert journalist_client.post(f"{base}add/", {"terms": "ا، ب"}).status_code == 403
    assert journalist_client.post(f"{base}{oil.pk}/change/", {"terms": "x، y"}).status_code == 403
    assert journalist_client.post(f"{base}{oil.pk}/delete/", {"post": "yes"}).status_code == 403
    bulk = {"action": "delete_selected", "_selected_action": [oil.pk], "post": "yes"}
    assert journalist_client.post(base, bulk).status_code == 403
    assert list(SynonymGroup.objects.values_list("terms", flat=True)) == ["النفط، البترول"]


# The page cache.


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("redis_page_cache")
def test_a_change_to_the_groups_retires_the_cached_search_pages(make_story, client):
    make_story(title="حقل نفط جديد")
    make_story(title="أسعار البترول تتراجع")

    def titles():
        return [story.title for story in client.get("/search/", {"q": "النفط"}).context["results"]]

    assert titles() == ["حقل نفط جديد"]
    assert client.get("/search/", {"q": "النفط"}).context is None  # from the cache
    group = SynonymGroup.objects.create(terms="النفط، البترول")
    assert titles() == ["حقل نفط جديد", "أسعار البترول تتراجع"]
    group.terms = "النفط، الخام"
    group.save()
    assert titles() == ["حقل نفط جديد"]
    SynonymGroup.objects.create(terms="نفط، بترول")
    assert len(titles()) == 2
    SynonymGroup.objects.all().delete()  # the admin's bulk delete
    assert titles() == ["حقل نفط جديد"]
