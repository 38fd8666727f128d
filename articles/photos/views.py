"""The body editor's inline photo upload, in place of django-ckeditor-5's own view.

The library's view stores whatever file it is given as it is (with its GPS tags, under
the uploader's file name). Ours runs the checks of the photo form and stores an `Image`
row, so an inline photo is stripped, has renditions and can be found and captioned in the
admin like any other.
"""

from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from .forms import EditorImageForm


def _error(message, status):
    # The shape CKEditor 5's simple upload adapter shows to the journalist.
    return JsonResponse({"error": {"message": str(message)}}, status=status)


@require_POST
def upload_image(request):
    user = request.user
    if not (user.is_active and user.is_staff and user.has_perm("articles.add_image")):
        return _error(_("You do not have permission to upload photos."), status=403)
    form = EditorImageForm(files={"file": request.FILES.get("upload")})
    if not form.is_valid():
        return _error(form.errors["file"][0], status=400)
    image = form.save(commit=False)
    image.uploaded_by = user
    image.save()
    return JsonResponse({"url": image.body_rendition.url})
