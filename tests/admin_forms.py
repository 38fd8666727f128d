"""What tests post to the admin's forms: an uploaded photo and the inlines' counts."""

import io

from PIL import Image as PILImage


def jpeg_upload(name="photo.jpg", size=(1200, 675)):
    """A real JPEG file as a browser would upload it."""
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "darkred").save(buffer, format="JPEG")
    buffer.seek(0)
    buffer.name = name
    return buffer


def links_management(total, initial=0):
    """The management forms of the story form's inlines: the related links (`total` rows),
    and the corrections of a published story (none)."""
    return {
        "links-TOTAL_FORMS": str(total),
        "links-INITIAL_FORMS": str(initial),
        "links-MIN_NUM_FORMS": "0",
        "links-MAX_NUM_FORMS": "1000",
        **corrections_management(0),
    }


def corrections_management(total, initial=0):
    """The management form of the corrections inline (published stories only)."""
    return {
        "corrections-TOTAL_FORMS": str(total),
        "corrections-INITIAL_FORMS": str(initial),
        "corrections-MIN_NUM_FORMS": "0",
        "corrections-MAX_NUM_FORMS": "1000",
    }
