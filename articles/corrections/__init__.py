"""Corrections ("تصحيح"): an editor's dated note that a published story was wrong and
what it now says, shown at the end of the story, in its JSON-LD, and on /corrections/.

- models: Correction (a model of the `articles` app: articles/models.py imports it);
- admin: the inline of the story form, for editors, on published stories.
"""
