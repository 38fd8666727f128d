"""The forms that take a photo in: the admin's photo form and the body editor's upload."""

from django import forms
from django.utils.translation import gettext

from .models import Image
from .uploads import ACCEPTED_FORMATS, prepare_image


class ImageUploadField(forms.ImageField):
    """The photo upload field of every form: our checks replace Django's plain Pillow pass."""

    # The name proves nothing: a JPEG called "photo.txt" is accepted, a text file
    # called "photo.jpg" is not.
    default_validators = []

    def to_python(self, data):
        uploaded = forms.FileField.to_python(self, data)
        if uploaded is None:
            return None
        return prepare_image(uploaded)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput):
            attrs["accept"] = ",".join(f"image/{name.lower()}" for name in ACCEPTED_FORMATS)
        return attrs


class ImageForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ["file", "alt_text", "caption", "credit"]
        field_classes = {"file": ImageUploadField}


class EditorImageForm(ImageForm):
    """Only the file: a photo dropped into a story's text gets a placeholder description
    and the site's credit, both for an editor to correct in the admin later."""

    class Meta(ImageForm.Meta):
        fields = ["file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.alt_text = self.instance.alt_text or gettext("Photo from the story body")
        self.instance.credit = self.instance.credit or gettext("Khabarayn")
