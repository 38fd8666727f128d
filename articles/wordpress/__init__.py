"""Moving a newsroom in from WordPress: `manage.py import_wordpress EXPORT.xml`.

- reader: the export (WXR), read as a stream with a parser that expands no entity;
- models: the old addresses that redirect (LegacyAddress), and what each post and
  attachment became (ImportedItem, keyed by the export's GUID);
- middleware: the old addresses' permanent redirects, before the 404.

The models are the `articles` app's (articles/models.py imports them).
"""
