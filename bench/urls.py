"""The site's URLs plus /bench/ceiling/: the framework ceiling of `make bench`.

The ceiling view does no work at all: it returns BENCH_CEILING_BYTES bytes (the size of
the benchmarked article page) through the same middleware, so what a page costs beyond
Django itself is its distance below this view.
"""

import os

from django.http import HttpResponse
from django.urls import path

from khabarayn.urls import urlpatterns as site_urlpatterns

CEILING_BODY = b"<!DOCTYPE html>\n" + b"x" * max(
    0, int(os.environ.get("BENCH_CEILING_BYTES", "0")) - 16
)


def ceiling(request):
    return HttpResponse(CEILING_BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("bench/ceiling/", ceiling, name="bench_ceiling"), *site_urlpatterns]
