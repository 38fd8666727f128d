"""Tag input as Arabic newsrooms type it: names separated by "،" or ","."""

import re

from lib.text import join_names, normalize_arabic

_SEPARATORS = re.compile(r"[,،؛;]")


def tag_key(name):
    """The form two spellings of one tag share: "أوروبا" and "اوروبا" give the same key."""
    return normalize_arabic(name).casefold()


def parse_tags(tagstring):
    """Split on the Arabic and Latin commas; drop empties and repeated spellings."""
    names, seen = [], set()
    for part in _SEPARATORS.split(tagstring or ""):
        name = " ".join(part.strip().strip("\"'").split())
        key = tag_key(name)
        if key and key not in seen:
            seen.add(key)
            names.append(name[:100])
    return names


def join_tags(tags):
    return join_names(tag.name for tag in tags)
