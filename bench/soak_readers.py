"""`make soak`'s readers: threads that request every kind of page in turn, half of them
past the page cache, and note when each answered and how."""

import http.client
import json
import random
import subprocess
import threading
import time
from urllib.parse import quote

from bench.environment import PYTHON, ROOT

MAX_REQUESTS = 2_000_000  # a bound on the loop besides the clock


def page_paths(env):
    """Paths of every page type, from the loaded content (asked of Django in a subprocess)."""
    script = (
        "import json, django; django.setup()\n"
        "from articles.models import Article, Tag\n"
        "from categories.models import Category\n"
        "from django.contrib.auth import get_user_model\n"
        "stories = list(Article.objects.published()[:40])\n"
        "print(json.dumps({\n"
        " 'story': [s.get_absolute_url() for s in stories],\n"
        " 'section': [c.get_absolute_url() for c in Category.objects.all()],\n"
        " 'tag': [t.get_absolute_url() for t in Tag.objects.all()[:30]],\n"
        " 'author': ['/author/%s/' % u.username for u in get_user_model().objects.filter("
        "pk__in=Article.objects.published().values('authors'))],\n"
        "}))\n"
    )
    result = subprocess.run(
        [PYTHON, "-c", script], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    paths = json.loads(result.stdout.strip().splitlines()[-1])
    paths["home"] = ["/", "/?page=2"]
    paths["search"] = ["/search/?q=" + quote(word) for word in ("قمة", "اقتصاد", "باريس")]
    paths["feed"] = ["/feeds/rss/", "/feeds/atom/"]
    paths["sitemap"] = ["/sitemap.xml", "/sitemap-news.xml", "/robots.txt"]
    return {kind: items for kind, items in paths.items() if items}


class Readers:
    def __init__(self, port, paths, seconds, count):
        self.port, self.paths, self.seconds, self.count = port, paths, seconds, count
        self.results = []  # (time, kind, status or error name)
        self.lock = threading.Lock()
        self.stop_at = None

    def run(self):
        self.stop_at = time.monotonic() + self.seconds
        threads = [threading.Thread(target=self.read, args=(n,)) for n in range(self.count)]
        for thread in threads:
            thread.start()
        return threads

    def read(self, number):
        kinds = sorted(self.paths)
        rng = random.Random(number)
        count = 0
        while time.monotonic() < self.stop_at and len(self.results) < MAX_REQUESTS:
            kind = kinds[count % len(kinds)]
            path = rng.choice(self.paths[kind])
            if count % 2:  # half the requests get past the page cache
                path += ("&" if "?" in path else "?") + f"soak={rng.randrange(10**9)}"
            count += 1
            outcome = fetch(self.port, path)
            with self.lock:
                self.results.append((time.monotonic(), kind, outcome))


def fetch(port, path, timeout=15):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        response.read()
        return response.status
    except (OSError, http.client.HTTPException) as error:
        return type(error).__name__
    finally:
        connection.close()
