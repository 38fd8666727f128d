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
