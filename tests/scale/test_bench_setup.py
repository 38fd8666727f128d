"""The benchmark's own pieces: the bench-only ceiling URL and the nginx configuration."""

import random
from collections import Counter

import pytest
from django.urls import Resolver404, resolve

from bench import newsroom, nginx


def test_the_ceiling_view_exists_only_in_the_bench_urlconf(settings):
    with pytest.raises(Resolver404):
        resolve("/bench/ceiling/")
    settings.ROOT_URLCONF = "bench.urls"
    assert resolve("/bench/ceiling/").url_name == "bench_ceiling"
    assert resolve("/").url_name == "home"


def test_the_deployed_nginx_config_is_what_the_bench_runs(tmp_path):
    config = nginx.write_config(tmp_path, 18080, 18000, tmp_path / "static", tmp_path / "media")
    text = config.read_text()
    assert "listen 127.0.0.1:18080" in text
    assert "server 127.0.0.1:18000;" in text
    assert f"alias {tmp_path / 'static'}/;" in text
    assert "proxy_cache pages;" in text and "proxy_no_cache $has_session" in text
    assert "web:8000" not in text and "/srv/" not in text


def test_the_newsroom_bench_draws_readers_mostly_from_the_newest_stories():
    """Zipf over the newest stories, newest most read, and one request in ten a listing."""
    rng = random.Random(1)
    stories = [f"/news/{n}/" for n in range(500)]
    mix = newsroom.reader_mix(stories, ["/", "/section/a/"], 20_000, 1.0, rng)
    counts = Counter(mix)
    listings = counts["/"] + counts["/section/a/"]
    assert 0.08 < listings / len(mix) < 0.12
    assert counts["/news/0/"] > counts["/news/1/"] > counts["/news/10/"] > counts["/news/499/"]
    # With exponent 1 over 500 stories the newest takes about 1 / H(500) ≈ 15 % of them.
    assert 0.12 < counts["/news/0/"] / (len(mix) - listings) < 0.18


def test_the_newsroom_bench_replays_its_addresses_in_turn():
    script = newsroom.wrk_script(["/", "/news/1/%D8%A7/"])
    assert '"/news/1/%D8%A7/"' in script
    assert "next_path % #paths + 1" in script
