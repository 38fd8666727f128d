from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from ..models import Article
from .models import DEFAULT_DURATION, BreakingNews

# The stories a line may lead to, in the desk's form: the newest published.
LINKABLE_ARTICLES = 30
DURATIONS = [1, 2, 3, 6, 12, 24]


def duration_label(hours):
    return ngettext_lazy("%(count)d hour", "%(count)d hours", hours) % {"count": hours}


class BreakingLineForm(forms.Form):
    """The admin home's form: the line, and the story it leads to; how long it shows
    (two hours) is there to change, not to fill in."""

    text = forms.CharField(
        label=_("Breaking line"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "class": "vTextField"}),
    )
    article = forms.TypedChoiceField(
        label=_("Linked story"), required=False, coerce=int, empty_value=None
    )
    hours = forms.TypedChoiceField(
        label=_("Shown for"),
        coerce=int,
        choices=[(hours, duration_label(hours)) for hours in DURATIONS],
        initial=DEFAULT_DURATION // timedelta(hours=1),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        newest = Article.objects.published().newest_first().values_list("pk", "title")
        self.fields["article"].choices = [("", _("No story")), *newest[:LINKABLE_ARTICLES]]

    def clean_article(self):
        pk = self.cleaned_data["article"]
        if pk is None:
            return None
        # Offered while published: it may have been unpublished since the form was drawn.
        story = Article.objects.published().filter(pk=pk).first()
        if story is None:
            raise forms.ValidationError(_("That story is not published."))
        return story

    def new_line(self, user):
        return BreakingNews(
            text=self.cleaned_data["text"],
            article=self.cleaned_data["article"],
            expires_at=timezone.now() + timedelta(hours=self.cleaned_data["hours"]),
            created_by=user,
        )
