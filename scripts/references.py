"""Check and format ``references.bib``.

    .venv/bin/python scripts/references.py check [FILE] [--docs DIR]
    .venv/bin/python scripts/references.py format [FILE] [--check] [--diff]

``check`` prints one ``file:line: message`` per problem, each saying what to do, and exits 1 if
any is an error. Entries no page cites are ``warning:`` lines and do not change the exit code;
they are looked for in DIR (default: the ``docs/`` folder beside FILE, skipped if absent).

``format`` rewrites FILE in the canonical layout (see ``bibtools/bibformat.py``) without changing
any value, comment, ``@string`` or ``@preamble``. It refuses a file with syntax errors, leaving it
untouched. With ``--check`` it writes nothing and exits 1 if FILE is not formatted, naming the
entries that differ (``--diff`` also prints the change as a unified diff).

FILE defaults to ``references.bib`` at the root of this repository.
"""

from __future__ import annotations

import project_python  # noqa: F401  (first: outside .venv, one clear line, no traceback)

import argparse
import difflib
import os
import sys
import tempfile
from pathlib import Path

from ketamine_site.bibtools.bibformat import differences, format_text
from ketamine_site.bibtools.citing import cited_keys
from ketamine_site.bibtools.lint import check_text
from ketamine_site.bibtools.source import count_entries, read_blocks, read_text
from mkdocs_citations.engine.problems import BibliographyError, Problem

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FILE = ROOT / "references.bib"


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    path = Path(args.file) if args.file else DEFAULT_FILE
    name = _display_name(path, given=bool(args.file))
    if args.command == "check":
        return check(path, name, Path(args.docs) if args.docs else path.parent / "docs")
    return format_file(path, name, check_only=args.check, show_diff=args.diff)


def check(path: Path, name: str, docs: Path) -> int:
    """Print every problem in the file; 1 if any is an error."""
    try:
        text = read_text(path, name)
    except BibliographyError as error:
        return _report(error.problems)
    cited = cited_keys(docs) if docs.is_dir() else None
    problems = check_text(text, name, cited)
    _report(problems)
    entries = count_entries(read_blocks(text))
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    counts = [
        _count(entries, "entry", "entries"),
        _count(errors, "error"),
        _count(warnings, "warning"),
    ]
    print(f"{name}: {', '.join(counts)}")
    return 1 if errors else 0


def format_file(path: Path, name: str, check_only: bool = False, show_diff: bool = False) -> int:
    """Rewrite the file in the canonical layout (or, with ``check_only``, say where it is not)."""
    try:
        text = read_text(path, name)
        formatted = format_text(text, name)
    except BibliographyError as error:
        _report(error.problems)
        print(f"{name}: not formatted, the file is unchanged: fix the errors above first")
        return 1
    if formatted == text:
        print(f"{name}: already formatted")
        return 0
    if show_diff:
        sys.stdout.writelines(
            difflib.unified_diff(
                text.splitlines(keepends=True), formatted.splitlines(keepends=True), name, name
            )
        )
    if check_only:
        for line, what in differences(text, formatted):
            print(f"{name}:{line}: {what}: run `.venv/bin/python scripts/references.py format`")
        print(f"{name}: not formatted")
        return 1
    _write(path, formatted)
    changed = sum(what.startswith("entry ") for _, what in differences(text, formatted))
    what = f"{_count(changed, 'entry', 'entries')} laid out anew" if changed else "spacing only"
    print(f"{name}: formatted ({what})")
    return 0


def _write(path: Path, text: str) -> None:
    """Replace the file atomically, keeping its permissions."""
    mode = path.stat().st_mode
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _report(problems: list[Problem]) -> int:
    for problem in problems:
        label = "warning: " if problem.severity == "warning" else ""
        print(f"{problem.where()}: {label}{problem.message}")
    return 1 if any(p.severity == "error" for p in problems) else 0


def _count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number} {singular if number == 1 else plural or singular + 's'}"


def _display_name(path: Path, given: bool) -> str:
    """The file as messages name it: as typed, or the default relative to the working folder."""
    if given:
        return str(path)
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="references.py", description="Check and format references.bib."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="lint the file: file:line: message per problem")
    check_cmd.add_argument("file", nargs="?", help="the .bib file (default: references.bib)")
    check_cmd.add_argument(
        "--docs", help="the pages whose citations count (default: docs/ beside FILE)"
    )
    format_cmd = commands.add_parser("format", help="rewrite the file in the canonical layout")
    format_cmd.add_argument("file", nargs="?", help="the .bib file (default: references.bib)")
    format_cmd.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if the file is not formatted"
    )
    format_cmd.add_argument("--diff", action="store_true", help="print the change as a diff")
    return parser


if __name__ == "__main__":
    sys.exit(main())
