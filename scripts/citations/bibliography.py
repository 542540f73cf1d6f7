"""A ``.bib`` file → validated records.

bibtexparser 2 does the parsing, with only its cheap default middlewares (string references and
enclosing braces); LaTeX decoding is left to ``latex`` and done lazily, for the fields that a page
actually renders, because decoding every field of a large file costs seconds.
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

from citations.problems import BibliographyError, Problem

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
    # bibtexparser logs each failed block itself; we report them once, with file and line.
    with _quiet(logging.getLogger("bibtexparser")):
        library = bibtexparser.parse_string(text)
    bib = Bibliography(filename)
    problems: list[Problem] = []
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
            record = Record(
                key=block.key,
                entry_type=block.entry_type.lower(),
                fields={f.key.lower(): _as_text(f.value) for f in block.fields},
                line=line,
            )
            problems.extend(validate_record(record, filename))
            bib.records[record.key] = record
    if problems:
        raise BibliographyError(problems)
    return bib


def validate_record(record: Record, filename: str) -> list[Problem]:
    """Required fields for the entry's type and well-formed identifiers."""
    problems = []
    for required in REQUIRED_FIELDS.get(record.entry_type, ("title",)):
        options = required if isinstance(required, tuple) else (required,)
        if not any(record.get(name) for name in options):
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
        if value and not pattern.fullmatch(value):
            problems.append(
                _error(
                    filename,
                    record.line,
                    f"entry '{record.key}' has a malformed {name} '{value}': {FORMAT_HINTS[name]}",
                )
            )
    return problems


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
def _quiet(logger: logging.Logger) -> Iterator[None]:
    previous = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(previous)


def _error(filename: str, line: int, message: str) -> Problem:
    return Problem("error", message, filename, line)
