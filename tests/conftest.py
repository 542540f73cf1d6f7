"""Shared fixtures: the real site, built once per test session with the real MkDocs and theme."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]


def build_site(project: Path, site_dir: Path, *, strict: bool = True, env: dict | None = None):
    """Run a real `mkdocs build` in ``project``; return the completed process (never raises)."""
    command = [*MKDOCS, "build", "-d", str(site_dir)]
    if strict:
        command.append("--strict")
    return subprocess.run(
        command,
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        timeout=300,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The project's own site, built with `mkdocs build --strict` into a temporary folder."""
    site = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, site)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stderr[-4000:]}")
    return site
