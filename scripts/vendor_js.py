"""Fetch the dashboard's JavaScript and CSS from the npm registry into the package, with a manifest.

    python scripts/vendor_js.py            # fetch the pinned versions, write the files and MANIFEST.json
    python scripts/vendor_js.py --check    # verify the committed files against MANIFEST.json (offline)

Each package is fetched with ``npm pack`` (the registry's own tarball; nothing is built), the files
the dashboard uses are copied out of it with the package's licence, and MANIFEST.json records each
package's version, the tarball's sha256 and the registry's integrity string, and each copied file's
sha256. The copied files are committed, so the server needs no network.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "src" / "whimbrel" / "web" / "static" / "vendor"
MANIFEST = VENDOR / "MANIFEST.json"

# package, version, {file in the tarball (under package/): name in vendor/}
PACKAGES: tuple[tuple[str, str, dict[str, str]], ...] = (
    (
        "leaflet",
        "1.9.4",
        {"dist/leaflet.js": "leaflet.js", "dist/leaflet.css": "leaflet.css", "LICENSE": "leaflet.LICENSE"},
    ),
    (
        "leaflet.markercluster",
        "1.5.3",
        {
            "dist/leaflet.markercluster.js": "leaflet.markercluster.js",
            "dist/MarkerCluster.css": "MarkerCluster.css",
            "MIT-LICENCE.txt": "leaflet.markercluster.LICENSE",
        },
    ),
    (
        "topojson-client",
        "3.1.0",
        {"dist/topojson-client.min.js": "topojson-client.min.js", "LICENSE": "topojson-client.LICENSE"},
    ),
    (
        "world-atlas",
        "2.0.2",
        {"countries-110m.json": "countries-110m.json", "LICENSE": "world-atlas.LICENSE"},
    ),
    (
        "cytoscape",
        "3.34.4",
        {"dist/cytoscape.min.js": "cytoscape.min.js", "LICENSE": "cytoscape.LICENSE"},
    ),
)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch() -> dict[str, object]:
    VENDOR.mkdir(parents=True, exist_ok=True)
    packages = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, version, files in PACKAGES:
            out = subprocess.run(
                ["npm", "pack", f"{name}@{version}", "--json", "--pack-destination", tmp],
                check=True,
                capture_output=True,
                text=True,
            )
            info = json.loads(out.stdout)[0]
            tarball = Path(tmp) / info["filename"]
            copied = {}
            with tarfile.open(tarball) as tar:
                for inner, target in files.items():
                    member = tar.extractfile(f"package/{inner}")
                    if member is None:
                        raise SystemExit(f"{name}@{version}: no file {inner}")
                    dest = VENDOR / target
                    dest.write_bytes(member.read())
                    copied[target] = {"from": inner, "sha256": sha256(dest)}
            packages.append(
                {
                    "name": name,
                    "version": info["version"],
                    "tarball_sha256": sha256(tarball),
                    "integrity": info["integrity"],
                    "files": copied,
                }
            )
            print(f"{name}@{info['version']}: {', '.join(copied)}")
    manifest = {"source": "the npm registry, via npm pack", "packages": packages}
    MANIFEST.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def check() -> int:
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    bad = 0
    for package in manifest["packages"]:
        for target, meta in package["files"].items():
            path = VENDOR / target
            if not path.exists() or sha256(path) != meta["sha256"]:
                print(f"{target}: missing or changed (from {package['name']}@{package['version']})")
                bad += 1
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify the committed files, offline")
    args = parser.parse_args(argv)
    if args.check:
        return check()
    fetch()
    return 0


if __name__ == "__main__":
    sys.exit(main())
