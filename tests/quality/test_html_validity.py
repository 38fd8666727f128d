"""Every kind of reader page is valid HTML for the W3C Nu HTML checker."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

VNU = Path(__file__).resolve().parents[2] / "node_modules/vnu-jar/build/dist/vnu.jar"

pytestmark = pytest.mark.django_db


def nu_html_checker(files):
    """Errors the checker reports, by file name; one JVM start for all the pages."""
    if not (VNU.exists() and shutil.which("java")):
        message = "vnu.jar or java missing: `make test` installs both"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    errors = {}
    for message in json.loads(result.stderr or '{"messages": []}')["messages"]:
        name = Path(message.get("url", "?")).name
        errors.setdefault(name, []).append(
            f"{message.get('lastLine')}: {message['message']} [{message.get('extract', '')!r}]"
        )
    return errors


def test_reader_pages_have_no_html_errors(client, reader_pages, tmp_path):
    files = []
    for name, url in reader_pages.items():
        response = client.get(url)
        assert response.status_code == (404 if name == "not_found" else 200), url
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(path)
    assert nu_html_checker(files) == {}


def test_the_pages_checked_show_every_part_of_issue_16(client, reader_pages):
    """The checkers above see the breaking bar, most read, a live story and corrections."""
    home = client.get(reader_pages["home"]).content.decode()
    assert 'class="breaking"' in home and 'class="most-read"' in home
    live = client.get(reader_pages["live"]).content.decode()
    assert 'class="live-label"' in live and "live-update--important" in live
    assert "story__corrections" in client.get(reader_pages["article"]).content.decode()
