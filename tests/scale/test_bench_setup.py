"""The benchmark's own pieces: the bench-only ceiling URL and the nginx configuration."""

import pytest
from django.urls import Resolver404, resolve

from bench import bench


def test_the_ceiling_view_exists_only_in_the_bench_urlconf(settings):
    with pytest.raises(Resolver404):
        resolve("/bench/ceiling/")
    settings.ROOT_URLCONF = "bench.urls"
    assert resolve("/bench/ceiling/").url_name == "bench_ceiling"
    assert resolve("/").url_name == "home"


def test_the_deployed_nginx_config_is_what_the_bench_runs(tmp_path):
    config = bench.nginx_config(tmp_path, 18080, 18000, tmp_path / "static", tmp_path / "media")
    text = config.read_text()
    assert "listen 127.0.0.1:18080" in text
    assert "server 127.0.0.1:18000;" in text
    assert f"alias {tmp_path / 'static'}/;" in text
    assert "proxy_cache pages;" in text and "proxy_no_cache $has_session" in text
    assert "web:8000" not in text and "/srv/" not in text
