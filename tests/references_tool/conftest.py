"""Fixtures for the references.bib tool: small .bib files in tmp_path and a way to run the CLI."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from bibcases import ROOT, SCRIPT


@pytest.fixture
def write_bib(tmp_path: Path) -> Callable[..., Path]:
    """Write a fixture .bib file into tmp_path and return its path."""

    def write(text: str, name: str = "refs.bib") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def run_cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run scripts/references.py as a user would: a new Python process, from ``cwd``."""

    def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, str(SCRIPT), *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    return run
