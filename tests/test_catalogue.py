"""The Arabic catalogue (locale/ar): six plural forms for every count, compiled as written."""

import ast
import gettext
import re
from pathlib import Path

import pytest

CATALOGUE = Path(__file__).resolve().parents[1] / "locale/ar/LC_MESSAGES"
# One count of each of the six forms: zero, one, two, 3–10, 11–99, 100 and more.
COUNT_OF_FORM = [0, 1, 2, 3, 11, 100]
PLACEHOLDER = re.compile(r"%\((?:count|counter)\)[ds]|\{\{ ?count ?\}\}")


def entries():
    """(msgid, msgid_plural, [msgstr …]) of each entry in django.po; a msgid with a
    context is written as gettext looks it up, "context\x04msgid"."""
    text = (CATALOGUE / "django.po").read_text(encoding="utf-8")
    for block in text.split("\n\n"):
        fields, key = {}, None
        for line in block.splitlines():
            if line.startswith("#"):
                continue
            match = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) (\".*\")$", line)
            if match:
                key = match[1]
                fields[key] = ast.literal_eval(match[2])
            elif line.startswith('"') and key:
                fields[key] += ast.literal_eval(line)
        if fields.get("msgid"):
            if "msgctxt" in fields:
                fields["msgid"] = f"{fields['msgctxt']}\x04{fields['msgid']}"
            forms = [fields[f"msgstr[{n}]"] for n in range(6) if f"msgstr[{n}]" in fields]
            yield fields["msgid"], fields.get("msgid_plural"), forms or [fields.get("msgstr")]


PLURALS = [entry for entry in entries() if entry[1]]


def test_the_catalogue_has_six_plural_forms():
    header = (CATALOGUE / "django.po").read_text(encoding="utf-8")
    assert "nplurals=6;" in header
    assert PLURALS


@pytest.mark.parametrize(("msgid", "plural", "forms"), PLURALS, ids=[e[0] for e in PLURALS])
def test_every_count_is_said_in_all_six_forms(msgid, plural, forms):
    """Forms 3–5 (3–10, 11–99, 100 and more) write the number; zero, one and two say it."""
    assert len(forms) == 6 and all(forms), forms
    if PLACEHOLDER.search(plural):
        for form in forms[3:]:
            assert PLACEHOLDER.search(form), form


def test_the_compiled_catalogue_says_what_django_po_says():
    """`make messages` compiles django.mo; a hand edit of django.po must be compiled too."""
    with (CATALOGUE / "django.mo").open("rb") as compiled:
        translations = gettext.GNUTranslations(compiled)
    for msgid, plural, forms in entries():
        if plural:
            said = [translations.ngettext(msgid, plural, n) for n in COUNT_OF_FORM]
            assert said == forms, msgid
        elif forms[0]:
            assert translations.gettext(msgid) == forms[0], msgid
