"""A private, editable copy of a built site, for tests that break something on purpose."""

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
