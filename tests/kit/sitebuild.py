"""Building a site with the real MkDocs, for any test that needs one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from mkdocs.utils.yaml import yaml_load

# The project: tests/kit/ sits two levels below it.
ROOT = Path(__file__).resolve().parents[2]
MKDOCS = [sys.executable, "-m", "mkdocs"]
# Silences the MkDocs 2 notices printed by Material and properdocs; the pin below 2 is deliberate.
QUIET = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def build_site(project: Path, site_dir: Path, *, strict: bool = True, env: dict | None = None):
    """Run a real `mkdocs build` in ``project``; return the completed process (never raises).

    ``env`` adds to this environment; a value of None removes the variable (e.g. SITE_URL).
    """
    command = [*MKDOCS, "build", "-d", str(site_dir)]
    if strict:
        command.append("--strict")
    return subprocess.run(
        command,
        cwd=project,
        capture_output=True,
        text=True,
        env={k: v for k, v in {**os.environ, **QUIET, **(env or {})}.items() if v is not None},
        timeout=300,
    )


def site_url(project: Path = ROOT) -> str:
    """The address ``project``'s site is built for: its ``site_url``, ``!ENV [SITE_URL, …]``
    read from this environment as MkDocs reads it (a build started from here gets the same)."""
    with (project / "mkdocs.yml").open(encoding="utf-8") as file:
        return yaml_load(file)["site_url"]
