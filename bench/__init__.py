"""Benchmarks and the soak test, run from the Makefile; nothing in the site imports them.

Entry points, one a make target: bench.py (`make bench`, `make bench-scale`), newsroom.py
(`make bench-newsroom`), photos.py (`make bench-photos`), soak.py (`make soak`).

What they share: environment.py (the processes' settings, manage.py), database.py (the
bench database, soak's private cluster), servers.py (gunicorn, nginx: start and stop),
wrk.py (load and its figures), report.py (the tables and their targets). Only `make bench`
uses pages.py (the pages and their queries), profiling.py (--explain, --profile) and
nginx.py; only `make soak` soak_readers.py and soak_writer.py. settings.py, urls.py,
newsroom_settings.py and middleware.py are the Django side: the ceiling view and the
count of pages rendered.
"""
