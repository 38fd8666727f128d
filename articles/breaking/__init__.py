"""Breaking news ("عاجل"): a short line an editor puts at the top of every reader page.

- models: BreakingNews (a model of the `articles` app: articles/models.py imports it). A
  line is proposed (a journalist's), live (an editor's, until it expires or is
  withdrawn) or withdrawn. Every reader page names the `breaking` page key
  (settings.PAGE_CACHE_EVERY_PAGE_KEYS): a line going live or being withdrawn retires it,
  and its expiry comes due like a scheduled story (PAGE_CACHE_SCHEDULED_MODELS), no cron;
- context_processors: the live lines, read only when a page is rendered;
- forms, admin: the desk's two-field form on the admin home, and the list;
- feeds: the breaking lines as RSS.
"""
