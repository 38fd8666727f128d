"""Photos inside a story's text, described from the photo library as the page is made.

The body keeps what the editor wrote (`<figure class="image"><img src="…" alt="…">
</figure>`, the address one of a photo's renditions, articles/photos/views.py). What readers
see of such a photo comes from its Image row, as for the main photo: its alt text, and a
caption with the credit after it. Correcting a photo in the library corrects every story
that shows it (their pages are retired by Image.page_keys()).
"""

import posixpath
import re
from functools import reduce
from operator import or_

from django.db.models import Q
from django.utils.html import escape, format_html

from .models import Image

# What image_upload_to() names a photo: the original's address and its renditions' hold it.
_IMAGE_NAME = re.compile(r"photos/\d{4}/\d{2}/[0-9a-f]{32}")
# The sanitiser writes every attribute value in double quotes, escaping any inside it, so a
# tag ends at the first ">" outside quotes.
_ATTRIBUTES = r'(?:[^>"]|"[^"]*")*'
_IMG = re.compile(rf"<img\b{_ATTRIBUTES}>")
_ALT = re.compile(r'\salt="[^"]*"')
_FIGURE = re.compile(rf"(?P<start><figure\b{_ATTRIBUTES}>)(?P<inside>.*?)</figure>", re.DOTALL)
_FIGCAPTION = re.compile(r"<figcaption\b.*?</figcaption>", re.DOTALL)


def images_in(html):
    """The library's photos that `html` shows, by their name without its extension."""
    names = set(_IMAGE_NAME.findall(html or ""))
    if not names:
        return {}
    photos = Image.objects.filter(reduce(or_, (Q(file__startswith=f"{name}.") for name in names)))
    return {
        posixpath.splitext(photo.file.name)[0]: photo
        for photo in photos.only("file", "alt_text", "caption", "credit")
    }


def describe_images(html):
    """`html` with each library photo's alt text, and in a figure its caption and credit."""
    photos = images_in(html)
    if not photos:
        return html

    def image_shown_by(img_tag):
        name = _IMAGE_NAME.search(img_tag)
        return photos.get(name.group()) if name else None

    def with_caption(figure):
        img = _IMG.search(figure["inside"])
        photo = image_shown_by(img.group()) if img else None
        if photo is None:
            return figure.group()
        caption = format_html(
            '<figcaption>{}<span class="credit">{}</span></figcaption>',
            f"{photo.caption} " if photo.caption else "",
            photo.credit,
        )
        return f"{figure['start']}{_FIGCAPTION.sub('', figure['inside'])}{caption}</figure>"

    def with_alt(img):
        tag = img.group()
        photo = image_shown_by(tag)
        if photo is None:
            return tag
        alt = f' alt="{escape(photo.alt_text)}"'
        return _ALT.sub(lambda _: alt, tag, count=1) if _ALT.search(tag) else f"{tag[:-1]}{alt}>"

    return _IMG.sub(with_alt, _FIGURE.sub(with_caption, html))
