"""Record the site's new anchors in tests/site/anchors.json, so published links keep working.

    .venv/bin/python scripts/register_anchors.py               # builds the site (--strict) first
    .venv/bin/python scripts/register_anchors.py --site site/  # uses a site you built already

Adds every section heading id (h2, h3) and every entry of the site-wide bibliography that the
registry does not list yet, and prints what it added. It never removes one: once published, an
anchor stays, and tests/site/test_anchors.py fails if it stops resolving (keep the id, or add a
redirect in mkdocs.yml's ``redirect_maps``).
"""

from __future__ import annotations

import project_python  # noqa: F401  (first: outside .venv, one clear line, no traceback)
import testkit  # noqa: F401  (puts tests/ on the path: the test kit, tests/kit/)

import argparse
import sys
import tempfile
from pathlib import Path

from kit.sitebuild import build_site
from kit.sitecheck import (
    REGISTRY,
    load_registry,
    lost_anchors,
    merge_registry,
    published_anchors,
    save_registry,
)

ROOT = Path(__file__).resolve().parent.parent


def build(site: Path) -> None:
    result = build_site(ROOT, site)
    if result.returncode != 0:
        sys.exit(f"mkdocs build --strict failed; fix the build first:\n{result.stderr[-4000:]}")


def register(site: Path, registry_path: Path) -> list[str]:
    registry = load_registry(registry_path)
    merged, added = merge_registry(registry, published_anchors(site))
    if added or not registry_path.exists():
        save_registry(merged, registry_path)
    return added


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--registry", type=Path, default=REGISTRY, help="default: %(default)s")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build(site)
        elif not (site / "index.html").is_file():
            sys.exit(f"{site}: no index.html; is this a built site?")
        added = register(site, args.registry)
        lost = lost_anchors(site, load_registry(args.registry))
    shown = args.registry.resolve()
    shown = shown.relative_to(ROOT) if shown.is_relative_to(ROOT) else shown
    if added:
        print(f"Added {len(added)} anchor(s) to {shown}:")
        print("\n".join(f"  {anchor}" for anchor in added))
    else:
        print(f"No new anchors; {shown} is up to date.")
    if lost:
        print(f"\n{len(lost)} registered anchor(s) no longer resolve (kept; the tests will fail):")
        print("\n".join(f"  {problem}" for problem in lost))


if __name__ == "__main__":
    main()
