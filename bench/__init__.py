"""Benchmarks: `make bench` (bench.py, settings.py, urls.py) and `make bench-photos`."""
