"""`make bench-newsroom`: readers' pages while the newsroom works, at 100,000 stories.

A news site's readers mostly read the newest stories, while its journalists and editors
save something every few seconds. This serves the site as deployed (gunicorn, production
settings, Redis, PostgreSQL with bench.py's 100,000-story database) and drives it with
that mix:

- readers: story pages drawn with a Zipf distribution (exponent --zipf) over the newest
  --newest published stories, and one request in ten for the home page or a section page;
  wrk replays the drawn addresses over --connections connections;
- three phases of --duration seconds, each after --warm-up seconds of the same load:
  *quiet* (nobody saves), *drafts* (a journalist saves a draft every --interval seconds),
  *edits* (an editor re-saves a different published story, anywhere in the archive, every
  --interval seconds). Saves go through the models, inside a revision, as the admin's do.

For each phase it prints requests per second, p50 and p99, the share of requests the page
cache answered (bench/middleware.py counts the pages rendered) and the phase's rate
against the quiet one. `--newest 50000` shows the long tail that search engines and old
links bring, where render speed sets the rate. Figures, never a failure.
"""

import argparse
import bisect
import itertools
import random
import shutil
import sys
import tempfile
import threading
from pathlib import Path

if __name__ == "__main__":
    # Run as a script, this folder comes first on the path and "bench" would be bench.py.
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from bench import database, wrk
from bench.environment import REDIS_URL
from bench.middleware import RENDERS_KEY
from bench.report import print_newsroom_report
from bench.servers import serve

PHASES = ("quiet", "drafts", "edits")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--database", default="khabarayn_bench")
    parser.add_argument("--newest", type=int, default=500, help="Stories readers choose from.")
    parser.add_argument("--zipf", type=float, default=1.0, help="Exponent of the story draw.")
    parser.add_argument("--duration", type=int, default=30, help="Seconds measured a phase.")
    parser.add_argument("--warm-up", type=int, default=15, help="Seconds before each phase.")
    parser.add_argument("--interval", type=float, default=5.0, help="Seconds between saves.")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--phases", default=",".join(PHASES))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    args.worker_class = "gthread"
    return args


def main():
    args = parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: `make bench-newsroom` installs Debian's wrk.")
    with tempfile.TemporaryDirectory(
        prefix="khabarayn-newsroom-", ignore_cleanup_errors=True
    ) as work:
        run(args, Path(work))


def run(args, work):
    env = database.prepare(args, work, "bench.newsroom_settings")
    import django

    django.setup()

    script = work / "readers.lua"
    script.write_text(wrk_script(reader_paths(args)))
    results = {}
    with serve(args, dict(env, PAGE_CACHE_SECONDS="60"), work, "newsroom") as server:
        for phase in [name for name in PHASES if name in args.phases.split(",")]:
            results[phase] = run_phase(args, server, script, phase)
            database.settle(env["DATABASE_URL"])
    print_newsroom_report(args, results)


# Readers ------------------------------------------------------------------------------


def zipf_draw(count, items, exponent, rng):
    """`count` items drawn with replacement, the n-th with weight 1 / n ** exponent."""
    weights = itertools.accumulate(1 / rank**exponent for rank in range(1, len(items) + 1))
    cumulative = list(weights)
    total = cumulative[-1]
    return [items[bisect.bisect(cumulative, rng.random() * total)] for _ in range(count)]


def reader_mix(stories, listings, count, exponent, rng):
    """Nine requests in ten for a story (Zipf over `stories`, newest first), one for a listing."""
    drawn = zipf_draw(count, stories, exponent, rng)
    return [rng.choice(listings) if rng.random() < 0.1 else story for story in drawn]


def reader_paths(args, count=20_000):
    from articles.models import Article
    from categories.models import Category

    stories = [
        article.get_absolute_url()
        for article in Article.objects.published().newest_first().only("pk", "slug")[: args.newest]
    ]
    listings = ["/"] + [section.get_absolute_url() for section in Category.objects.all()]
    # reverse() gives the addresses percent-encoded, as wrk sends them.
    return reader_mix(stories, listings, count, args.zipf, random.Random(args.seed))


def wrk_script(paths):
    """A wrk script that requests `paths` in turn, again from the top when they run out."""
    table = ",\n".join(f'  "{path}"' for path in paths)
    return (
        f"local paths = {{\n{table}\n}}\n"
        "local next_path = 0\n"
        "request = function()\n"
        "  next_path = next_path % #paths + 1\n"
        '  return wrk.format("GET", paths[next_path])\n'
        "end\n"
    )


# The newsroom -------------------------------------------------------------------------


class Newsroom(threading.Thread):
    """Saves a story every `interval` seconds, as the admin would, until stopped."""

    def __init__(self, phase, interval, seed):
        super().__init__(daemon=True)
        self.phase, self.interval = phase, interval
        self.rng = random.Random(seed)
        self.stopping = threading.Event()
        self.saves = 0

    def run(self):
        from django.db import connection

        try:
            story = self.draft() if self.phase == "drafts" else None
            while not self.stopping.wait(self.interval):
                self.save(story or self.published_article())
        finally:
            connection.close()

    def draft(self):
        from articles.models import Article

        template = Article.objects.published().first()
        return Article.objects.create(
            title="مسودة يكتبها صحفي أثناء القياس",
            summary=template.summary,
            body=template.body,
            main_image_id=template.main_image_id,
            category_id=template.category_id,
            status=Article.Status.DRAFT,
        )

    def published_article(self):
        from articles.models import Article

        published = Article.objects.published()
        last = published.order_by("-pk").values_list("pk", flat=True).first()
        # Any story of the archive: the first published one at or after a random id.
        start = self.rng.randint(1, last)
        return published.filter(pk__gte=start).order_by("pk").first()

    def save(self, story):
        import reversion

        story.refresh_from_db()
        story.summary = story.summary.rstrip(".") + ("." if self.saves % 2 else "")
        with reversion.create_revision():
            story.save()
        self.saves += 1

    def stop(self):
        self.stopping.set()
        self.join(timeout=60)


def rendered():
    import redis

    return int(redis.Redis.from_url(REDIS_URL).get(RENDERS_KEY) or 0)


def run_phase(args, server, script, phase):
    newsroom = Newsroom(phase, args.interval, args.seed) if phase != "quiet" else None
    if newsroom:
        newsroom.start()
    try:
        wrk.run(server.url("/"), args.connections, args.warm_up, script)
        renders_before = rendered()
        result = wrk.run(server.url("/"), args.connections, args.duration, script)
        renders = rendered() - renders_before
    finally:
        if newsroom:
            newsroom.stop()
    requests = result["requests"] or 1
    result["hit_rate"] = max(0.0, 1 - renders / requests)
    result["saves"] = newsroom.saves if newsroom else 0
    return result


if __name__ == "__main__":
    main()
