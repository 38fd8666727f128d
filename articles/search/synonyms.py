"""Equivalent terms ("مرادفات البحث"): what no stemmer can see, listed by editors.

Broken plurals ("هاتف، هواتف"), synonyms ("النفط، البترول") and a name's spellings in
two scripts ("OPEC، أوبك"). A word of a reader's query that is one of a group's terms
finds the stories holding any of them (query.py), those holding what was typed first.
Terms go through the same `keywords()` as stories and queries, so "الهواتف" in a query
meets "هواتف" in a group.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from lib.page_cache.models import ShownToReaders
from lib.text import join_names

from ..tagging import parse_tags
from .words import keywords


def parse_terms(text):
    """The terms of a group as typed, separated by "،" or ",", each given once."""
    return parse_tags(text)


def _phrases(names):
    """Each term's keywords (a tuple of terms search compares), each phrase once, in the
    order typed; a term with no keyword (only stop words) gives none."""
    return list(dict.fromkeys(filter(None, (tuple(keywords(name)) for name in names))))


class SynonymGroup(ShownToReaders):
    """Terms a reader means the same thing by. Changing a group changes what searches
    find, so it retires the search pages."""

    terms = models.TextField(
        _("equivalent terms"),
        help_text=_(
            "Words or names a reader may type for the same thing, separated by commas "
            "(، or ,): a singular and its broken plural, synonyms, a name in Arabic and "
            "Latin letters. A word a reader types also finds the stories holding the others."
        ),
    )
    # The terms as search compares them, one space before and after each: the query's
    # lookup (`groups_for`) finds a group by any of them.
    lookup = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("search synonyms group")
        verbose_name_plural = _("search synonyms")
        ordering = ["terms"]

    def __str__(self):
        return self.terms

    def clean(self):
        super().clean()
        names = parse_terms(self.terms)
        ignored = [name for name in names if not keywords(name)]
        if ignored:
            raise ValidationError(
                {
                    "terms": _("Search ignores these words, so they cannot be terms: %(words)s.")
                    % {"words": join_names(ignored)}
                }
            )
        if len(_phrases(names)) < 2:
            raise ValidationError(
                {"terms": _("Give at least two different terms, separated by commas.")}
            )

    def save(self, *args, **kwargs):
        self.tidy()
        super().save(*args, **kwargs)

    def tidy(self):
        """The terms as typed, each once, separated by "، "; and the lookup made from them."""
        names = parse_terms(self.terms)
        self.terms = join_names(names)
        self.lookup = " " + " ".join(term for phrase in _phrases(names) for term in phrase) + " "

    def phrases(self):
        return _phrases(parse_terms(self.terms))

    def page_keys(self):
        return ["search"]

    def keys_retired_by_save(self, adding):
        # A new group changes what searches find as much as an edit does.
        return self.page_keys()


def add_groups(groups):
    """Store each group of terms (a string, as an editor types it) that is not stored
    already with the same terms; returns how many were added. A group search could not
    use is refused (ValidationError), as in the admin."""
    added = 0
    for terms in groups:
        group = SynonymGroup(terms=terms)
        group.full_clean()
        group.tidy()
        if not SynonymGroup.objects.filter(lookup=group.lookup).exists():
            group.save()
            added += 1
    return added


@dataclass(frozen=True)
class QueryWord:
    """One word of a query (or several, when a group's term is a phrase): `typed`, the
    terms as the reader typed them, and `equivalents`, the other terms of its groups,
    each a tuple of terms that must all be held."""

    typed: tuple
    equivalents: tuple = ()

    @property
    def forms(self):
        return (self.typed, *self.equivalents)


def groups_for(terms, using):
    """The groups holding any of `terms` (one query)."""
    lookup = models.Q()
    for term in terms:
        lookup |= models.Q(lookup__contains=f" {term} ")
    return list(SynonymGroup.objects.using(using).filter(lookup)) if terms else []


def query_words(terms, using):
    """`terms` (a query's keywords, in order) as QueryWords with their equivalents: where a
    group's term (a word or a phrase) stands in the query, the longest first, it is one
    word whose equivalents are the group's other terms, of every group holding it."""
    equivalents = {}
    for group in groups_for(terms, using):
        phrases = group.phrases()
        for phrase in phrases:
            others = equivalents.setdefault(phrase, {})
            others.update(dict.fromkeys(other for other in phrases if other != phrase))
    words, position = [], 0
    while position < len(terms):
        found = [
            phrase
            for phrase in equivalents
            if tuple(terms[position : position + len(phrase)]) == phrase
        ]
        typed = max(found, key=len) if found else (terms[position],)
        words.append(QueryWord(typed, tuple(equivalents.get(typed, ()))))
        position += len(typed)
    return words
