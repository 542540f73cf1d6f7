"""Shared fixtures: the real site, built once per test session with the real MkDocs and theme."""

from __future__ import annotations

from pathlib import Path

import pytest

from ketamine_site.sitebuild import ROOT, build_site

__all__ = ["ROOT", "build_site"]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The project's own site, built with `mkdocs build --strict` into a temporary folder."""
    site = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, site)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stderr[-4000:]}")
    return site
