from django import forms
from django.utils.translation import gettext_lazy as _

from ..photos.forms import ImageUploadField
from ..photos.models import Image
from .models import LiveUpdate


class LiveUpdateForm(forms.ModelForm):
    """The live desk's compact form: the text (the cursor is put back in it after each
    update), "مهم", and a photo with its description and credit if there is one."""

    photo_file = ImageUploadField(label=_("Photo"), required=False)
    photo_alt_text = forms.CharField(
        label=_("Photo description (alt text)"), max_length=300, required=False
    )
    photo_credit = forms.CharField(label=_("Photo credit"), max_length=200, required=False)

    class Meta:
        model = LiveUpdate
        fields = ["text", "is_important"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4, "autofocus": True})}

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("photo_file"):
            for name in ("photo_alt_text", "photo_credit"):
                if not cleaned_data.get(name, "").strip():
                    self.add_error(name, _("A photo needs its description and its credit."))
        return cleaned_data

    def save_for(self, article, user):
        update = self.save(commit=False)
        update.article, update.created_by = article, user
        if self.cleaned_data.get("photo_file"):
            update.photo = Image.objects.create(
                file=self.cleaned_data["photo_file"],
                alt_text=self.cleaned_data["photo_alt_text"].strip(),
                credit=self.cleaned_data["photo_credit"].strip(),
                uploaded_by=user,
            )
        update.save()
        return update
