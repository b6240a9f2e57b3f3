"""The dashboard's files: every vendored npm file matches its manifest, and nothing loads from outside."""

from __future__ import annotations

import hashlib
import json
import re

from whimbrel.web.app import STATIC


def test_vendored_files_match_the_manifest() -> None:
    manifest = json.loads((STATIC / "vendor" / "MANIFEST.json").read_text(encoding="utf-8"))
    names = {p["name"] for p in manifest["packages"]}
    assert {"leaflet", "leaflet.markercluster", "topojson-client", "world-atlas", "cytoscape"} <= names
    for package in manifest["packages"]:
        assert re.fullmatch(r"\d+\.\d+\.\d+", package["version"])
        assert re.fullmatch(r"[0-9a-f]{64}", package["tarball_sha256"])
        assert package["integrity"].startswith("sha512-")
        for target, meta in package["files"].items():
            data = (STATIC / "vendor" / target).read_bytes()
            assert hashlib.sha256(data).hexdigest() == meta["sha256"], target


def test_pages_load_nothing_from_outside() -> None:
    for path in [STATIC / "index.html", STATIC / "style.css", *sorted((STATIC / "js").glob("*.js"))]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text), path
        assert "innerHTML" not in text and "insertAdjacentHTML" not in text, path
