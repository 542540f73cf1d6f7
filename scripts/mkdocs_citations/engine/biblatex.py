"""What people export (biblatex, Zotero, Better BibTeX, JabRef, doi.org) → the fields styles read.

The styles read one vocabulary: ``journal``, ``year``/``month``/``day``, ``pmid``/``pmcid``/
``arxiv``, ``address``, ``institution``. biblatex and the exporters write the same facts other
ways (``journaltitle``, ``date = {2018-06-05}``, ``eprint`` + ``eprinttype = {pmid}``,
``location``, ``school``); ``normalise`` adds the vocabulary's field beside the written one,
never overwriting a field that is there. ``inherit`` gives entries the fields of the ``crossref``
and ``xdata`` entries they name, as biber does.

bibtexparser 2 resolves ``@string`` references (its default middleware) and, through
``MonthIntMiddleware``, month macros; it has no crossref or xdata middleware (a TODO in its
``interpolate.py``), so those are here (a ``#`` concatenation, which it keeps as raw text, is
joined in ``bibtexreader``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# ISO 8601 / EDTF as biblatex takes it: 2018, 2018-06, 2018-06-05, ranges "a/b", open "a/",
# and the EDTF qualifiers ? ~ % (uncertain, approximate), which a reference list drops.
# A time of day, which a reference list drops: 11:20:51, 11:20:51.5, with Z or an offset (-07:00).
_TIME = r"(?:T\d{2}(?::?\d{2}(?::?\d{2}(?:[.,]\d+)?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?"
_DATE = re.compile(r"(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?" + _TIME + r"[?~%]?")
DATE_PATTERN = re.compile(
    r"(?:-?\d{4}(?:-\d{2}(?:-\d{2})?)?" + _TIME + r"[?~%]?|\.\.)?"
    r"(?:/(?:-?\d{4}(?:-\d{2}(?:-\d{2})?)?" + _TIME + r"[?~%]?|\.\.)?)?"
)


class Date(tuple):
    """(year, month, day) as strings, "" where not given; ``end_year`` for a range."""

    __slots__ = ()

    def __new__(cls, year: str, month: str = "", day: str = "", end_year: str = ""):
        return super().__new__(cls, (year, month, day, end_year))

    year = property(lambda self: self[0])
    month = property(lambda self: self[1])
    day = property(lambda self: self[2])
    end_year = property(lambda self: self[3])


def parse_date(value: str) -> Date | None:
    """An ISO 8601 date or range → its parts; ``None`` if it is not one."""
    value = value.strip()
    if not value or not DATE_PATTERN.fullmatch(value):
        return None
    start, _, end = value.partition("/")
    first = _DATE.fullmatch(start) if start and start != ".." else None
    last = _DATE.fullmatch(end) if end and end != ".." else None
    if first is None:
        if last is None:
            return None
        first, last = last, None
    year, month, day = first.group(1), first.group(2) or "", first.group(3) or ""
    end_year = last.group(1) if last is not None and last.group(1) != year else ""
    return Date(year.lstrip("0") or "0", month.lstrip("0"), day.lstrip("0"), end_year)


# biblatex's eprinttype names (and what exporters write) → the field the styles read.
_EPRINT_FIELDS = {
    "pmid": "pmid",
    "pubmed": "pmid",
    "pmcid": "pmcid",
    "pmc": "pmcid",
    "pubmedcentral": "pmcid",
    "arxiv": "arxiv",
    "doi": "doi",
}
# Same fact, other name: (written, read). The first present wins.
_ALIASES = (
    ("journaltitle", "journal"),
    ("location", "address"),
    ("school", "institution"),
    ("archiveprefix", "eprinttype"),  # arXiv's and JabRef's spelling
    ("primaryclass", "eprintclass"),
)
_DOI_PREFIX = re.compile(r"(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_PMC_NUMBER = re.compile(r"(?:PMC)?(\d+)", re.IGNORECASE)


def normalise(fields: Mapping[str, str]) -> dict[str, str] | None:
    """The fields with the styles' vocabulary added; ``None`` when there is nothing to add
    (the common case, kept cheap: a build reads thousands of entries)."""
    if _NEEDS_WORK.isdisjoint(fields):
        return None
    out = dict(fields)
    for written, read in _ALIASES:
        if written in out and read not in out:
            out[read] = out[written]
    for title, subtitle in _SUBTITLES:
        if out.get(subtitle, "").strip() and out.get(title, "").strip():
            # biblatex prints "Title: Subtitle"; the styles read one title.
            out[title] = out[title].rstrip().rstrip(".:") + ": " + out[subtitle].strip()
    if "year" not in out and "date" in out:
        date = parse_date(out["date"])
        if date is not None:
            out["year"] = date.year
            if date.end_year:
                out["endyear"] = date.end_year
            if date.month and "month" not in out:
                out["month"] = date.month
            if date.day and "day" not in out:
                out["day"] = date.day
    eprint = out.get("eprint", "").strip()
    if eprint:
        target = _EPRINT_FIELDS.get(out.get("eprinttype", "").strip().lower())
        if target == "pmcid" and (match := _PMC_NUMBER.fullmatch(eprint)):
            eprint = "PMC" + match.group(1)  # biblatex's pmcid eprints are often the number
        if target and target not in out:
            out[target] = eprint
    return out


def clean_doi(doi: str) -> str:
    """A DOI as exporters may write it (``https://doi.org/…``, ``doi:…``) → the bare DOI."""
    return _DOI_PREFIX.sub("", doi.strip(), count=1)


_SUBTITLES = (("title", "subtitle"), ("booktitle", "booksubtitle"), ("maintitle", "mainsubtitle"))
_NEEDS_WORK = frozenset(
    {"date", "eprint", "subtitle", "booksubtitle", "mainsubtitle"}
    | {written for written, _ in _ALIASES}
)

# biber's default inheritance: what an entry takes from the one its crossref names, under
# another name where the two are parts of one work (a chapter takes its book's title as
# booktitle). Every other field is copied as it is, except these, which belong to the parent.
_NOT_INHERITED = frozenset(
    {
        "ids",
        "crossref",
        "xref",
        "xdata",
        "entryset",
        "entrysubtype",
        "execute",
        "label",
        "options",
        "presort",
        "related",
        "relatedoptions",
        "relatedstring",
        "relatedtype",
        "shorthand",
        "shorthandintro",
        "sortkey",
    }
)
_PARTS = frozenset(
    {"incollection", "inproceedings", "inbook", "bookinbook", "suppbook", "suppcollection"}
)
_AS_PART = {
    "title": "booktitle",
    "subtitle": "booksubtitle",
    "titleaddon": "booktitleaddon",
    "shorttitle": None,
    "sorttitle": None,
    "indextitle": None,
    "indexsorttitle": None,
}
_BOOK_AUTHOR_TYPES = frozenset({"inbook", "bookinbook", "suppbook"})


def inherited(
    entry_type: str, fields: Mapping[str, str], parent_type: str, parent: Mapping[str, str]
) -> dict[str, str]:
    """The fields ``fields`` gains from ``parent`` (its crossref), as biber gives them."""
    gained: dict[str, str] = {}
    part = entry_type in _PARTS
    for name, value in parent.items():
        if name in _NOT_INHERITED:
            continue
        if part and name in _AS_PART:
            target = _AS_PART[name]
            if target is None:
                continue
            name = target
        elif part and name == "author" and entry_type in _BOOK_AUTHOR_TYPES:
            name = "bookauthor"
        if name not in fields and name not in gained:
            gained[name] = value
    if part and parent_type in ("mvbook", "mvcollection", "mvproceedings"):
        gained.pop("booktitle", None)  # a multi-volume title is the maintitle, not the book
    return gained
