"""What an import reports: the summary table the command prints (Summary), and the
progress line while the posts are read (Progress)."""

import time
from collections import Counter, defaultdict

from django.utils.text import Truncator

PROGRESS_EVERY_SECONDS = 1.0


class Summary:
    """What the import did, by kind and outcome, with the reasons."""

    # The rows of the table, in the words its reader (who runs the import) knows them by.
    KINDS = ("authors", "sections", "tags", "photos", "stories", "pages", "other items",
             "old addresses")  # fmt: skip
    OUTCOMES = ("created", "updated", "unchanged", "skipped")

    def __init__(self, dry_run=False):
        self.dry_run = dry_run
        self.counts = Counter()  # (kind, outcome) -> n
        self.reasons = defaultdict(Counter)  # kind -> Counter of "outcome: reason"
        self.missing_images = []  # (attachment id, file, reason)
        self.notes = []
        self.bodies = Counter()
        self.control_characters = 0
        self.seconds = 0.0

    def add(self, kind, outcome, reason="", count=1):
        self.counts[kind, outcome] += count
        if reason:
            self.reasons[kind][f"{outcome}: {reason}"] += count

    def note(self, item, text):
        self.notes.append(f"post {item.post_id} «{Truncator(item.title).chars(60)}»: {text}")

    def table(self):
        width = max(map(len, self.KINDS))
        heading = "would be " if self.dry_run else ""
        lines = [
            f"{'':{width}}  "
            + "  ".join(f"{heading + outcome:>{len(heading) + 9}}" for outcome in self.OUTCOMES)
            + "  reasons"
        ]
        for kind in self.KINDS:
            cells = "  ".join(
                f"{self.counts[kind, outcome]:>{len(heading) + 9},}" for outcome in self.OUTCOMES
            )
            reasons = "; ".join(f"{text} ({n})" for text, n in sorted(self.reasons[kind].items()))
            lines.append(f"{kind:{width}}  {cells}  {reasons}".rstrip())
        return "\n".join(lines)

    @property
    def posts(self):
        return sum(self.counts["stories", outcome] for outcome in self.OUTCOMES)


class Progress:
    """One line on the terminal, rewritten: how far through the file, how many posts."""

    def __init__(self, stream, total_bytes, enabled):
        self.stream, self.total, self.enabled = stream, max(total_bytes, 1), enabled
        self.started = self.shown = time.monotonic()

    def update(self, bytes_read, posts, force=False):
        now = time.monotonic()
        if not self.enabled or (not force and now - self.shown < PROGRESS_EVERY_SECONDS):
            return
        self.shown = now
        rate = posts / max(now - self.started, 1e-6)
        self.stream.write(
            f"\r  {min(bytes_read / self.total, 1):6.1%}  {posts:,} posts  {rate:,.0f} posts/s  "
        )
        self.stream.flush()

    def done(self):
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
