"""Settings for `make bench-newsroom`: bench.settings, counting the pages rendered."""

from bench.settings import *  # noqa: F403
from bench.settings import MIDDLEWARE

MIDDLEWARE = [*MIDDLEWARE, "bench.middleware.CountRenders"]
