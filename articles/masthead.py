"""The publication's name, title and tagline: one source for pages, feeds and JSON-LD.

They are catalogue strings, so a sister site in another language translates them.
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

NAME = _("Khabarayn")
# The name in Latin letters, for search engines (schema.org alternateName).
LATIN_NAME = "Khabarayn"
# The home page's and the site feed's title.
TITLE = _("Khabarayn: latest news")
TAGLINE = _("The latest Arabic and world news in politics, business, sport and technology.")
# What follows a page's own title: in <title>, share cards and the section feeds' titles.
TITLE_SUFFIX = format_lazy(" | {}", NAME)
# The admin's header and the browser tab's title there.
NEWSROOM = format_lazy(_("{site}: the newsroom"), site=NAME)


def titled(title):
    """A page's title as base.html writes it: its own, then the site's name."""
    return f"{title}{TITLE_SUFFIX}"


def category_description(category):
    """What a section's page and feeds say of it: its description, else what it holds."""
    return category.description or gettext("The latest {category} news on {site}.").format(
        category=category.name, site=NAME
    )
