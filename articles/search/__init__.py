"""Reader search, one module per concern:

- words: the words search compares (normalisation, stop words, the article);
- stemming: the light stemmer both stories and queries go through;
- synonyms: the editors' equivalent terms (SynonymGroup; admin: its admin);
- index: what is stored for each story (search_text, search_vector) and the GIN index;
- query: what a reader typed, which stories match it and in what order;
- highlighting: the headline and passage a results page shows, matches marked.

What models, views, commands, migrations and tests use is importable from here.
"""

from .highlighting import highlight, highlight_results, marker_pattern, snippet
from .index import (
    REBUILD_BATCH_SIZE,
    SearchVectorIndex,
    index_columns,
    index_parts,
    rebuild_index,
    update_index,
)
from .query import MAX_QUERY_LENGTH, RANKED_MATCHES, ReaderQuery, matching
from .words import keywords, normalize, plain_text, stop_words

__all__ = [
    "MAX_QUERY_LENGTH",
    "RANKED_MATCHES",
    "REBUILD_BATCH_SIZE",
    "ReaderQuery",
    "SearchVectorIndex",
    "highlight",
    "highlight_results",
    "index_columns",
    "index_parts",
    "keywords",
    "marker_pattern",
    "matching",
    "normalize",
    "plain_text",
    "rebuild_index",
    "snippet",
    "stop_words",
    "update_index",
]
