"""Page-number pagination whose count stays cheap however large the archive grows.

Django's Paginator asks the database for COUNT(*) of the whole list on every page: on the
home page that reads an index entry for every published story, so the page gets slower
as the archive grows. CappedPaginator counts at most `max_pages` pages' worth of rows (a
COUNT over a LIMITed subquery, which stops there) and offers no page beyond them:

- lists shorter than the cap are paginated exactly as before;
- a longer list shows its newest `max_pages` pages (200 pages: 2,400 stories on the home
  page, 4,000 on section, tag and author pages); the page after the last, and any page
  past the end of a shorter list, answers 404 as before;
- the deepest page costs an OFFSET of at most (max_pages - 1) * per_page rows, so no page
  reads more than a bounded number of rows, however large the archive. The cap is where
  that bound stays cheap: at 500 pages the deepest page of a section with sub-sections
  took about 80 ms (docs/performance.md).

Older stories stay reachable through the sitemaps and search.
"""

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

MAX_PAGES = 200


class CappedPaginator(Paginator):
    max_pages = MAX_PAGES

    @cached_property
    def count(self):
        """The number of items, or `max_pages * per_page` when there are more."""
        limit = self.max_pages * self.per_page
        # One row past the cap tells a list of exactly `limit` items from a longer one.
        self._counted = count_at_most(self.object_list, limit + 1)
        return min(self._counted, limit)

    @property
    def truncated(self):
        """Whether the list goes on past the pages offered."""
        return self.count < self._counted


def count_at_most(items, limit):
    """len(items) if it is below `limit`, else `limit`, reading at most `limit` rows.

    For a QuerySet: SELECT COUNT(*) FROM (SELECT id … LIMIT limit). The ordering goes, so
    PostgreSQL may count from whichever index matches the filter.
    """
    if isinstance(items, QuerySet):
        if not items.query.is_sliced:  # a sliced one is bounded already, and keeps its order
            items = items.order_by().values("pk")[:limit]
        return min(items.count(), limit)
    return min(len(items), limit)
