"""The library layer: what the apps build on, and nothing of theirs.

Modules here import Django and third-party packages only, never `articles`,
`categories` or `khabarayn` (the project: settings and urls, which import everything):
`text` (Arabic folding, slugs, control characters, lists), `pagination`, `converters`
(URL converters) and `page_cache`. A test (tests/test_layers.py) holds the rule.
"""
