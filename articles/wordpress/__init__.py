"""Moving a newsroom in from WordPress: `manage.py import_wordpress EXPORT.xml`.

- reader: the export (WXR), read as a stream with a parser that expands no entity;
- importer: the run (Importer): the export read twice, the authors, and each post mapped
  to an article; scan: the first reading, which gathers what the posts refer to;
- mapping: the rules, what each thing of the export becomes; bodies: a post's content
  made an article's body;
- terms: the categories and tags; images: the photos, whose files media finds;
- writer: the articles written, each in its own transaction, from a second thread;
- summary: what the command reports;
- models: the old addresses that redirect (LegacyAddress), and what each post and
  attachment became (ImportedItem, keyed by the export's GUID);
- middleware: the old addresses' permanent redirects, before the 404.

The models are the `articles` app's (articles/models.py imports them).
"""
