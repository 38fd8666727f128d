"""Spelling variants find each other: hamza seats, ى, ة, diacritics, tatweel, stop words.

Each case searches the real page on PostgreSQL.
"""

import pytest

from articles.models import Article
from articles.search import ReaderQuery, keywords, normalize, plain_text, stop_words

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        # Hamza seats of alef, either way round.
        ("وصل الأوكرانيين إلى الحدود", "الاوكرانيين"),
        ("جولة في اوروبا الشرقية", "أوروبا"),
        ("إعلان النتائج غدا", "اعلان"),
        ("آمال كبيرة معلقة", "امال"),
        # Alef maqsura and ya.
        ("افتتاح مستشفى جديد", "مستشفي"),
        ("مهرجان الموسيقي السنوي", "الموسيقى"),
        # Ta marbuta and ha.
        ("قرار الحكومة الجديد", "الحكومه"),
        ("بلدية المدينه تعلن", "المدينة"),
        # Diacritics, in the story or in the query.
        ("افتتاح الْمَدْرَسَةُ الكبيرة", "المدرسة"),
        ("افتتاح المدرسة الكبيرة", "مَدْرَسَة"),
        # Tatweel.
        ("تصريح الحكـــومة اليوم", "الحكومة"),
        ("تصريح الحكومة اليوم", "الحكــومة"),
        # Latin letters, whatever their case.
        ("زيارة إلى Paris الأسبوع المقبل", "paris"),
    ],
)
def test_spelling_variants_find_each_other(make_story, found, stored, typed):
    story = make_story(title=stored)
    make_story(title="خبر لا علاقة له بالموضوع")
    assert found(typed) == [story.title]


def test_stop_words_in_the_query_are_ignored(make_story, found):
    paris = make_story(title="وصول الوفد", body="<p>وصل الوزير باريس صباح اليوم.</p>")
    make_story(title="اجتماع في لندن", body="<p>ذهب الوفد إلى لندن.</p>")
    assert found("إلى باريس") == [paris.title]
    assert found("باريس في") == [paris.title]


def test_stop_words_are_not_indexed(make_story):
    story = make_story(title="وصل الوزير إلى باريس على عجل", summary="من هنا", body="<p>في</p>")
    stored = Article.objects.values_list("search_text", "search_vector").get(pk=story.pk)
    assert stored[0] == "وصل وزير باريس عجل\n\n\n"
    assert stored[1] == "'باريس':3A 'عجل':4A 'وزير':2A 'وصل':1A"


def test_every_word_must_match(make_story, found):
    both = make_story(title="قمة باريس للمناخ")
    make_story(title="قمة لندن للمناخ")
    make_story(title="معرض باريس للكتاب")
    assert found("قمة باريس") == [both.title]


def test_a_stem_finds_other_forms_of_the_word(make_story, found):
    """ "أوكرانيا" (the tanwin's alef off) and "الأوكرانيين" (the article and the plural
    off) meet at 'اوكراني'."""
    people = make_story(title="عودة اللاجئين الأوكرانيين")
    country = make_story(title="زيارة رسمية إلى أوكرانيا")
    make_story(title="الحكومة الروسية تجتمع")
    assert set(found("أوكرانيا")) == {people.title, country.title}
    assert set(found("الاوكرانيين")) == {people.title, country.title}


@pytest.mark.parametrize("typed", ["مدرسة", "المدرسة", "والمدرسة", "للمدرسه", "مدرسه"])
def test_every_form_with_the_article_meets_the_others(make_story, found, typed):
    """Every spelling of ة, with or without the article and its attached letters, meets
    the others."""
    stories = {make_story(title=title).title for title in ("افتتاح المدرسة", "مدرسة جديدة")}
    make_story(title="افتتاح المستشفى")
    assert set(found(typed)) == stories


# Normalisation without the database.


def test_normalize_folds_what_a_reader_treats_as_one_spelling():
    assert normalize("الأُوكْرانيّـــين إلى مدرسة آمنة Paris") == "الاوكرانيين الي مدرسه امنه paris"


def test_stop_word_list_is_a_data_file_normalised_like_the_text():
    words = stop_words()
    assert 100 <= len(words) <= 200
    assert {"في", "من", "علي", "الي", "ان", "التي", "الذي", "هذه", "كان"} <= words
    assert all(word == normalize(word) for word in words)
    assert not any(word.startswith("#") for word in words)


def test_keywords_drop_stop_words_lone_letters_and_punctuation():
    assert keywords("و ذهب الوزير إلى باريس، ثم عاد!! _ ب 5") == [
        "ذهب",
        "وزير",
        "باريس",
        "عاد",
        "5",
    ]


@pytest.mark.parametrize(
    ("word", "keyword"),
    [
        ("المدرسة", "مدرس"),
        ("والمدرسة", "مدرس"),
        ("بالمدرسة", "مدرس"),
        ("للمدرسة", "مدرس"),
        ("الأم", "الام"),  # too short once the article is off: kept whole
        ("الذين", None),  # a stop word, matched before the article goes
    ],
)
def test_keywords_take_the_article_off(word, keyword):
    assert keywords(word) == ([keyword] if keyword else [])


def test_plain_text_keeps_paragraphs_apart_and_decodes_entities():
    html = "<h2>العنوان</h2><p>آخر كلمة</p><p>أول كلمة &amp; &lt;script&gt;</p>"
    assert plain_text(html) == "العنوان آخر كلمة أول كلمة & <script>"


@pytest.mark.parametrize(
    ("typed", "text", "terms"),
    [
        ("", "", ()),
        ("   \t\n ", "", ()),
        ("في من على", "في من على", ()),
        ("؟!،. ... «»", "؟!،. ... «»", ()),
        ("  إلى   باريس  ", "إلى باريس", ("باريس",)),
        ("باريس باريس بَاريس", "باريس باريس بَاريس", ("باريس",)),
        ("باريس\x00لندن", "باريس لندن", ("باريس", "لندن")),
    ],
)
def test_reader_query_parsing(typed, text, terms):
    query = ReaderQuery.parse(typed)
    assert (query.text, query.terms, query.truncated) == (text, terms, False)


def test_an_overlong_query_is_cut_between_words():
    query = ReaderQuery.parse("باريس " * 50)
    assert query.truncated
    assert len(query.text) <= ReaderQuery.max_length == 200
    assert query.text.endswith("باريس") and query.terms == ("باريس",)


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        # Persian and Urdu keyboards: ی and ک for ي and ك.
        ("افتتاح مستشفى كبير في المدينة", "کبیر"),
        ("سعر الموبايل الجديد", "موبایل"),
        # Persian and Arabic-Indic digits are the digits.
        ("ميزانية 2026 أمام البرلمان", "۲۰۲۶"),
        ("ميزانية ٢٠٢٦ أمام البرلمان", "2026"),
        # A zero-width joiner or a direction mark inside a word does not split it.
        ("نتائج الانتخابات البلدية", "الانت\u200cخابات"),
        ("نتائج الانت\u200dخابات البلدية", "الانتخابات"),
        ("نتائج الانتخابات البلدية", "\u200fالانتخابات\u200e"),
        # A Latin word written against an Arabic one is a word of its own.
        ("وصول آيفون iPhone الجديد إلى دبي", "آيفونiPhone"),
    ],
)
def test_keyboard_variants_find_each_other(make_story, found, stored, typed):
    story = make_story(title=stored)
    make_story(title="خبر لا علاقة له بالموضوع")
    assert found(typed) == [story.title]


def test_words_that_only_say_news_are_ignored_in_the_query(make_story, found):
    paris = make_story(title="وصول الوفد إلى باريس")
    make_story(title="أخبار الطقس في لندن")
    assert found("آخر أخبار باريس") == [paris.title]
    assert found("عاجل: باريس") == [paris.title]
    assert found("أحدث الأخبار") == []
