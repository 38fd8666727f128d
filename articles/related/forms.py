"""The story form's links table: each row checked by the link's own rules, the rows
checked among themselves, and "after paragraph" chosen from the story's paragraphs."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..body import paragraph_openings


class RelatedLinkFormSet(forms.BaseInlineFormSet):
    """The link's constraints check each row; Django's formset checks the unique ones
    among the rows of one submission, and says so in our words, without field names."""

    def clean(self):
        super().clean()
        # Django leaves an inline's key to the story out of each row's validation, and so
        # the constraints that name it (no link to the story itself): check them now.
        for form in self.forms:
            if form.is_valid() and form not in self.deleted_forms:
                try:
                    form.instance.validate_constraints()
                except ValidationError as error:
                    form.add_error(None, error)

    def get_unique_error_message(self, unique_check):
        return _("The same link appears twice.")

    def add_fields(self, form, index):
        """ "After paragraph" is chosen from the story's paragraphs, by their first words."""
        super().add_fields(form, index)
        form.fields["after_paragraph"] = ParagraphChoiceField(
            paragraph_openings(self.instance.body),
            form.initial.get("after_paragraph"),
            label=form.fields["after_paragraph"].label,
            help_text=form.fields["after_paragraph"].help_text,
        )


class ParagraphChoiceField(forms.TypedChoiceField):
    """A paragraph of the story, numbered from 1, or none (links spread evenly).

    The choices are the story's paragraphs as this request has them (the body posted with
    the links, when saving): a number past the last one is offered only when it is the
    link's own, kept from before a paragraph was removed (it goes after the last one).
    """

    def __init__(self, openings, current=None, **kwargs):
        choices = [("", _("Spread evenly"))] + [
            (number, f"{number}. {opening}") for number, opening in enumerate(openings, start=1)
        ]
        if current and current > len(openings):
            choices.append((current, _("After the last paragraph")))
        super().__init__(choices=choices, coerce=int, empty_value=None, required=False, **kwargs)
