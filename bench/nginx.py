"""nginx in front of the bench's gunicorn, configured as deployed (deploy/nginx.conf): a
cached page through its micro-cache against a static file of the same size, the machine's
limit."""

import os
import shutil
import sys
import urllib.request

from bench import wrk
from bench.environment import ROOT
from bench.servers import free_port, started


def write_config(work, port, upstream_port, static_root, media_root):
    """deploy/nginx.conf, pointed at this machine's gunicorn, port and folders."""
    text = (ROOT / "deploy" / "nginx.conf").read_text()
    replacements = [
        ("user nginx;", "user root;"),
        ("pid /var/run/nginx.pid;", f"pid {work}/nginx.pid;"),
        ("error_log /var/log/nginx/error.log warn;", f"error_log {work}/nginx-error.log warn;"),
        ("access_log /var/log/nginx/access.log;", "access_log off;"),
        ("/var/cache/nginx/pages", f"{work}/nginx-pages"),
        ("server web:8000;", f"server 127.0.0.1:{upstream_port};"),
        ("listen 80 default_server;", f"listen 127.0.0.1:{port} default_server;"),
        ("alias /srv/static/;", f"alias {static_root}/;"),
        ("alias /srv/media/;", f"alias {media_root}/;"),
        (
            "http {\n",
            "http {\n"
            + "".join(
                f"    {kind}_temp_path {work}/nginx-{kind};\n"
                for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
            ),
        ),
    ]
    for old, new in replacements:
        if old not in text:
            sys.exit(f"deploy/nginx.conf changed: cannot find {old!r}")
        text = text.replace(old, new, 1)
    config = work / "nginx.conf"
    config.write_text(text)
    return config


def measure(args, work, upstream, static_root, media_root, sizes, pages):
    if not shutil.which("nginx"):
        print("nginx is missing: leaving out the nginx rows (apt-get install nginx).")
        return []
    port = free_port()
    config = write_config(work, port, upstream.port, static_root, media_root)
    # A static file of the article page's size, served by nginx itself.
    same_size = static_root / "bench-same-size.html"
    same_size.write_bytes(b"x" * int(os.environ["BENCH_CEILING_BYTES"]))
    command = [shutil.which("nginx"), "-c", str(config), "-p", str(work), "-g", "daemon off;"]
    rows = []
    page = "article" if "article" in sizes else next(iter(sizes))
    with started(command, os.environ, work / "nginx.log", "/static/bench-same-size.html", port):
        page_url = f"http://127.0.0.1:{port}{dict(pages)[page]}"
        result = wrk.measure(args, page_url)
        rows.append((f"{page} via nginx", result, cache_status(page_url)))
        static_url = f"http://127.0.0.1:{port}/static/bench-same-size.html"
        rows.append(("static file via nginx", wrk.measure(args, static_url), "file"))
    return rows


def cache_status(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers.get("X-Cache-Status", "?")
