"""A maintainer command started outside the project's .venv says so in one line, not a traceback."""

from __future__ import annotations

import project_python

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kit.sitebuild import ROOT

SCRIPTS = ["register_anchors.py", "references.py", "lighthouse.py", "screenshots.py"]


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_script_run_by_another_python_names_the_command_to_use(script):
    base = Path(sys.base_prefix) / "bin" / "python3"  # the interpreter the venv was made from
    if not base.exists():
        pytest.skip(f"no base interpreter at {base}")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.pop("KETAMINE_SITE_ANY_PYTHON", None)
    result = subprocess.run(
        [str(base), f"scripts/{script}", "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith(f"{script}: this Python ({base}")
    assert line.endswith(f"; run: .venv/bin/python scripts/{script} check")


def test_the_projects_venv_passes_and_another_prefix_does_not(monkeypatch):
    monkeypatch.delenv("KETAMINE_SITE_ANY_PYTHON", raising=False)
    if Path(sys.prefix).resolve() == project_python.VENV.resolve():
        assert project_python.problem() is None
    assert "is not the project's .venv" in project_python.problem("/usr")
    monkeypatch.setenv("KETAMINE_SITE_ANY_PYTHON", "1")
    assert project_python.problem("/usr") is None
