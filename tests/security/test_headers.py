"""Security headers on reader pages and in the newsroom; production settings."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
CONFIGURATION = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL",
                 "CACHE_URL", "HTTPS", "SECURE_HSTS_PRELOAD", "SECURE_SSL_REDIRECT",
                 "DJANGO_ALLOW_ASYNC_UNSAFE"}  # fmt: skip
KEYWORDS = {"'self'", "'none'"}


def policy(response):
    """The Content-Security-Policy as {directive: [sources]}."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def reader_pages(published_article):
    return [
        "/",
        published_article.get_absolute_url(),
        published_article.category.get_absolute_url(),
        "/no-such-page/",
    ]


def test_reader_pages_forbid_inline_script_and_other_origins(client, published_article, settings):
    settings.PAGE_CACHE_SECONDS = 60
    for path in reader_pages(published_article):
        for _ in range(2):  # fresh, then from the page cache
            response = client.get(path)
            csp = policy(response)
            assert csp["default-src"] == ["'self'"]
            assert csp["script-src"] == ["'self'"], path
            assert csp["object-src"] == ["'none'"]
            assert csp["base-uri"] == ["'none'"]
            assert csp["frame-ancestors"] == ["'none'"]
            assert csp["form-action"] == ["'self'"]
            for name, sources in csp.items():
                assert set(sources) <= KEYWORDS, (path, name, sources)
            assert response["X-Content-Type-Options"] == "nosniff"
            assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
            assert response["X-Frame-Options"] == "DENY"


def test_the_newsroom_allows_the_editors_styles_and_nothing_more(admin_client):
    csp = policy(admin_client.get(reverse("admin:articles_article_add")))
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert not any(source.startswith("http") for sources in csp.values() for source in sources)


def test_hsts_and_secure_cookies_under_https(settings, editor):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    client = Client()
    response = client.get("/admin/login/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    csrf = response.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf["secure"] and csrf["httponly"]
    response = client.post(
        "/admin/login/", {"username": "editor", "password": "a-long-test-password"}, secure=True
    )
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["secure"] and session["httponly"]
    assert "Strict-Transport-Security" not in Client().get("/")  # plain http: never HSTS


def run_with(*args, **env):
    clean = {k: v for k, v in os.environ.items() if k not in CONFIGURATION}
    clean.update(env, DJANGO_SETTINGS_MODULE="khabarayn.settings")
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, check=False
    )


PRODUCTION = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "HTTPS": "1",
    "ALLOWED_HOSTS": "news.example,www.news.example",
    "DATABASE_URL": "postgres://khabarayn@db.internal:5432/khabarayn",
}


def test_check_deploy_is_clean_with_production_settings():
    result = run_with("manage.py", "check", "--deploy", "--fail-level", "DEBUG", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_settings_under_https():
    result = run_with(
        "-c",
        "import json, django; from django.conf import settings as s; django.setup(); "
        "print(json.dumps([s.DEBUG, s.ALLOWED_HOSTS, s.SECURE_SSL_REDIRECT, "
        "s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_HTTPONLY, s.AUTHENTICATION_BACKENDS[0]]))",
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        '[false, ["news.example", "www.news.example"], true, 31536000, true, true, true, '
        'true, "axes.backends.AxesStandaloneBackend"]'
    )


def test_debug_needs_asking_for():
    """`make run` sets DEBUG=1; nothing else turns it on."""
    assert "DEBUG ?= 1" in (ROOT / "Makefile").read_text()
    show_debug = (
        "import django; from django.conf import settings; django.setup(); print(settings.DEBUG)"
    )
    result = run_with("-c", show_debug, **PRODUCTION)
    assert result.stdout.strip() == "False"
