"""Private, editable copies of a built site or of the project, for tests that change them."""

from __future__ import annotations

import shutil
from pathlib import Path


def copy_site(site: Path, destination: Path) -> Path:
    """Copy every file of ``site`` into ``destination``."""
    shutil.copytree(site, destination)
    return destination


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in ``path`` by ``new``; fail loudly if it is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path}: '{old}' not found; the test's premise no longer holds"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# What `mkdocs build` reads: the configuration, the pages, the snippets, the theme overrides,
# the bibliography and the hooks (with the engine beside them).
PROJECT_PARTS = ("mkdocs.yml", "references.bib", "docs", "includes", "overrides", "scripts")


def copy_project(project: Path, destination: Path) -> Path:
    """Copy what building ``project`` needs into ``destination``, to add or break pages there."""
    destination.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in PROJECT_PARTS:
        source = project / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=ignore)
        elif source.is_file():
            shutil.copy2(source, destination / name)
    return destination
