"""One bibliography record → the plain Unicode fields that every metadata format is made from.

The record keeps BibTeX's LaTeX (``{\\"o}``, ``--``, ``{NMDA}``); machines reading a page's
metadata or an RIS file want text. ``source(record)`` decodes a record once per build into a
``Source``, and the Highwire tags, the JSON-LD and the RIS file are all written from it. Only
fields present in the record are there: nothing is inferred (no DOI from a URL, no month from
nowhere).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps
from typing import NamedTuple, TypeVar

from mkdocs_citations.engine import fields as engine_fields
from mkdocs_citations.engine import identifiers, names
from mkdocs_citations.engine.bibliography import Record
from mkdocs_citations.engine.names import Person

_T = TypeVar("_T")
_memos: list[dict] = []
# Every record a memo has seen, by id: kept alive here so that its id stays its own until
# ``clear``. The memos themselves then map ints to values. A memo of strings (each format's text)
# is a dict the garbage collector never walks; only ``source``'s memo, one ``Source`` a record,
# and this dict are walked. A build holds thousands of these values.
_kept: dict[int, Record] = {}
_MISSING = object()


def per_record(function: Callable[[Record], _T]) -> Callable[[Record], _T]:
    """``function`` computed once per record (by identity), whichever page or download asks:
    every page that cites a source, and both downloads, describe it alike. ``clear`` empties
    the memos (each build, as the records are a new bibliography's)."""
    memo: dict[int, _T] = {}
    _memos.append(memo)

    @wraps(function)
    def memoized(record: Record) -> _T:
        value = memo.get(id(record), _MISSING)
        if value is _MISSING:
            _kept[id(record)] = record
            value = memo[id(record)] = function(record)
        return value

    return memoized


def clear() -> None:
    """Forget every record's memoized values (a new build)."""
    for memo in _memos:
        memo.clear()
    _kept.clear()


# A BibTeX name list → decoded people in order, as the citation engine reads them: each name is
# parsed once per bibliography, for the references and the metadata alike.
people = names.people


# A field decoded to Unicode ("" if the record lacks it), as the references read it.
text = engine_fields.text


def page_range(record: Record) -> tuple[str, str]:
    """(first page, last page) of ``pages``; the last is "" for a single page or none."""
    first, _, last = engine_fields.pages(record).partition("-")  # the references' page range
    return first, last


_YEAR = re.compile(r"\d{4}")


def year(record: Record) -> str:
    """The four digits of ``year`` (``2019a`` → ``2019``), or ""."""
    match = _YEAR.match(record.get("year"))
    return match.group() if match else ""


def doi_url(record: Record) -> str:
    doi = record.get("doi")  # bare already: engine.identifiers made it so
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


class Source(NamedTuple):
    """One cited work as the metadata formats describe it: decoded text, "" where absent."""

    entry_type: str
    title: str
    authors: tuple[Person, ...]
    editors: tuple[Person, ...]
    journal: str
    shortjournal: str
    book: str  # booktitle, or biblatex's eventtitle
    container: str  # see ``container``
    publisher: str
    address: str
    edition: str
    year: str
    volume: str
    number: str
    first_page: str
    last_page: str
    issn: str  # the ISSN, or else the ISBN
    # the identifiers and the URL, as the record holds them (made bare by engine.identifiers)
    doi: str
    pmid: str
    pmcid: str
    url: str


@per_record
def source(record: Record) -> Source:
    """The record read once per build, for every format that describes it."""
    first, last = page_range(record)
    return Source(
        entry_type=record.entry_type,
        title=text(record, "title"),
        authors=people(record.get("author")),
        editors=people(record.get("editor")),
        journal=text(record, "journal"),
        shortjournal=text(record, "shortjournal"),
        book=text(record, "booktitle") or text(record, "eventtitle"),
        container=container(record),
        publisher=text(record, "publisher"),
        address=text(record, "address"),
        edition=text(record, "edition"),
        year=year(record),
        volume=text(record, "volume"),
        number=text(record, "number"),
        first_page=first,
        last_page=last,
        issn=record.get("issn") or record.get("isbn"),
        doi=record.get("doi"),
        pmid=record.get("pmid"),
        pmcid=record.get("pmcid"),
        url=record.get("url"),
    )
