"""Readers' search covers the lessons, not the maintainers' guide (docs/contributing/.meta.yml).

The guide stays on the site, in the menu and its own index page; only the search index leaves it
out, so a reader's search for a term does not answer with how to cite it or run a check.
"""

from __future__ import annotations

import json
from pathlib import Path

from kit.sitebuild import ROOT, build_site
from kit.sitecopy import copy_project

GUIDE = sorted(
    p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs/contributing").glob("*.md")
)


def _index(site: Path) -> tuple[list[str], int]:
    path = site / "search" / "search_index.json"
    docs = json.loads(path.read_text(encoding="utf-8"))["docs"]
    return [doc["location"] for doc in docs], path.stat().st_size


def test_the_search_index_holds_no_page_of_the_guide_which_is_still_built(built_site):
    locations, _ = _index(built_site)
    assert any(location.startswith("mechanism/") for location in locations)
    assert [location for location in locations if location.startswith("contributing/")] == []
    assert len(GUIDE) >= 5
    for src in GUIDE:
        page = built_site / src.removesuffix(".md").removesuffix("index") / "index.html"
        assert "<article" in page.read_text(encoding="utf-8"), src


def test_without_the_folders_meta_file_the_guide_would_be_indexed_and_the_index_larger(
    built_site, tmp_path
):
    """The exclusion is what keeps the guide out: remove it, and the guide is found again."""
    project = copy_project(ROOT, tmp_path / "project")
    (project / "docs" / "contributing" / ".meta.yml").unlink()
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    locations, size = _index(tmp_path / "site")
    indexed = {location.split("#")[0] for location in locations}
    assert "contributing/checks/" in indexed and "contributing/" in indexed
    _, published = _index(built_site)
    assert published < size * 0.8, (published, size)
