"""Arabic text helpers shared by slugs, tags and search."""

import re
import unicodedata

from django.utils.text import slugify
from django.utils.translation import pgettext

# The C0 control characters that XML 1.0 cannot carry (tab, newline and CR it can).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Harakat, superscript alef, Quranic marks and tatweel carry no meaning for matching: the
# ranges, for a regex character class (search's patterns match words holding them).
DIACRITICS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
_DIACRITIC = re.compile(f"[{DIACRITICS}]")
# Kept free at the end of a slug for the suffix that makes it unique.
SLUG_SUFFIX_ROOM = 6
# {spelling: the letter or digit it folds to} (normalize_arabic; search's highlighting
# reads it the other way, articles/search/highlighting.py).
LETTER_FOLDS = {
    **{"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"},
    # What Persian and Urdu keyboards type for ي, ك and ه.
    **{"\u06cc": "ي", "\u06d2": "ي", "\u06a9": "ك", "\u06c1": "ه", "\u06be": "ه"},
    # Arabic-Indic (٠–٩) and Persian (۰–۹) digits, as the digits search compares.
    **{chr(0x0660 + n): str(n) for n in range(10)},
    **{chr(0x06F0 + n): str(n) for n in range(10)},
}
_LETTER_FOLDS = str.maketrans(LETTER_FOLDS)
# Zero-width characters and direction marks: invisible, and inside a word they split it.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\u061c\ufeff]")
# An Arabic letter written against a Latin one ("آيفونiPhone"): two words.
_SCRIPT_CHANGE = re.compile(r"(?<=[\u0600-\u06ff])(?=[A-Za-z])|(?<=[A-Za-z])(?=[\u0600-\u06ff])")


def normalize_arabic(text):
    """Fold the spelling variants an Arabic reader treats as the same word: hamza seats,
    ى, ة, diacritics and tatweel, the letters and digits of Persian and Urdu keyboards,
    invisible joiners and direction marks; words of two scripts written together part."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _INVISIBLE.sub("", _DIACRITIC.sub("", CONTROL_CHARACTERS.sub("", text)))
    text = _SCRIPT_CHANGE.sub(" ", text.translate(_LETTER_FOLDS))
    return " ".join(text.split())


def list_separator():
    """What separates the names of a list in the interface's language: "، " in Arabic."""
    return pgettext("list separator", ", ")


def join_names(names):
    """Names as a list is written in the interface's language: "أوروبا، باريس"."""
    return list_separator().join(names)


def unicode_slugify(text, max_length=80, fallback="item"):
    """A unicode slug that is never empty and cut at a word boundary."""
    slug = slugify(_DIACRITIC.sub("", text or ""), allow_unicode=True)
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug.strip("-") or fallback


def slug_base(model, text, fallback, field="slug"):
    """The slug `text` gives as `model`'s `field` before any suffix: cut short enough to
    leave room for one ("-2", "-3" …, up to SLUG_SUFFIX_ROOM characters)."""
    room = model._meta.get_field(field).max_length - SLUG_SUFFIX_ROOM
    return unicode_slugify(text, max_length=room, fallback=fallback)


def unique_slug(model, base, instance_pk=None, field="slug"):
    """`base` (from slug_base), suffixed with -2, -3 … until no other row has it."""
    others = (
        model._default_manager.exclude(pk=instance_pk) if instance_pk else model._default_manager
    )
    taken = set(others.filter(**{f"{field}__startswith": base}).values_list(field, flat=True))
    slug, suffix = base, 2
    while slug in taken:
        slug = f"{base}-{suffix}"
        suffix += 1
    return slug


def without_control_characters(text):
    """`text` as a model's save leaves it (remove_control_characters): none, and the spaces
    they left at either end trimmed."""
    return CONTROL_CHARACTERS.sub("", text).strip()


def remove_control_characters(instance):
    """Remove control characters from every text field of a model instance; a value that
    had some also loses the spaces they left at either end, as a form's field trims them.

    Text pasted from word processors brings them along (a vertical tab for a line break),
    and imports and scripts can too. Nobody sees them, and the feeds and sitemaps, being
    XML, cannot carry them: one in a headline or a tag would break the feed for everyone.
    """
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
            setattr(instance, field.attname, without_control_characters(value))


class TakenSlugs:
    """unique_slug() for rows written in bulk: the slugs already taken are held in memory
    (`taken`, read once), and each new one is suffixed with -2, -3 … as unique_slug()
    would, without a query a row."""

    def __init__(self, taken):
        self.taken = set(taken)
        self.next_suffix = {}

    def claim(self, base):
        slug, suffix = base, self.next_suffix.get(base, 2)
        while slug in self.taken:
            slug = f"{base}-{suffix}"
            suffix += 1
        self.next_suffix[base] = suffix
        self.taken.add(slug)
        return slug
