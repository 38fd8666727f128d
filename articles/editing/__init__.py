"""The story form while it is open: what keeps a person's work and tells colleagues.

- models: Autosave, what a person had typed in a story's form, kept apart from the story
  (no revision, no version drawn) until they save the story or set it aside;
- presence: who has a story's form open, and since when, in the cache;
- views: the form's heartbeat, which stores the autosave and refreshes the presence;
- notices: what the form says when it opens (a colleague is editing, work to restore).

Autosave is a model of the `articles` app (articles/models.py imports it).
"""
