"""What ``mkdocs serve`` cannot pick up by itself: a change to the engine's own code.

MkDocs imports the hooks, and so this package, once per ``mkdocs serve``; a rebuild runs the
code loaded at start-up. Reloading the modules in place is not safe: objects made by the old
code (a parsed bibliography, a Markdown extension) would meet the new classes. So the hook
compares the package's files with how they were at start-up and says when a restart is needed.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent

Snapshot = dict[Path, int]  # each module file → its modification time (ns)


def snapshot(extra: Iterable[Path] = ()) -> Snapshot:
    """The package's .py files and ``extra`` ones (the hook files), with their times."""
    paths = sorted({*PACKAGE.rglob("*.py"), *(Path(path).resolve() for path in extra)})
    return {path: path.stat().st_mtime_ns for path in paths if path.is_file()}


def changed_files(before: Snapshot) -> list[Path]:
    """The files of ``before`` (and new package files) added or edited since it was taken."""
    now = snapshot(before)
    return [path for path, mtime in now.items() if before.get(path) != mtime]


def restart_message(changed: list[Path], root: Path) -> str:
    names = ", ".join(_shown(path, root) for path in changed[:3])
    more = f" and {len(changed) - 3} more" if len(changed) > 3 else ""
    return (
        f"{names}{more} changed since mkdocs serve started; this preview still runs the old "
        "code: stop it (Ctrl+C) and start .venv/bin/mkdocs serve again to use the new code"
    )


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
