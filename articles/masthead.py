"""The publication's name, title and tagline: one source for pages, feeds and JSON-LD.

They are catalogue strings, so a sister site in another language translates them.
"""

from django.utils.translation import gettext_lazy as _

NAME = _("Khabarayn")
# The name in Latin letters, for search engines (schema.org alternateName).
LATIN_NAME = "Khabarayn"
# The home page's and the site feed's title.
TITLE = _("Khabarayn: latest news")
TAGLINE = _("The latest Arabic and world news in politics, business, sport and technology.")
