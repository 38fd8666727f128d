# Khabarayn: `make run` serves the demo site, `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# The suite runs on PostgreSQL; override DATABASE_URL to use another server.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/khabarayn

.PHONY: run test lint format install lock browser messages migrate demo clean

# Every package comes from the lock, pinned and checked against its hashes; the project
# itself (no hash to check) is installed on top without dependencies.
$(STAMP): pyproject.toml requirements/test.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/test.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

install: $(STAMP)

# The lock files, for Python 3.11 on x86-64 Linux whatever machine makes them:
# requirements/base.txt (what pyproject.toml's dependencies need; the Dockerfile installs
# it) and requirements/test.txt (the same pins plus the [test] extra; make install, CI).
# `make lock` refreshes both to the newest versions pyproject.toml allows;
# LOCK_ARGS= keeps the current pins where pyproject.toml still allows them.
UV_VERSION := 0.13.9
LOCK_ARGS ?= --upgrade
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml --quiet --generate-hashes \
	--python-version 3.11 --python-platform x86_64-manylinux_2_28 \
	--custom-compile-command "make lock" $(LOCK_ARGS)

lock:
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet uv==$(UV_VERSION)
	@mkdir -p requirements
	$(UV_COMPILE) --output-file requirements/base.txt
	$(UV_COMPILE) --extra test --constraint requirements/base.txt \
		--output-file requirements/test.txt

run: export DEBUG ?= 1
run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

migrate: $(STAMP)
	$(BIN)/python manage.py migrate --noinput

demo: export DEBUG ?= 1
demo: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo

# Browser tests drive Debian's Chromium and the HTML checker runs on Java; install
# them when missing (CI runs as root).
browser:
	@command -v chromium >/dev/null 2>&1 && command -v java >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium and a Java runtime for the tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			chromium default-jre-headless >/dev/null; }

# The W3C Nu HTML checker (vnu-jar) and axe-core, from npm; no install scripts run.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

test: $(STAMP) browser node_modules/.installed
	DATABASE_URL="$${DATABASE_URL:-$(TEST_DATABASE_URL)}" $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Rebuild the Arabic catalogue after changing translatable strings in Python.
messages: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py makemessages -l ar --ignore=$(VENV) --ignore=node_modules \
		--ignore=staticfiles --ignore=tests --ignore=bench
	DEBUG=1 $(BIN)/python manage.py compilemessages -l ar --ignore=$(VENV)

clean:
	rm -rf $(VENV) staticfiles

# Photo pipeline figures: renditions of a 24-megapixel photo, bytes a reader downloads.
.PHONY: bench-photos
bench-photos: $(STAMP)
	$(BIN)/python bench/photos.py

# Search relevance on the set in tests/search/relevance/ (bench/search.py): recall@10,
# precision@5, MRR, queries without a result and noise on no-answer queries, for reader
# search and plain PostgreSQL `arabic` text search, with the misses query by query. Needs
# PostgreSQL on 127.0.0.1; makes and drops its own database (khabarayn_bench_search).
.PHONY: bench-search
bench-search: $(STAMP)
	$(BIN)/python bench/search.py $(BENCH_ARGS)

# Reader pages under load at 100,000 stories (bench/bench.py): one table of requests per
# second, p50/p99 and SQL queries per page, cached and uncached, against a do-nothing
# Django view and, through nginx, a static file. Needs PostgreSQL and Redis on 127.0.0.1;
# makes its own database (khabarayn_bench, reused by later runs). BENCH_ARGS passes
# options, e.g. BENCH_ARGS="--duration 5 --pages home,article".
.PHONY: bench bench-tools bench-scale
bench-tools:
	@command -v wrk >/dev/null 2>&1 && command -v nginx >/dev/null 2>&1 || { \
		echo "Installing Debian's wrk and nginx for the benchmark"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			wrk nginx >/dev/null; }

bench: $(STAMP) bench-tools
	$(BIN)/python bench/bench.py $(BENCH_ARGS)

# Readers' pages while the newsroom saves (bench/newsroom.py): a Zipf mix over the newest
# 500 stories plus home and sections, in three phases (quiet, a draft saved every 5 s,
# a published story re-saved every 5 s); requests per second, p50/p99 and cache hit rate.
# BENCH_ARGS passes options, e.g. BENCH_ARGS="--newest 50000" for the long tail.
.PHONY: bench-newsroom
bench-newsroom: $(STAMP) bench-tools
	$(BIN)/python bench/newsroom.py $(BENCH_ARGS)

# p99 of home, section and article (uncached) at 10,000 and at 1,000,000 stories: the
# second database takes a while to generate the first time (docs/performance.md).
bench-scale: $(STAMP) bench-tools
	$(BIN)/python bench/bench.py --stories 10000 --database khabarayn_bench_10k \
		--pages home,section,article --modes uncached --no-nginx $(BENCH_ARGS)
	$(BIN)/python bench/bench.py --stories 1000000 --database khabarayn_bench_1m \
		--pages home,section,article --modes uncached --no-nginx $(BENCH_ARGS)

# Soak test: readers, a writer and faults (PostgreSQL restart, a killed gunicorn worker)
# against gunicorn on a private PostgreSQL cluster; prints figures (bench/soak.py).
# SOAK_SECONDS sets the length of the run (default 60).
.PHONY: soak
soak: $(STAMP)
	SOAK_SECONDS=$${SOAK_SECONDS:-60} $(BIN)/python bench/soak.py

# The WordPress import's speed (bench/wordpress.py): writes an export of 20,000 posts
# without media (bench/wordpress_export.py), imports it into a database of its own
# (khabarayn_bench_wordpress, dropped after) and prints posts a minute, for a first import
# and for a second that changes nothing. BENCH_ARGS="--posts 50000 --profile" for more.
.PHONY: bench-wordpress
bench-wordpress: $(STAMP)
	$(BIN)/python bench/wordpress.py $(BENCH_ARGS)
