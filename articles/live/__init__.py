"""Live coverage ("مباشر"): a story marked live carries timestamped updates.

- models: LiveUpdate (a model of the `articles` app: articles/models.py imports it); the
  story's own fields (`Article.is_live`, `live_started_at`, `live_ended_at`);
- forms, admin: the compact form of the live desk (`<story>/live/` in the admin), which
  puts the cursor back in the text box after each update;
- articles.views.LiveUpdatesView: the updates as a fragment at `/live/<id>/`, cached like
  any reader page (page key `live:<id>`), which static/js/live.js asks for every 20 s.

The story page itself shows every update, newest first, the important ones pinned at the
top: it works without JavaScript. Closing the coverage keeps the updates on the page.
"""
