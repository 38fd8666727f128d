"""Imports point down: khabarayn (settings, urls) → articles → categories → lib.

A module may import from its own layer and those below it, never from one above: the
library knows nothing of the apps, and categories nothing of articles.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["khabarayn", "articles", "categories", "lib"]  # top first


def imported_packages(path):
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0]


@pytest.mark.parametrize("layer", LAYERS[1:])
def test_no_module_imports_from_a_layer_above_its_own(layer):
    above = set(LAYERS[: LAYERS.index(layer)])
    upward = {
        f"{path.relative_to(ROOT)} imports {package}"
        for path in (ROOT / layer).rglob("*.py")
        if "migrations" not in path.parts
        for package in imported_packages(path)
        if package in above
    }
    assert not upward
