"""A ``.bib`` file → validated records.

bibtexparser 2 defines the parsing, with only its cheap default middlewares (string references and
enclosing braces); LaTeX decoding is left to ``latex`` and done lazily, for the fields that a page
actually renders, because decoding every field of a large file costs seconds.

bibtexparser's splitter takes about a second for a few thousand entries, every build. A file in
the plain form that ``references.py format`` writes (``@type{key,`` then ``name = {value}`` or
``name = 123`` fields, comments between entries) is read by ``_read_plain`` instead, with the same
result in a tenth of the time; anything else in the file (``@string``, quotes, a concatenation, a
syntax error, a duplicate…) sends the whole file to bibtexparser, whose messages are the reference.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import bibtexparser
from bibtexparser import model
from bibtexparser.middlewares import RemoveEnclosingMiddleware

from ketamine_site.citations.problems import BibliographyError, Problem

# Fields an entry type cannot be formatted without. A tuple inside means "one of these".
REQUIRED_FIELDS: dict[str, tuple[str | tuple[str, ...], ...]] = {
    "article": ("author", "title", "journal", "year"),
    "book": (("author", "editor"), "title", "publisher", "year"),
    "incollection": ("author", "title", "booktitle", "publisher", "year"),
    "inbook": (("author", "editor"), "title", "publisher", "year"),
    "misc": ("title", ("url", "howpublished")),
    "online": ("title", "url"),
}

DOI_PATTERN = re.compile(r"10\.\d{4,9}/\S+")
PMID_PATTERN = re.compile(r"[1-9]\d{0,8}")
PMCID_PATTERN = re.compile(r"PMC\d{1,9}")
YEAR_PATTERN = re.compile(r"\d{4}[a-z]?")

FORMAT_HINTS = {
    "doi": "a DOI looks like 10.1234/abc (no https://doi.org/ prefix)",
    "pmid": "a PMID is digits only, e.g. 20724638",
    "pmcid": "a PMCID looks like PMC3116441",
    "year": "a year is four digits; more text after it often means a missing comma",
}
# A missing comma between fields: bibtexparser reads `volume = {329}\n  number = {5994},` as one
# field, volume, whose value is "{329}\n  number = {5994}": not one braced value, and a line in it
# starts like a field ("number =") outside any braces. Inside one pair of braces such a line is
# prose ("{Fine\n  n = 12 patients}"), or a brace left open, which is reported as such.
MISSING_COMMA = "missing comma after field"  # how the message starts, for tools that sort them
SWALLOWED_FIELD = re.compile(r"\n[ \t]*([A-Za-z][\w\-:.+]*)[ \t]*=")
_BRACE_OR_QUOTE = re.compile(r'(?<!\\)[{}"]')

FORMAT_PATTERNS = {
    "doi": DOI_PATTERN,
    "pmid": PMID_PATTERN,
    "pmcid": PMCID_PATTERN,
    "year": YEAR_PATTERN,
}


@dataclass(frozen=True)
class Record:
    """One bibliography entry: its key, type, raw (LaTeX) field values and where it stands."""

    key: str
    entry_type: str
    fields: Mapping[str, str]
    line: int  # 1-based line of the entry's first line in its file
    # 1-based line of each field's "=", for messages about one field
    field_lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)
    # Fields written as one {...} or "..." whose enclosing was removed (a whole value, then).
    # A tuple, as the garbage collector stops walking a tuple of strings (a frozenset it walks).
    enclosed: tuple[str, ...] = field(default=(), compare=False, repr=False)

    def get(self, name: str) -> str:
        return self.fields.get(name, "").strip()


@dataclass
class Bibliography:
    """All records of one file, by key, in file order."""

    path: str
    records: dict[str, Record] = field(default_factory=dict)

    def __contains__(self, key: object) -> bool:
        return key in self.records

    def __getitem__(self, key: str) -> Record:
        return self.records[key]

    def __iter__(self) -> Iterator[Record]:
        return iter(self.records.values())

    def __len__(self) -> int:
        return len(self.records)

    def keys(self) -> list[str]:
        return list(self.records)


def load_bibliography(path: str | Path, name: str | None = None) -> Bibliography:
    """Read and validate a ``.bib`` file; raise ``BibliographyError`` naming every bad entry.

    ``name`` is how messages refer to the file (default: the path as given).
    """
    path = Path(path)
    name = name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BibliographyError(
            [Problem("error", "bibliography file not found: create it or fix the path", name)]
        ) from None
    except UnicodeDecodeError as exc:
        raise BibliographyError(
            [Problem("error", f"not valid UTF-8 ({exc.reason}): save the file as UTF-8", name)]
        ) from None
    return parse_bibliography(text, name)


def parse_bibliography(text: str, filename: str = "references.bib") -> Bibliography:
    """Parse BibTeX text; raise ``BibliographyError`` if any entry is unusable."""
    records = _read_plain(text)
    problems: list[Problem] = []
    if records is None:
        records = _read_with_bibtexparser(text, filename, problems)
    bib = Bibliography(filename)
    for record in records:
        problems.extend(validate_record(record, filename))
        bib.records[record.key] = record
    if problems:
        raise BibliographyError(sorted(problems, key=lambda p: p.line or 0))
    return bib


def _read_with_bibtexparser(text: str, filename: str, problems: list[Problem]) -> list[Record]:
    """Records of every entry bibtexparser could read; what it could not goes to ``problems``."""
    with quiet_bibtexparser():
        library = bibtexparser.parse_string(text)
    records = []
    for block in library.blocks:
        line = block.start_line + 1
        if isinstance(block, model.DuplicateBlockKeyBlock):
            first = block.previous_block.start_line + 1
            problems.append(
                _error(
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
                _error(
                    filename,
                    line,
                    f"entry '{entry.key}' has the field {names} more than once: keep one",
                )
            )
        elif isinstance(block, model.ParsingFailedBlock):
            problems.append(_error(filename, line, _explain_failure(block)))
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


# The plain form, piece by piece. Each pattern matches at a given position; a piece that does not
# match means "not the plain form", never an error: bibtexparser then reads the file.
_ENTRY_HEAD = re.compile(r"@(\w+)[ \t]*\{[ \t\r\n]*([^\s,{}()\"'=@#%~\\]+)[ \t\r\n]*,")
_NAME = r"\s*([A-Za-z][\w\-:.+]*)[ \t]*=[ \t\r\n]*"
# Braces nested up to three deep; possessive, so a value that does not match fails at once.
_NESTED = r"(?:[^{}]++|\{(?:[^{}]++|\{[^{}]*+\})*+\})*+"
# One whole field, with what follows its value: the common case in one match.
_FIELD = re.compile(_NAME + r"(?:\{(" + _NESTED + r")\}|(\d+))\s*([,}])")
_FIELD_NAME = re.compile(_NAME)
_NUMBER = re.compile(r"\d+")
_AFTER_VALUE = re.compile(r"\s*([,}])")
_ENTRY_END = re.compile(r"\s*\}")
_BRACE = re.compile(r"[{}]")
_SPECIAL_BLOCKS = ("comment", "string", "preamble")
_ENCLOSING = RemoveEnclosingMiddleware.metadata_key()


def _read_plain(text: str) -> list[Record] | None:
    """The records of a file in the plain form, as bibtexparser reads them; else ``None``.

    Plain: every ``@`` starts an ``@type{key,`` entry (not ``@string``, ``@comment`` or
    ``@preamble``); each field is ``name = {value}`` with balanced braces or ``name = 123``;
    fields are separated by commas; no key or field name (in any case) is repeated; no escaped
    brace, backslash at a line end, ``@`` inside an entry or quote-delimited value. Text between
    entries is ignored, as bibtexparser ignores it.
    """
    if "\\{" in text or "\\}" in text or "\\\n" in text:
        return None  # an escaped brace or line end: bibtexparser's own rules apply
    records: list[Record] = []
    keys: set[str] = set()
    line = 1  # the line of text[counted_to]
    counted_to = 0
    field_match = _FIELD.match
    position = text.find("@")
    while position >= 0:
        head = _ENTRY_HEAD.match(text, position)
        if head is None or head.group(1).lower() in _SPECIAL_BLOCKS or head.group(2) in keys:
            return None
        line += text.count("\n", counted_to, position)
        counted_to = position
        entry_line = line
        fields: dict[str, str] = {}
        field_lines: dict[str, int] = {}
        braced: list[str] = []
        at = head.end()
        while True:
            match = field_match(text, at)
            if match is None and (end := _ENTRY_END.match(text, at)) is not None:
                at = end.end()  # the entry's closing brace, after a trailing comma
                break
            if match is not None:
                name, value, number, closer = match.groups()
                name_at, at = match.start(1), match.end()
                if value is None:
                    value = number
                else:
                    braced.append(name.lower())
            else:
                read = _read_field(text, at)
                if read is None:
                    return None
                name, value, closer, name_at, at = read
                braced.append(name.lower())
            key = name.lower()
            if key in fields:
                return None
            fields[key] = value
            line += text.count("\n", counted_to, name_at)
            counted_to = name_at
            field_lines[key] = line
            if closer == "}":
                break
        if text.find("@", head.end(), at) >= 0:
            return None  # bibtexparser may read an "@" inside an entry as a new block
        keys.add(head.group(2))
        records.append(
            Record(
                head.group(2),
                head.group(1).lower(),
                fields,
                entry_line,
                field_lines,
                tuple(braced),
            )
        )
        position = text.find("@", at)
    return records


def _read_field(text: str, at: int) -> tuple[str, str, str, int, int] | None:
    """(name, value, "," or "}" after it, name start, field end) of a field whose braces nest
    deeper than ``_FIELD`` reads; ``None`` if it is not plain."""
    name = _FIELD_NAME.match(text, at)
    if name is None or not text.startswith("{", name.end()):
        return None
    close = _closing_brace(text, name.end())
    if close < 0:
        return None
    after = _AFTER_VALUE.match(text, close + 1)
    if after is None:
        return None
    value = text[name.end() + 1 : close]
    return name.group(1), value, after.group(1), name.start(1), after.end()


def _closing_brace(text: str, start: int) -> int:
    """Index of the brace closing the one at ``start``, or -1 if it is never closed."""
    depth = 0
    for match in _BRACE.finditer(text, start):
        if match.group(0) == "{":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return match.start()
    return -1


def validate_record(record: Record, filename: str) -> list[Problem]:
    """Missing commas, required fields for the entry's type and well-formed identifiers.

    A field that swallowed the next ones through a missing comma is reported alone: the fields
    it swallowed count as present, and its own value is not checked for its format.
    """
    problems = []
    merged: set[str] = set()  # fields whose value ran on into others
    swallowed: set[str] = set()  # the fields they ran on into
    for name, value in record.fields.items():
        if name in record.enclosed:
            continue  # a value inside one pair of braces or quotes cannot run into the next
        names = [
            match.group(1).lower()
            for match in SWALLOWED_FIELD.finditer(value)
            if _top_level(value, match.start())
        ]
        if names:
            merged.add(name)
            swallowed.update(names)
            problems.append(
                _error(
                    filename,
                    record.field_lines.get(name, record.line),
                    f"entry '{record.key}': {MISSING_COMMA} '{name}'? Its value "
                    f"runs on into '{names[0]} =' on the next line: end the "
                    f"{name} line with a comma",
                )
            )
    for required in REQUIRED_FIELDS.get(record.entry_type, ("title",)):
        options = required if isinstance(required, tuple) else (required,)
        if not any(record.get(name) or name in swallowed for name in options):
            wanted = " or ".join(options)
            problems.append(
                _error(
                    filename,
                    record.line,
                    f"@{record.entry_type}{{{record.key}}} lacks the required field {wanted}: "
                    f"add it from the public record (PubMed, the publisher)",
                )
            )
    for name, pattern in FORMAT_PATTERNS.items():
        value = record.get(name)
        if value and name not in merged and not pattern.fullmatch(value):
            problems.append(
                _error(
                    filename,
                    record.line,
                    f"entry '{record.key}' has a malformed {name} '{value}': {FORMAT_HINTS[name]}",
                )
            )
    return problems


def _top_level(text: str, end: int) -> bool:
    """Whether ``text[end]`` stands outside any braces and quotes of the value."""
    depth = 0
    quoted = False
    for match in _BRACE_OR_QUOTE.finditer(text, 0, end):
        char = match.group(0)
        if char == '"' and depth == 0:
            quoted = not quoted
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
    return depth <= 0 and not quoted


def _as_text(value: object) -> str:
    # After bibtexparser's default middlewares a value is a string; anything else is stringified.
    return value if isinstance(value, str) else str(value)


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


def _error(filename: str, line: int, message: str) -> Problem:
    return Problem("error", message, filename, line)
