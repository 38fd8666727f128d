"""The story form of the newsroom (the admin's), and the workflow step its button takes."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from lib.text import join_names

from . import workflow
from .bylines import person_name
from .models import Article


class ArticleAdminForm(forms.ModelForm):
    """The story form and the workflow step its button takes (articles/workflow.py).

    `may_publish` and `step_name` (the button pressed, `_step`) are set per request by
    `ArticleAdmin.get_form`. The status is never a field: each step sets it, and a step
    this person may not take with the story is refused, whatever was posted.
    """

    may_publish = False
    step_name = None
    loaded_version = forms.UUIDField(label=_("version"), widget=forms.HiddenInput, required=False)
    note = forms.CharField(
        label=_("Note to the newsroom"),
        help_text=_("Seen only in the newsroom, in the story's notes. Needed to return it."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )

    class Meta:
        model = Article
        fields = ["title", "summary", "body", "main_image", "category", "tags", "authors",
                  "seo_title", "seo_description", "published_at", "expires_at", "is_live",
                  "is_lead", "is_featured", "slug"]  # fmt: skip
        widgets = {"seo_description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["loaded_version"].initial = self.instance.version
        # Where the story is as stored, before this form changes anything of it.
        self.stored = (
            None
            if self.instance._state.adding
            else Article(status=self.instance.status, published_at=self.instance.published_at)
        )
        self.step = None

    @property
    def changed_data(self):
        # The note goes to the story's notes, not into its history as a changed field.
        return [name for name in super().changed_data if name != "note"]

    def clean(self):
        cleaned_data = super().clean()
        self._refuse_stale_save(cleaned_data)
        self.step = self._chosen_step()
        target = self.step.status or self.stored.status  # "save" is never offered to a draft
        self._set_publication_time(cleaned_data)
        if target != Article.Status.DRAFT:
            self._require_ready(cleaned_data)
        if self.step.needs_note and not cleaned_data.get("note", "").strip():
            self.add_error(
                "note", _("Write the writer a note: what to change before the story comes back.")
            )
        return cleaned_data

    def _chosen_step(self):
        offered = workflow.steps_for(self.stored, self.may_publish)
        if not self.step_name:
            return offered[0]  # the Enter key's, and a post without a button's
        step = workflow.find_step(self.stored, self.may_publish, self.step_name)
        if step is not None:
            return step
        if workflow.find_step(self.stored, True, self.step_name):
            raise ValidationError(
                _("Only an editor can publish or schedule a story. Submit it for review."),
                code="editors_only",
            )
        raise ValidationError(
            _("This step cannot be taken with the story as it is now. Nothing was saved."),
            code="no_such_step",
        )

    def _set_publication_time(self, cleaned_data):
        """Only "Schedule…" reads the time typed; the other steps keep or set it."""
        if "published_at" not in self.fields:
            return
        stored_time = self.stored.published_at if self.stored else None
        if self.step.needs_time:
            moment = cleaned_data.get("published_at")
            if moment is None or moment <= timezone.now():
                self.add_error(
                    "published_at", _("Choose a day and time in the future to schedule the story.")
                )
            return
        if self.step.name == "publish" and (stored_time is None or stored_time > timezone.now()):
            stored_time = timezone.now()
        cleaned_data["published_at"] = stored_time

    def _require_ready(self, cleaned_data):
        story = Article(**{name: cleaned_data.get(name) or "" for name in ("summary", "body")})
        story.main_image_id = getattr(cleaned_data.get("main_image"), "pk", None)
        story.category_id = getattr(cleaned_data.get("category"), "pk", None)
        missing = [name for name in story.missing_for_review() if name not in self.errors]
        if not missing:
            return
        for name in missing:
            self.add_error(name, _("Needed before the story leaves the drafts."))
        labels = [str(Article._meta.get_field(name).verbose_name) for name in missing]
        self.add_error(
            None,
            ValidationError(
                _("“%(step)s” needs the story complete; it still lacks: %(fields)s."),
                code="not_ready",
                params={"step": self.step.label.rstrip("…"), "fields": join_names(labels)},
            ),
        )

    def _post_clean(self):
        super()._post_clean()
        if not self.errors and self.step.status is not None:
            self.instance.status = self.step.status

    def _refuse_stale_save(self, cleaned_data):
        if not self.instance.pk:
            return
        current = (
            Article.objects.filter(pk=self.instance.pk)
            .select_related("updated_by")
            .only(
                "version",
                "updated_at",
                "updated_by__username",
                "updated_by__first_name",
                "updated_by__last_name",
            )  # fmt: skip
            .first()
        )
        if current and current.version != cleaned_data.get("loaded_version"):
            editor = current.updated_by
            raise ValidationError(
                _(
                    "%(person)s changed this story at %(time)s, after you opened it. "
                    "Nothing was saved; what you typed is still below. Open the story "
                    "again in a new tab to see their version and copy your changes over."
                ),
                code="stale",
                params={
                    "person": person_name(editor) if editor else _("someone else"),
                    "time": formats.date_format(
                        timezone.localtime(current.updated_at), "DATETIME_FORMAT"
                    ),
                },
            )
