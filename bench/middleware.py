"""`make bench-newsroom`'s count of the pages rendered, to work out the cache's hit rate.

Last in the middleware, it runs only when no cache answered: each reader request that
reaches it is one page rendered. The count lives in the bench's Redis database, shared by
every gunicorn worker.
"""

import os

import redis

RENDERS_KEY = "bench:renders"


class CountRenders:
    def __init__(self, get_response):
        self.get_response = get_response
        self.redis = redis.Redis.from_url(os.environ["REDIS_URL"])

    def __call__(self, request):
        if request.method == "GET" and not request.path.startswith("/admin/"):
            self.redis.incr(RENDERS_KEY)
        return self.get_response(request)
