"""A ``.bib`` file → records, with what is wrong in them as problems.

bibtexparser 2 defines the parsing (``bibtexreader``); LaTeX decoding is left to ``latex`` and
done lazily, for the fields that a page actually renders, because decoding every field of a
large file costs seconds. biblatex's fields, ``crossref`` and ``xdata`` are read by ``biblatex``.

Only what stops the file from being read as written is fatal (``BibliographyError``): an entry
that cannot be parsed, a duplicate key or field, a missing comma. An entry that lacks a field
or has a malformed one is a ``warning`` in ``Bibliography.problems``: it renders with what it has,
and the adapter reports it (a warning when a page cites the entry, so ``--strict`` fails).

bibtexparser's splitter takes about a second for a few thousand entries, every build. A file in
the plain form that ``references.py format`` writes (``@type{key,`` then ``name = {value}`` or
``name = 123`` fields, comments between entries) is read by ``_read_plain`` instead, with the same
result in a tenth of the time; anything else in the file (``@string``, quotes, a concatenation, a
syntax error, a duplicate…) sends the whole file to bibtexparser (``bibtexreader``), whose
messages are the reference.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs_citations.engine import biblatex, identifiers, nameforms
from mkdocs_citations.engine.problems import (
    MISSING_COMMA,
    BibliographyError,
    Problem,
    file_error,
)
from mkdocs_citations.engine.record import Record

# Fields an entry type cannot be formatted without, after ``biblatex.normalise`` (so ``journal``
# is also met by ``journaltitle``, ``year`` by ``date``). A tuple inside means "one of these".
_AUTHOR = ("author", "organization", "institution")
_BOOK = (("author", "editor"), "title", "publisher", "year")
_PART = ("author", "title", "booktitle", "year")
_THESIS = ("author", "title", "institution", "year")
_WEB = ("title", ("url", "eprint", "doi"))
REQUIRED_FIELDS: dict[str, tuple[str | tuple[str, ...], ...]] = {
    "article": ("author", "title", "journal", "year"),
    "book": _BOOK,
    "mvbook": _BOOK,
    "collection": ("editor", "title", "year"),
    "mvcollection": ("editor", "title", "year"),
    "proceedings": ("title", "year"),
    "incollection": (*_PART, "publisher"),
    "inbook": (("author", "editor"), "title", "publisher", "year"),
    "bookinbook": _PART,
    "inproceedings": _PART,
    "conference": _PART,
    "thesis": _THESIS,
    "phdthesis": _THESIS,
    "mastersthesis": _THESIS,
    "report": (_AUTHOR, "title", "institution", "year"),
    "techreport": (_AUTHOR, "title", "institution", "year"),
    "misc": ("title", ("url", "howpublished")),
    "online": _WEB,
    "electronic": _WEB,
    "www": _WEB,
    "webpage": _WEB,
    "set": ("entryset",),
}
# Types that hold fields for other entries to take, never a reference of their own.
DATA_ONLY = frozenset({"xdata"})

YEAR_PATTERN = re.compile(r"\d{4}[a-z]?")

# DOI, PMID and PMCID are not here: ``identifiers.normalise`` reads them once, while the records
# are resolved, and a value it cannot read is left out with its own warning.
FORMAT_HINTS = {
    "year": "a year is four digits; more text after it often means a missing comma",
    "date": "a date is ISO 8601: 2018, 2018-06, 2018-06-05, or a range such as 2017/2018",
}
# A missing comma between fields: bibtexparser reads `volume = {329}\n  number = {5994},` as one
# field, volume, whose value is "{329}\n  number = {5994}": not one braced value, and a line in it
# starts like a field ("number =") outside any braces. Inside one pair of braces such a line is
# prose ("{Fine\n  n = 12 patients}"), or a brace left open, which is reported as such.
SWALLOWED_FIELD = re.compile(r"\n[ \t]*([A-Za-z][\w\-:.+]*)[ \t]*=")
_BRACE_OR_QUOTE = re.compile(r'(?<!\\)[{}"]')

FORMAT_PATTERNS = {
    "year": YEAR_PATTERN,
    "date": biblatex.DATE_PATTERN,
}


@dataclass
class Bibliography:
    """All records of one file, by key, in file order, and what is wrong in them."""

    path: str
    records: dict[str, Record] = field(default_factory=dict)
    # Entries that render with what they have: warnings, each naming its entry's key.
    problems: list[Problem] = field(default_factory=list)

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
    """Parse BibTeX or biblatex text; raise ``BibliographyError`` if the file cannot be read
    as written. Entries lacking fields are kept, their problems in ``Bibliography.problems``."""
    records = _read_plain(text)
    problems: list[Problem] = []
    if records is None:
        # Imported only here: a file in the plain form never needs bibtexparser (see there).
        from mkdocs_citations.engine import bibtexreader

        records = bibtexreader.read(text, filename, problems)
    bib = Bibliography(filename)
    records = _resolved(records, filename, problems)
    for record in records:
        problems.extend(validate_record(record, filename))
        bib.records[record.key] = record
    problems.sort(key=lambda p: p.line or 0)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        others = [p for p in problems if p.severity != "error"]
        raise BibliographyError(errors, others)  # the message names only what stops the build
    bib.problems = problems
    return bib


def _resolved(records: list[Record], filename: str, problems: list[Problem]) -> list[Record]:
    """Records with their crossref and xdata fields, and biblatex's fields read (see
    ``biblatex``); @xdata entries themselves are dropped: they are not references."""
    by_key = {record.key: record for record in records}
    out = []
    for record in records:
        if record.entry_type in DATA_ONLY:
            continue
        fields = record.fields
        if "crossref" in fields or "xdata" in fields:
            fields = _inherit(record, by_key, filename, problems)
        normalised = biblatex.normalise(fields)
        if normalised is not None:
            fields = normalised
        # Identifiers once, here: every output then reads the same bare DOI, or none.
        bare, unreadable = identifiers.normalise(
            record.key, fields, record.field_lines, record.line, filename
        )
        if bare is not None:
            fields = bare
            problems.extend(unreadable)
        if fields is not record.fields:
            record = Record(
                record.key,
                record.entry_type,
                fields,
                record.line,
                record.field_lines,
                record.enclosed,
            )
        out.append(record)
    return out


def _inherit(
    record: Record, by_key: dict[str, Record], filename: str, problems: list[Problem]
) -> dict[str, str]:
    """The record's fields with those of its xdata entries, then its crossref's (which has
    its own xdata and crossref resolved first); a missing parent or a cycle is a warning."""
    fields = dict(record.fields)
    seen = {record.key}
    current = record
    while True:
        for name in (n.strip() for n in current.fields.get("xdata", "").split(",") if n.strip()):
            parent = by_key.get(name)
            if parent is None or name in seen:
                problems.append(_missing_parent(record, current, "xdata", name, filename))
                continue
            for key, value in parent.fields.items():
                fields.setdefault(key, value)
        parent_key = current.fields.get("crossref", "").strip()
        if not parent_key:
            return fields
        parent = by_key.get(parent_key)
        if parent is None or parent_key in seen:
            problems.append(_missing_parent(record, current, "crossref", parent_key, filename))
            return fields
        seen.add(parent_key)
        fields.update(
            biblatex.inherited(record.entry_type, fields, parent.entry_type, parent.fields)
        )
        current = parent


def _missing_parent(
    record: Record, current: Record, name: str, parent: str, filename: str
) -> Problem:
    what = "names itself through a cycle" if parent in (record.key, current.key) else "is missing"
    return Problem(
        "warning",
        f"entry '{current.key}' takes fields from {name} '{parent}', which {what}: add an "
        f"entry with that key, or correct the {name} field",
        filename,
        current.field_lines.get(name, current.line),
        key=record.key,
    )


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
                file_error(
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
            wanted = " or ".join(_BIBLATEX_NAMES.get(name, name) for name in options)
            problems.append(
                _warning(
                    record,
                    filename,
                    f"@{record.entry_type}{{{record.key}}} lacks the required field {wanted}: "
                    f"add it from the public record (PubMed, the publisher)",
                )
            )
    for name, pattern in FORMAT_PATTERNS.items():
        value = record.get(name)
        if value and name not in merged and not pattern.fullmatch(value):
            if name == "year" and "year" not in record.field_lines:
                continue  # read from the date, which is checked itself
            problems.append(
                _warning(
                    record,
                    filename,
                    f"entry '{record.key}' has a malformed {name} '{value}': {FORMAT_HINTS[name]}",
                )
            )
    problems.extend(_unreadable_names(record, filename))
    return problems


def _unreadable_names(record: Record, filename: str) -> list[Problem]:
    """A warning for each author or editor list that cannot be read cleanly (nameforms)."""
    found = []
    for name in ("author", "editor"):
        value = record.get(name)
        why = nameforms.unreadable(value) if value else ""
        if why:
            message = f"entry '{record.key}': the {name} list '{value}' cannot be read cleanly"
            found.append(_warning(record, filename, f"{message}: {why}", name))
    return found


# How a missing field is named: both spellings, so a biblatex user is not sent to BibTeX's.
_BIBLATEX_NAMES = {"journal": "journal (or journaltitle)", "year": "year (or date)"}


def _warning(record: Record, filename: str, message: str, field_name: str = "") -> Problem:
    """A warning about ``record``, at the line of its field ``field_name`` if given."""
    line = record.field_lines.get(field_name, record.line) if field_name else record.line
    return Problem("warning", message, filename, line, key=record.key)


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
