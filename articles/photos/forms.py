"""The forms that take a photo in: the admin's photo form, the photo library's batch upload
and the body editor's upload."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .. import masthead
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


class ImageFileInput(forms.ClearableFileInput):
    """A photo's file input with an Arabic button and the names of the files chosen, instead
    of the browser's own "Choose File / No file chosen" in its own language: a styled label
    over the input, which stays focusable (static/js/file_picker.js shows the names)."""

    template_name = "widgets/image_file_input.html"

    class Media:
        css = {"all": ["css/file_picker.css"]}
        js = ["js/file_picker.js"]

    def __init__(self, attrs=None):
        super().__init__({"class": "file-picker__input", **(attrs or {})})


class ImageForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ["file", "alt_text", "caption", "credit", "focal_x", "focal_y"]
        field_classes = {"file": ImageUploadField}
        # Set by a click on the photo (static/js/focal_point.js), or typed without script.
        widgets = {
            "file": ImageFileInput,
            "focal_x": forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "1"}),
            "focal_y": forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "1"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Blank in the table only while a batch upload waits for them (Image.alt_text).
        for name in ("alt_text", "credit"):
            if name in self.fields:
                self.fields[name].required = True
        # Left out or emptied, the focal point stays where it was (the middle, at first).
        for name in ("focal_x", "focal_y"):
            if name in self.fields:
                self.fields[name].required = False

    def clean_focal_x(self):
        return self._focal_point_part("focal_x")

    def clean_focal_y(self):
        return self._focal_point_part("focal_y")

    def _focal_point_part(self, name):
        value = self.cleaned_data[name]
        return getattr(self.instance, name) if value is None else value


class ImageDescriptionForm(ImageForm):
    """A photo of a batch upload, described and credited on the upload page."""

    class Meta(ImageForm.Meta):
        fields = ["alt_text", "caption", "credit"]
        widgets = {"caption": forms.Textarea(attrs={"rows": 2})}


class MultipleFileInput(ImageFileInput):
    allow_multiple_selected = True


class ImageBatchUploadField(forms.FileField):
    """Several files at once; each is checked by ImageBatchUploadForm.save(), so that one
    refused photo does not hold back the others."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = [file for file in (data if isinstance(data, (list, tuple)) else [data]) if file]
        if not files:
            raise ValidationError(self.error_messages["required"], code="required")
        return files

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "accept": ImageUploadField().widget.attrs["accept"]}


class ImageBatchUploadForm(forms.Form):
    """The photo library's batch upload: the photos are stored without alt text and credit,
    and are offered to stories once they have both (Image.objects.complete())."""

    files = ImageBatchUploadField(label=_("photos"))

    def save(self, user):
        """Store each photo that passes the upload checks.

        Returns the stored photos and, for each refused file, its name and the reason.
        """
        stored, refused = [], []
        for uploaded in self.cleaned_data["files"]:
            try:
                prepared = prepare_image(uploaded)
            except ValidationError as error:
                refused.append((uploaded.name, error.messages[0]))
                continue
            stored.append(Image.objects.create(file=prepared, uploaded_by=user))
        return stored, refused


class EditorImageForm(ImageForm):
    """Only the file: a photo dropped into a story's text gets a placeholder description
    and the site's credit, both for an editor to correct in the admin later."""

    class Meta(ImageForm.Meta):
        fields = ["file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.alt_text = self.instance.alt_text or gettext("Photo from the story body")
        self.instance.credit = self.instance.credit or str(masthead.NAME)
