"""Arabic text helpers shared by slugs, tags and search."""

import re
import unicodedata

from django.db.models.signals import pre_save
from django.utils.text import slugify

# The C0 control characters that XML 1.0 cannot carry (tab, newline and CR it can).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Harakat, superscript alef, Quranic marks and tatweel carry no meaning for matching: the
# ranges, for a regex character class (search's patterns match words holding them).
DIACRITICS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
_DIACRITIC = re.compile(f"[{DIACRITICS}]")
_LETTER_FOLDS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})


def normalize_arabic(text):
    """Fold the spelling variants an Arabic reader treats as the same word."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _DIACRITIC.sub("", text)
    return " ".join(text.translate(_LETTER_FOLDS).split())


def unicode_slugify(text, max_length=80, fallback="item"):
    """A unicode slug that is never empty and cut at a word boundary."""
    slug = slugify(_DIACRITIC.sub("", text or ""), allow_unicode=True)
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug.strip("-") or fallback


def unique_slug(model, text, instance_pk=None, field="slug", max_length=80, fallback="item"):
    """`unicode_slugify(text)`, suffixed with -2, -3 … until no other row has it."""
    base = unicode_slugify(text, max_length=max_length - 6, fallback=fallback)
    others = (
        model._default_manager.exclude(pk=instance_pk) if instance_pk else model._default_manager
    )
    taken = set(others.filter(**{f"{field}__startswith": base}).values_list(field, flat=True))
    slug, suffix = base, 2
    while slug in taken:
        slug = f"{base}-{suffix}"
        suffix += 1
    return slug


def strip_control_characters_on_save(*models):
    """Connect strip_control_characters to every save of `models`."""
    for model in models:
        pre_save.connect(strip_control_characters, sender=model)


def strip_control_characters(sender, instance, **kwargs):
    """pre_save: remove control characters from every text field of `instance`.

    The newsroom's forms drop them already (khabarayn.security); this catches text that
    arrives any other way (an import, the shell, a script), since one in a headline or a
    tag would break every feed and sitemap it appears in.
    """
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
            setattr(instance, field.attname, CONTROL_CHARACTERS.sub("", value))
