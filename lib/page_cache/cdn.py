"""Purging a CDN's copies of reader pages by key, after the change that outdated them.

Reader pages carry their page keys as `Surrogate-Key` (Fastly) and `Cache-Tag`
(Cloudflare, Akamai) headers (lib.page_cache). When keys are retired, the same keys
are sent to the configured CDN's purge-by-key API:

- CDN_PURGE_PROVIDER=fastly: POST CDN_PURGE_URL (https://api.fastly.com/service/<id>/purge)
  with the keys in a `Surrogate-Key` header and CDN_PURGE_TOKEN as `Fastly-Key`;
- CDN_PURGE_PROVIDER=cloudflare: POST CDN_PURGE_URL
  (https://api.cloudflare.com/client/v4/zones/<zone>/purge_cache) with `{"tags": [...]}`
  and CDN_PURGE_TOKEN as a bearer token.

With no provider set nothing is sent. Purges go out from a thread of their own, so an
editor's save never waits for the CDN; a failed purge is logged and tried again
(CDN_PURGE_ATTEMPTS times, waiting longer each time), never raised. Should every attempt
fail, the CDN's copies still age out: reader pages tell it to keep them PAGE_CACHE_SECONDS.
"""

import json
import logging
import queue
import threading
import time
import urllib.request

from django.conf import settings

logger = logging.getLogger(__name__)

# Keys per request: Fastly takes up to 256, Cloudflare up to 30 tags a call.
BATCH_SIZES = {"fastly": 256, "cloudflare": 30}
FIRST_RETRY_SECONDS = 1.0
TIMEOUT_SECONDS = 10

_queue = queue.Queue()
_worker = None
_worker_lock = threading.Lock()
_retries_waiting = 0


def purge(keys):
    """Ask the CDN to drop its copies of the pages naming any of `keys`, in the background."""
    provider = settings.CDN_PURGE_PROVIDER
    if not provider or not keys:
        return
    size = BATCH_SIZES[provider]
    for start in range(0, len(keys), size):
        _queue.put((list(keys[start : start + size]), 1))
    _start_worker()


def wait_until_sent(timeout=10):
    """Block until every purge asked for so far was sent or given up (for tests and
    management commands that exit right after a change)."""
    deadline = time.monotonic() + timeout
    while (_queue.unfinished_tasks or _retries_waiting) and time.monotonic() < deadline:
        time.sleep(0.01)
    return not (_queue.unfinished_tasks or _retries_waiting)


def _start_worker():
    global _worker
    with _worker_lock:
        # A thread does not survive a fork: a gunicorn worker starts its own.
        if _worker is None or not _worker.is_alive():
            _worker = threading.Thread(target=_send_forever, name="cdn-purge", daemon=True)
            _worker.start()


def _send_forever():
    while True:
        keys, attempt = _queue.get()
        try:
            _send(keys)
        except Exception:  # noqa: BLE001 - whatever failed, the purge is tried again
            if attempt < settings.CDN_PURGE_ATTEMPTS:
                delay = FIRST_RETRY_SECONDS * 2 ** (attempt - 1)
                logger.warning(
                    "CDN purge of %d keys failed (attempt %d); retrying in %.0f s",
                    len(keys), attempt, delay, exc_info=True,
                )  # fmt: skip
                _retry_later(keys, attempt + 1, delay)
            else:
                logger.error(
                    "CDN purge of %d keys failed %d times; giving up: %s",
                    len(keys), attempt, " ".join(keys), exc_info=True,
                )  # fmt: skip
        finally:
            _queue.task_done()


def _retry_later(keys, attempt, delay):
    global _retries_waiting
    with _worker_lock:
        _retries_waiting += 1

    def again():
        global _retries_waiting
        _queue.put((keys, attempt))
        with _worker_lock:
            _retries_waiting -= 1

    timer = threading.Timer(delay, again)
    timer.daemon = True
    timer.start()


def _send(keys):
    provider, url, token = (
        settings.CDN_PURGE_PROVIDER,
        settings.CDN_PURGE_URL,
        settings.CDN_PURGE_TOKEN,
    )
    if provider == "fastly":
        request = urllib.request.Request(
            url,
            method="POST",
            headers={
                "Fastly-Key": token,
                "Surrogate-Key": " ".join(keys),
                "Accept": "application/json",
            },
        )
    else:
        request = urllib.request.Request(
            url,
            method="POST",
            data=json.dumps({"tags": keys}).encode(),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
        response.read()
