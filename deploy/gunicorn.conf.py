"""gunicorn's settings for Khabarayn (`gunicorn -c deploy/gunicorn.conf.py`).

Threaded workers: each keeps its connections alive (sync workers close every one) and
serves another request while one waits on PostgreSQL or Redis. `make bench` measured
about 2.9 times the requests per second of sync workers on 2 cores (docs/performance.md).
"""

import os

from khabarayn.env import env_int

bind = os.environ.get("GUNICORN_BIND") or "0.0.0.0:8000"
worker_class = "gthread"
# Two or three processes per core; each process runs `threads` requests at once.
workers = env_int("GUNICORN_WORKERS", 3)
threads = env_int("GUNICORN_THREADS", 4)
# How long an idle kept-alive connection from nginx stays open.
keepalive = 5
timeout = env_int("GUNICORN_TIMEOUT", 30)
accesslog = "-"
