"""The light stemmer (articles/search/stemming.py): the forms a reader treats as one word
meet, and words that only look alike stay apart.

Stories and queries go through the same `keywords()`, so a pair that meets here meets
on the search page; test_index.py and test_normalisation.py show PostgreSQL stores the
terms as they are.
"""

import pytest

from articles.search import keywords
from articles.search.stemming import stem


def terms(*words):
    return {term for word in words for term in keywords(word)}


@pytest.mark.parametrize(
    "forms",
    [
        # Singular and the feminine plural "ات", with and without the article.
        ("انتخاب", "الانتخابات", "انتخابات", "للانتخاب", "والانتخابات"),
        ("لقاح", "اللقاحات", "لقاحات", "باللقاح"),
        ("مستشفى", "المستشفيات", "مستشفيات", "بالمستشفى"),
        ("سيارة", "سيارات", "السيارات"),
        ("رواية", "الروايات"),
        # ة, the plural "ات" and the feminine dual "تين".
        ("شركة", "شركات", "الشركات", "شركتين", "للشركة"),
        # Masculine and feminine (ة), and the accusative's tanwin.
        ("ذكي", "ذكية", "الذكية", "ذكياً"),
        ("وزير", "وزيرة", "الوزيرة", "والوزير", "للوزير"),
        ("مصري", "مصرية", "المصرية", "مصريون", "المصريين"),
        ("لاعب", "لاعبة", "لاعبون", "اللاعبين"),
        # The masculine plural "ون"/"ين".
        ("مزارع", "مزارعين", "المزارعين", "المزارعون", "للمزارعين"),
        ("معلم", "معلمون", "معلمين", "معلمات", "المعلمة"),
        # The article with و ف ب ك ل written onto it.
        ("سياحة", "السياحة", "والسياحة", "فالسياحة"),
        ("طاقة", "الطاقة", "بالطاقة", "كالطاقة", "وبالطاقة"),
        ("أوكرانيا", "الأوكرانيين"),
    ],
)
def test_forms_of_one_word_meet(forms):
    assert len(terms(*forms)) == 1, {form: keywords(form) for form in forms}


@pytest.mark.parametrize(
    ("word", "others"),
    [
        # A و ف ب ك ل without the article is part of the word.
        ("وزير", ("الزير", "زير")),
        ("بطولة", ("طول", "الطول")),
        ("فيلم", ("يلم",)),
        ("وطن", ("طن",)),
        ("بحر", ("حر",)),
        ("كتاب", ("تاب",)),
        ("فرنسا", ("رنسا",)),
        ("لبنان", ("بنان",)),
        ("بريد", ("ريد",)),
        ("فوز", ("وز",)),
        ("وقت", ("قت",)),
        ("كبير", ("بير",)),
        # An ending is only taken off when enough of the word is left.
        ("زيتون", ("زيت",)),
        ("قانون", ("قان",)),
        ("أمين", ("أم",)),
        ("الأم", ("أم",)),
        ("نبات", ("نب",)),
    ],
)
def test_words_that_only_look_alike_stay_apart(word, others):
    assert terms(word).isdisjoint(terms(*others)), {w: keywords(w) for w in (word, *others)}


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("وزير", "وزير"),  # no prefix taken off
        ("فيلم", "فيلم"),
        ("بطوله", "بطول"),  # ة (folded) off, not the ب
        ("الانتخابات", "انتخاب"),
        ("شركتين", "شرك"),
        ("iphone", "iphone"),  # Latin words and numbers as they are
        ("2026", "2026"),
    ],
)
def test_stem(word, expected):
    assert stem(word) == expected
