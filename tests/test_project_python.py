"""A maintainer command run by a Python without the project's packages says so in one line with
the command to use, runnable from where it was typed; any Python with the packages runs it."""

from __future__ import annotations

import project_python

import os
import shlex
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from kit.sitebuild import ROOT

SCRIPTS = ["register_anchors.py", "references.py", "lighthouse.py", "screenshots.py"]


def _python(folder: Path, site_packages: str | None = None) -> Path:
    """A fresh venv's Python with no packages, or reaching ``site_packages`` (a second env)."""
    base = Path(sys.base_prefix) / "bin" / "python3"  # the interpreter the venv was made from
    subprocess.run([str(base), "-m", "venv", "--without-pip", str(folder)], check=True)
    if site_packages is not None:
        [own] = (folder / "lib").glob("python3*/site-packages")
        (own / "project.pth").write_text(f"import site; site.addsitedir({site_packages!r})\n")
    return folder / "bin" / "python"


def _run(python: Path, args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(
        [str(python), *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=120
    )


@pytest.fixture(scope="module")
def bare_python(tmp_path_factory) -> Path:
    return _python(tmp_path_factory.mktemp("bare") / "venv")


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_python_without_the_packages_names_the_command_to_use(bare_python, script):
    result = _run(bare_python, [f"scripts/{script}", "check"], ROOT)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith(f"{script}: this Python ({bare_python}) lacks the project's packages (")
    assert line.endswith(f"; run: .venv/bin/python scripts/{script} check")


def test_the_command_in_the_hint_runs_from_the_folder_it_was_typed_in(bare_python):
    """Started from scripts/, the hint's command works there (not a path from the root)."""
    result = _run(bare_python, ["references.py", "check"], ROOT / "scripts")
    [line] = result.stderr.splitlines()
    command = line.split("; run: ", 1)[1]
    assert command == "../.venv/bin/python references.py check"
    again = subprocess.run(
        shlex.split(command), cwd=ROOT / "scripts", capture_output=True, text=True, timeout=120
    )
    assert again.returncode == 0, again.stderr
    assert "0 errors" in again.stdout


def test_another_python_with_the_packages_runs_the_scripts(tmp_path):
    """A second environment with the packages (a CI image, another venv) is not refused."""
    python = _python(tmp_path / "other", sysconfig.get_paths()["purelib"])
    result = _run(python, ["scripts/references.py", "check"], ROOT)
    assert result.returncode == 0, result.stderr
    assert "0 errors" in result.stdout


def test_without_a_venv_the_hint_creates_it_from_the_project_folder(tmp_path):
    venv = ROOT / "no-such-folder" / ".venv"
    line = project_python.hint(
        ["references.py", "check"], ["mkdocs", "rispy"], ROOT / "scripts", venv
    )
    assert line.startswith("references.py: this Python (")
    assert "lacks the project's packages (mkdocs and 1 more)" in line
    assert line.endswith(
        "; set up the project's .venv and run: cd ../no-such-folder && python3 -m venv .venv && "
        ".venv/bin/pip install -r requirements.lock && .venv/bin/pip install --no-deps -e . && "
        ".venv/bin/python ../scripts/references.py check"
    )


def test_the_required_packages_are_the_projects_dependencies():
    names = project_python.required()
    assert "mkdocs" in names and "mkdocs-material" in names
    assert project_python.missing(names) == []
    assert project_python.missing(["no-such-distribution-here"]) == ["no-such-distribution-here"]
