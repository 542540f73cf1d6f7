"""A ``.bib`` file read by bibtexparser 2: for any file that is not in the plain form.

``bibliography`` reads a file in the plain form itself, in a tenth of the time; anything else
(``@string``, quotes, a ``#`` concatenation, a syntax error, a duplicate…) comes here, and
bibtexparser's reading and messages are the reference. Only then is bibtexparser imported: its
import is 12 ms of every build whose file is plain, the citation plugin's largest.

bibtexparser defines the parsing, with its cheap middlewares only (string references, enclosing
braces, month macros) and one of ours: it keeps a ``#`` concatenation as the raw text, so
``ResolveConcatenationMiddleware`` joins it first.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterator, Mapping

import bibtexparser
from bibtexparser import model
from bibtexparser.library import Library
from bibtexparser.middlewares import (
    MonthIntMiddleware,
    RemoveEnclosingMiddleware,
    ResolveStringReferencesMiddleware,
)
from bibtexparser.middlewares.middleware import LibraryMiddleware

from mkdocs_citations.engine import positions
from mkdocs_citations.engine.months import MACROS
from mkdocs_citations.engine.problems import UNCLOSED_BRACE, Problem, file_error
from mkdocs_citations.engine.record import Record

_ENCLOSING = RemoveEnclosingMiddleware.metadata_key()


def read(text: str, filename: str, problems: list[Problem]) -> list[Record]:
    """Records of every entry bibtexparser could read; what it could not goes to ``problems``."""
    with quiet_bibtexparser():
        library = bibtexparser.parse_string(text, parse_stack=parse_stack())
    records = []
    for block in library.blocks:
        line = block.start_line + 1
        if isinstance(block, model.DuplicateBlockKeyBlock):
            first = block.previous_block.start_line + 1
            problems.append(
                file_error(
                    filename,
                    line,
                    f"duplicate key '{block.key}' (first defined at line {first}): "
                    "rename one entry or delete the copy",
                )
            )
        elif isinstance(block, model.DuplicateFieldKeyBlock):
            entry = block.ignore_error_block
            names = ", ".join(sorted(block.duplicate_keys))
            problems.append(
                file_error(
                    filename,
                    line,
                    f"entry '{entry.key}' has the field {names} more than once: keep one",
                )
            )
        elif isinstance(block, model.ParsingFailedBlock):
            problems.append(
                _unclosed(block, filename, line)
                or file_error(filename, line, _explain_failure(block))
            )
        elif isinstance(block, model.Entry):
            records.append(
                Record(
                    key=block.key,
                    entry_type=block.entry_type.lower(),
                    fields={f.key.lower(): _as_text(f.value) for f in block.fields},
                    line=line,
                    field_lines={f.key.lower(): f.start_line + 1 for f in block.fields},
                    enclosed=tuple(
                        name.lower()
                        for name, enclosing in block.parser_metadata.get(_ENCLOSING, {}).items()
                        if enclosing in ("{", '"')
                    ),
                )
            )
    return records


def parse_stack() -> list:
    """bibtexparser's default stack (strings, enclosing) with ``#`` concatenation first and
    month macros (jan…dec, also braced) last."""
    return [
        ResolveConcatenationMiddleware(),
        ResolveStringReferencesMiddleware(allow_inplace_modification=True),
        RemoveEnclosingMiddleware(allow_inplace_modification=True),
        MonthIntMiddleware(allow_inplace_modification=True),
    ]


_TOP_LEVEL_HASH = re.compile(r'[{}"#]')


def split_concatenation(value: str) -> list[str] | None:
    """The pieces of ``a # {b} # "c"`` (each as written), or ``None`` if there is no ``#``
    outside braces and quotes."""
    if "#" not in value:
        return None
    pieces, depth, quoted, start = [], 0, False, 0
    for match in _TOP_LEVEL_HASH.finditer(value):
        char = match.group()
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            pieces.append(value[start : match.start()].strip())
            start = match.end()
    if not pieces:
        return None
    pieces.append(value[start:].strip())
    return pieces


class ResolveConcatenationMiddleware(LibraryMiddleware):
    """``publisher = dtv # { and Walter de Gruyter}`` → one braced value.

    bibtexparser 2 keeps such a value as its raw text (its string middleware replaces only a
    value that is one name). Runs before that middleware and before the enclosing is removed:
    the joined value is written back in braces, so both leave it as it is.
    """

    def __init__(self) -> None:
        super().__init__(allow_inplace_modification=True)

    @classmethod
    def metadata_key(cls) -> str:
        return "ResolveConcatenation"

    def transform(self, library: Library) -> Library:
        strings = {key.lower(): block.value for key, block in library.strings_dict.items()}
        for entry in library.entries:
            for entry_field in entry.fields:
                value = entry_field.value
                pieces = split_concatenation(value) if isinstance(value, str) else None
                if pieces is not None:
                    joined = "".join(_piece(piece, strings) for piece in pieces)
                    entry_field.value = "{" + joined + "}"
        return library


def _piece(piece: str, strings: Mapping[str, str]) -> str:
    if len(piece) >= 2 and piece[0] + piece[-1] in ("{}", '""'):
        return piece[1:-1]
    name = piece.lower()
    if name in strings:
        value = strings[name]
        if len(value) >= 2 and value[0] + value[-1] in ("{}", '""'):
            return value[1:-1]
        return value
    if name in MACROS:
        return MACROS[name]
    return piece


def _as_text(value: object) -> str:
    # After bibtexparser's default middlewares a value is a string; anything else is stringified.
    return value if isinstance(value, str) else str(value)


def _unclosed(block: model.ParsingFailedBlock, filename: str, line: int) -> Problem | None:
    """An unclosed brace, reported at the line of its field rather than the entry's first."""
    found = positions.unclosed_field(block.raw or "")
    if found is None:
        return None
    name, offset = found
    key = re.match(r"@\w+\s*[{(]\s*([^,\s]*)", block.raw)
    return file_error(
        filename,
        line + block.raw.count("\n", 0, offset),
        f"entry '{key.group(1) if key else '?'}': the value of '{name}' {UNCLOSED_BRACE}, so it "
        "runs on into the fields after it: close the brace in this field",
    )


def _explain_failure(block: model.ParsingFailedBlock) -> str:
    raw = block.raw.strip().splitlines()[0] if block.raw.strip() else ""
    reason = getattr(block.error, "abort_reason", "") or str(block.error) or "syntax error"
    return (
        f"cannot parse the entry starting '{raw[:60]}': {reason.strip()} "
        "(check for an unbalanced brace or quote, or a missing comma between fields)"
    )


@contextlib.contextmanager
def quiet_bibtexparser() -> Iterator[None]:
    """Silence bibtexparser, which logs each block it fails on: callers report those once,
    with the file and line."""
    logger = logging.getLogger("bibtexparser")
    previous = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(previous)
