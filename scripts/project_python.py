"""Stops a maintainer command started outside the project's ``.venv`` with one clear line.

Imported first by every script here (``import project_python``), before anything that only the
venv has: with the system Python, ``python3 scripts/register_anchors.py`` would otherwise end in a
traceback such as "No module named mkdocs". Standard library only, for the same reason.
Set ``KETAMINE_SITE_ANY_PYTHON=1`` to run a script with another environment on purpose.
"""

from __future__ import annotations

import importlib.util
import os
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
NEEDED = ("mkdocs", "ketamine_site")
SETUP = (
    "python3 -m venv .venv && .venv/bin/pip install -r requirements.lock && "
    ".venv/bin/pip install --no-deps -e ."
)


def problem(prefix: str = sys.prefix) -> str | None:
    """Why this Python cannot run the project's scripts, or None if it can."""
    if os.environ.get("KETAMINE_SITE_ANY_PYTHON", "") not in ("", "0"):
        return None
    missing = [name for name in NEEDED if importlib.util.find_spec(name) is None]
    if Path(prefix).resolve() == VENV.resolve() and not missing:
        return None
    if not (VENV / "bin" / "python").exists():
        return f"the project's .venv does not exist yet; create it from {ROOT}: {SETUP}, then"
    if missing:
        return f"this Python ({sys.executable}) has no {' or '.join(missing)}"
    return f"this Python ({sys.executable}) is not the project's .venv"


def command(argv: list[str]) -> str:
    """The command line to use instead, from the project folder."""
    script = Path(argv[0]).resolve()
    try:
        shown = script.relative_to(ROOT).as_posix()
    except ValueError:
        shown = str(script)
    return shlex.join([".venv/bin/python", shown, *argv[1:]])


def require() -> None:
    if (why := problem()) is not None:
        sys.exit(f"{Path(sys.argv[0]).name}: {why}; run: {command(sys.argv)}")


def _started_from_here() -> bool:
    """True when the running program is one of the scripts beside this file."""
    main = getattr(sys.modules.get("__main__"), "__file__", None)
    return bool(main) and Path(main).resolve().parent == Path(__file__).resolve().parent


if _started_from_here():
    require()
