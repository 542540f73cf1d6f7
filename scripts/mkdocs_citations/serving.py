"""What ``mkdocs serve`` cannot pick up by itself: a change to the plugin's or the site's code.

MkDocs imports plugins and hooks once per ``mkdocs serve``; a rebuild runs the code loaded at
start-up. Reloading the modules in place is not safe: objects made by the old code (a parsed
bibliography, a Markdown extension) would meet the new classes. So the plugin compares the code's
files with how they were at start-up and says when a restart is needed. It compares contents, not
modification times: a file that ``git checkout`` or an editor's undo puts back as it was is not a
change.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent

Snapshot = dict[Path, str]  # each code file → a digest of its contents


def _python_files(paths: Iterable[Path]) -> set[Path]:
    found: set[Path] = set()
    for path in (Path(p).resolve() for p in paths):
        found |= set(path.rglob("*.py")) if path.is_dir() else {path}
    return found


def _digest(path: Path) -> str:
    return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()


def snapshot(extra: Iterable[Path] = ()) -> Snapshot:
    """The plugin's .py files and ``extra`` ones (files, or folders of them), with digests."""
    paths = sorted(_python_files([PACKAGE, *extra]))
    return {path: _digest(path) for path in paths if path.is_file()}


def changed_files(before: Snapshot, extra: Iterable[Path] = ()) -> list[Path]:
    """The files of ``before`` (and new ones in the folders) whose contents are not as they were."""
    now = snapshot([*before, *extra])
    gone = [path for path in before if path not in now]
    return [path for path, digest in now.items() if before.get(path) != digest] + gone


def restart_message(changed: list[Path], root: Path) -> str:
    names = ", ".join(_shown(path, root) for path in changed[:3])
    more = f" and {len(changed) - 3} more" if len(changed) > 3 else ""
    return (
        f"{names}{more} changed since mkdocs serve started; this preview still runs the old "
        "code: stop it (Ctrl+C) and start mkdocs serve again to use the new code"
    )


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
