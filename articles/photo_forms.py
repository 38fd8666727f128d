"""The forms that take a photo in: the admin's photo form and the body editor's upload."""

from django import forms
from django.utils.translation import gettext

from .models import Image
from .uploads import PhotoField


class ImageForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ["file", "alt_text", "caption", "credit"]
        field_classes = {"file": PhotoField}


class EditorPhotoForm(ImageForm):
    """Only the file: a photo dropped into a story's text gets a placeholder description
    and the site's credit, both for an editor to correct in the admin later."""

    class Meta(ImageForm.Meta):
        fields = ["file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.alt_text = self.instance.alt_text or gettext("Photo from the story body")
        self.instance.credit = self.instance.credit or gettext("Khabarayn")
