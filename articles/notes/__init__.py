"""The newsroom's conversation about a story: editorial notes and notifications.

- models: EditorialNote, a short comment on a story seen only in the newsroom's admin;
  Notification, what a person is told when a story of theirs (or one waiting for them)
  moves: submitted, returned, published or scheduled;
- notify: who is told of each step, in the admin and by e-mail through Django's mail
  settings.

Both are models of the `articles` app (articles/models.py imports them).
"""
