"""Shared fixtures: the real site, built once per test run with the real MkDocs and theme."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest

from kit.sitebuild import ROOT, build_site

__all__ = ["ROOT", "build_site"]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The project's own site, built with `mkdocs build --strict` into a temporary folder.

    Built once per run: under pytest-xdist (``-n 2``) every worker has its own session, so the
    first worker builds it into the run's shared temporary folder while holding a lock, and the
    others wait and reuse it (or its error). No test writes into it (``sitecopy`` makes copies).
    """
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    site, failure = shared / "built-site", shared / "built-site.failed"
    with (shared / "built-site.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not site.exists() and not failure.exists():
            result = build_site(ROOT, site)
            if result.returncode != 0:
                failure.write_text(result.stderr[-4000:], encoding="utf-8")
    if failure.exists():
        pytest.fail(f"mkdocs build --strict failed:\n{failure.read_text()}", pytrace=False)
    return site
