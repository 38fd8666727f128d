"""The lock files pin every package with its hashes, and agree with pyproject.toml.

`make lock` writes requirements/base.txt (the Dockerfile installs it) and
requirements/test.txt (make install, CI) from pyproject.toml; pip installs them with
--require-hashes. These tests catch a lock edited by hand or left behind by a change to
pyproject.toml's dependencies. They read files only: no database, no network.
"""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
LOCKS = {"base": ROOT / "requirements" / "base.txt", "test": ROOT / "requirements" / "test.txt"}
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;\\]+)")
HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}\b")


def requirement_lines(path):
    """Each requirement of a pip requirements file, its continuation lines joined."""
    text = path.read_text(encoding="utf-8")
    without_comments = re.sub(r"(?m)(^|\s)#.*$", "", text)
    joined = re.sub(r"\\\n", " ", without_comments)
    return [" ".join(line.split()) for line in joined.splitlines() if line.strip()]


def pins(path):
    """Package name (canonical) -> pinned version, for every requirement of a lock file."""
    pinned = {}
    for line in requirement_lines(path):
        match = PIN.match(line)
        assert match, f"{path.name}: not pinned with ==: {line}"
        pinned[canonicalize_name(match["name"])] = Version(match["version"])
    return pinned


def declared(group):
    """pyproject.toml's requirements: "runtime" (dependencies) or an extra's name."""
    with (ROOT / "pyproject.toml").open("rb") as handle:
        project = tomllib.load(handle)["project"]
    lines = (
        project["dependencies"] if group == "runtime" else project["optional-dependencies"][group]
    )
    return [Requirement(line) for line in lines]


@pytest.mark.parametrize("lock", LOCKS)
def test_every_requirement_is_pinned_exactly_and_carries_a_hash(lock):
    """Each requirement is `name==version` with at least one sha256 hash, and nothing else.

    pip's --require-hashes refuses a file with an unpinned or unhashed line, and an
    option line (an extra index, a local folder of wheels) would change where packages
    come from.
    """
    lines = requirement_lines(LOCKS[lock])
    assert lines, f"{LOCKS[lock]} lists no requirement"
    for line in lines:
        assert not line.startswith("-"), f"{lock}.txt: an option line: {line}"
        assert PIN.match(line), f"{lock}.txt: not pinned with ==: {line}"
        assert HASH.search(line), f"{lock}.txt: no --hash=sha256: {line}"


@pytest.mark.parametrize(
    ("lock", "group"), [("base", "runtime"), ("test", "runtime"), ("test", "test")]
)
def test_the_lock_pins_what_pyproject_asks_for(lock, group):
    """Each dependency of pyproject.toml is in the lock, at a version its bounds allow.

    base.txt carries the runtime dependencies; test.txt carries them and the [test] extra.
    A dependency added to or bounded anew in pyproject.toml fails here until `make lock`.
    """
    pinned = pins(LOCKS[lock])
    for requirement in declared(group):
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{requirement.name} is missing from {lock}.txt: run make lock"
        assert requirement.specifier.contains(pinned[name], prereleases=True), (
            f"{lock}.txt pins {name}=={pinned[name]}, outside {requirement}: run make lock"
        )


def test_production_and_tests_run_the_same_versions():
    """Every package of base.txt has the same pin in test.txt: CI tests what Docker ships."""
    base, test = pins(LOCKS["base"]), pins(LOCKS["test"])
    assert {name: test.get(name) for name in base} == base


def test_django_stays_on_the_lts_series():
    """Django 5.2 is the LTS release: the lock and pyproject.toml stay on it."""
    [django] = [r for r in declared("runtime") if canonicalize_name(r.name) == "django"]
    assert not django.specifier.contains("5.3")
    assert pins(LOCKS["base"])["django"].release[:2] == (5, 2)
