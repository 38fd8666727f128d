"""The story's revisions (django-reversion): comparing a stored revision with the story
as it is now, and restoring one.

A restore brings back the story's content (headline, standfirst, body, photo, links,
tags), never anything else of it: a live story stays live, at its time, in its section,
its home-page places and its address, with its bylines, unless an editor changes that on
purpose. django-reversion's own revert writes a revision's whole row back with a raw save
that skips `Article.save()`: an old revision where the story led the home page then
collides with today's lead (article_one_lead), and one saved as a bare draft would leave
a live story without the standfirst it needs (article_ready_unless_draft). So the story's
row is written here, its content alone (`restore_content`).

restore.py  what a restore writes (restore_content) and keeps, and whose revision it is
compare.py  a revision beside the story as it is now, the body paragraph by paragraph
admin.py    the story admin's revision views: restore, compare, recover a deleted story
"""
