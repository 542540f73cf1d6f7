"""Stops a maintainer command started by a Python without the project's packages, in one line.

Imported first by every script here (``import project_python``), before anything that only an
installed environment has: with a bare system Python, ``python3 scripts/register_anchors.py``
would otherwise end in a traceback such as "No module named mkdocs". Any Python that has the
packages ``pyproject.toml`` depends on runs the scripts (the project's ``.venv``, a second venv, a
CI image); one that lacks them gets the command to type instead, written for the folder it was
started from. Standard library only, for the same reason.
"""

from __future__ import annotations

import importlib.metadata
import os
import re
import shlex
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
INSTALL = ".venv/bin/pip install -r requirements.lock && .venv/bin/pip install --no-deps -e ."


def required(root: Path = ROOT) -> list[str]:
    """The distributions the project depends on (``[project] dependencies``), by name."""
    with (root / "pyproject.toml").open("rb") as file:
        project = tomllib.load(file)["project"]
    return [re.match(r"[A-Za-z0-9._-]+", spec).group(0) for spec in project["dependencies"]]


def missing(names: list[str]) -> list[str]:
    """Those of ``names`` that this Python has not installed."""
    absent = []
    for name in names:
        try:
            importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            absent.append(name)
    return absent


def hint(argv: list[str], absent: list[str], cwd: Path, venv: Path = VENV) -> str:
    """One line: what this Python lacks, and the command that runs ``argv`` from ``cwd``."""
    name = Path(argv[0]).name
    more = f" and {len(absent) - 1} more" if len(absent) > 1 else ""
    lacks = f"this Python ({sys.executable}) lacks the project's packages ({absent[0]}{more})"
    python = venv / "bin" / "python"
    if python.exists() and Path(sys.prefix).resolve() != venv.resolve():
        return f"{name}: {lacks}; run: {shlex.join([_shown(python, cwd), *argv])}"
    # No .venv yet, or the .venv itself is incomplete: install into it, then run the command.
    script = os.path.relpath(cwd / argv[0], venv.parent)
    steps = [
        INSTALL if python.exists() else f"python3 -m venv .venv && {INSTALL}",
        shlex.join([".venv/bin/python", script, *argv[1:]]),
    ]
    if cwd.resolve() != venv.parent.resolve():
        steps.insert(0, shlex.join(["cd", _shown(venv.parent, cwd)]))
    return f"{name}: {lacks}; set up the project's .venv and run: {' && '.join(steps)}"


def _shown(path: Path, cwd: Path) -> str:
    """``path`` as typed from ``cwd``: relative inside the project, absolute from elsewhere."""
    inside = cwd.resolve() == ROOT or ROOT in cwd.resolve().parents
    return os.path.relpath(path, cwd) if inside else str(path)


def require() -> None:
    if absent := missing(required()):
        sys.exit(hint(sys.argv, absent, Path.cwd()))


def _started_from_here() -> bool:
    """True when the running program is one of the scripts beside this file."""
    main = getattr(sys.modules.get("__main__"), "__file__", None)
    return bool(main) and Path(main).resolve().parent == Path(__file__).resolve().parent


if _started_from_here():
    require()
