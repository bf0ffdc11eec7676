"""The chart libraries shipped to the browser are the npm registry's builds that package-lock.json pins.

``make vendor-js`` copies them from ``node_modules`` (``npm ci``) into ``ui/frontend/vendor`` and records each
one's version and sha256 in ``vendor/manifest.json``; these tests fail when a vendored file was edited, swapped
for another version, or the lock file moved without re-vendoring.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import altair as alt
import pytest

FRONTEND = Path(__file__).resolve().parent.parent / "presentation" / "frontend"
MANIFEST = json.loads((FRONTEND / "vendor" / "manifest.json").read_text(encoding="utf-8"))
LOCK = json.loads((FRONTEND / "package-lock.json").read_text(encoding="utf-8"))
PACKAGE = json.loads((FRONTEND / "package.json").read_text(encoding="utf-8"))
LIBRARIES = {entry["name"]: entry for entry in MANIFEST["libraries"]}
# How each minified build states its own version.
VERSION_IN_BUILD = {"vega": r't\.version="([^"]+)"', "vega-lite": r'var n="([^"]+)"',
                    "vega-embed": r'const hn="([^"]+)"'}


def test_the_three_chart_libraries_are_vendored() -> None:
    assert list(LIBRARIES) == ["vega", "vega-lite", "vega-embed"]


@pytest.mark.parametrize("name", sorted(LIBRARIES))
def test_vendored_file_matches_its_recorded_sha256(name: str) -> None:
    entry = LIBRARIES[name]
    digest = hashlib.sha256((FRONTEND / "vendor" / entry["file"]).read_bytes()).hexdigest()
    assert digest == entry["sha256"]


@pytest.mark.parametrize("name", sorted(LIBRARIES))
def test_vendored_version_is_the_locked_and_pinned_one(name: str) -> None:
    entry = LIBRARIES[name]
    locked = LOCK["packages"][f"node_modules/{name}"]
    assert entry["version"] == locked["version"] == PACKAGE["dependencies"][name]
    assert locked["integrity"].startswith("sha512-")  # npm ci checks the tarball against it
    build = (FRONTEND / "vendor" / entry["file"]).read_text(encoding="utf-8")
    assert re.search(VERSION_IN_BUILD[name], build).group(1) == entry["version"]
    assert (FRONTEND / "vendor" / f"{name}.LICENSE").read_text(encoding="utf-8").strip()


def test_vega_lite_is_the_version_altair_writes_specs_for() -> None:
    """The live chart draws the same spec as the exported one: the browser's Vega-Lite is Altair's schema version."""
    assert LIBRARIES["vega-lite"]["version"] == alt.SCHEMA_VERSION.lstrip("v")


def test_every_dependency_is_pinned_exactly() -> None:
    for group in ("dependencies", "devDependencies"):
        for name, version in PACKAGE[group].items():
            assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name} {version} is a range, not a pin"
