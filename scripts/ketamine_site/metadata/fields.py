"""One bibliography record → the plain Unicode fields that every metadata format is made from.

The record keeps BibTeX's LaTeX (``{\\"o}``, ``--``, ``{NMDA}``); machines reading a page's
metadata or an RIS file want text. Only fields present in the record are returned: nothing is
inferred (no DOI from a URL, no month from nowhere).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from mkdocs_citations.engine import identifiers, names
from mkdocs_citations.engine.bibliography import Record
from mkdocs_citations.engine.latex import to_unicode

_T = TypeVar("_T")
_memos: list[dict] = []


def per_record(function: Callable[[Record], _T]) -> Callable[[Record], _T]:
    """``function`` computed once per record (by identity), whichever page or download asks:
    every page that cites a source, and both downloads, describe it alike. ``clear`` empties
    the memos (each build, as the records are a new bibliography's)."""
    memo: dict[int, tuple[Record, _T]] = {}  # id → (the record, kept so its id stays its own)
    _memos.append(memo)

    @wraps(function)
    def memoized(record: Record) -> _T:
        found = memo.get(id(record))
        if found is None:
            found = memo[id(record)] = (record, function(record))
        return found[1]

    return memoized


def clear() -> None:
    """Forget every record's memoized values (a new build)."""
    for memo in _memos:
        memo.clear()


# A BibTeX name list → decoded people in order, as the citation engine reads them: each name is
# parsed once per bibliography, for the references and the metadata alike.
people = names.people


def text(record: Record, name: str) -> str:
    """A field decoded to Unicode, or "" if the record lacks it."""
    value = record.get(name)
    return to_unicode(value) if value else ""


_RANGE = re.compile(r"\s*[-–—]+\s*")


def page_range(record: Record) -> tuple[str, str]:
    """(first page, last page) of ``pages``; the last is "" for a single page or none."""
    pages = text(record, "pages")
    if not pages:
        return "", ""
    first, _, last = _RANGE.sub("-", pages).partition("-")
    return first.strip(), last.strip()


def year(record: Record) -> str:
    """The four digits of ``year`` (``2019a`` → ``2019``), or ""."""
    match = re.match(r"\d{4}", record.get("year"))
    return match.group() if match else ""


def doi_url(record: Record) -> str:
    doi = record.get("doi")  # bare already: citations.identifiers read it
    return identifiers.doi_url(doi) if doi else ""


def pubmed_url(record: Record) -> str:
    pmid = record.get("pmid")
    return identifiers.pubmed_url(pmid) if pmid else ""


def container(record: Record) -> str:
    """Where the work appeared: the journal, the book (or the conference, biblatex's
    eventtitle), or for a web page the site's name."""
    for name in ("journal", "booktitle", "eventtitle", "howpublished"):
        if value := text(record, name):
            return value
    return ""
