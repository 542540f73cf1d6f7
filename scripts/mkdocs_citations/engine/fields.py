"""A record's fields read for a reference, whatever the style: decoded text, title case, dates,
pages, editions, who is responsible and the identifiers. The styles (``ama``, ``vancouver``)
arrange these pieces; what differs between them is there, what they share is here.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from mkdocs_citations.engine.biblatex import clean_doi
from mkdocs_citations.engine.bibliography import Record
from mkdocs_citations.engine.latex import to_unicode
from mkdocs_citations.engine.months import MONTHS
from mkdocs_citations.engine.parts import Part
from mkdocs_citations.engine.textcase import sentence_case, title_case

# The languages whose titles take English case rules; biblatex, too, changes the case of
# English titles only (its langid, or the older language/hyphenation fields).
_ENGLISH = frozenset(
    {"english", "american", "british", "usenglish", "ukenglish", "canadian", "australian"}
    | {"newzealand", "en", "en-us", "en-gb", "eng"}
)


def english(record: Record) -> bool:
    """Whether the work is in English, or its language is not given."""
    fields = record.fields
    if "langid" not in fields and "language" not in fields and "hyphenation" not in fields:
        return True  # most entries: one look at the keys (thousands of titles a build)
    language = record.get("langid") or record.get("language") or record.get("hyphenation")
    return not language or language.strip().lower() in _ENGLISH


def sentence_title(record: Record, name: str = "title") -> str:
    """An article or chapter title in sentence case; a non-English one as written."""
    value = record.get(name)
    return sentence_case(value) if english(record) else to_unicode(value)


def headline_title(record: Record, name: str = "title") -> str:
    """A book, report or thesis title in title case; a non-English one as written."""
    value = record.get(name)
    return title_case(value) if english(record) else to_unicode(value)


def text(record: Record, name: str) -> str:
    """A field's value as Unicode text ("" when absent)."""
    value = record.get(name)
    return to_unicode(value) if value else ""


def end(value: str) -> str:
    """Close a segment with a period unless it already ends in one, '?' or '!'; a missing
    segment ("") stays missing, so that no reference reads ". ."."""
    value = value.rstrip()
    return value if not value or value.endswith((".", "?", "!")) else value + "."


_DASHES = re.compile(r"\s*(?:--|–|—|-)+\s*")


def pages(record: Record) -> str:
    """Page ranges with a hyphen, as both AMA and NLM write them."""
    return _DASHES.sub("-", text(record, "pages"))


def safe_url(url: str) -> str:
    return url if re.match(r"https?://", url) else ""


def year(record: Record) -> str:
    """The year, or "2017-2018" for a range (biblatex's date = {2017/2018})."""
    first = text(record, "year")
    last = record.fields.get("endyear")
    return f"{first}-{last}" if first and last else first


_MONTH_INDEX = {name.lower()[:3]: number for number, name in enumerate(MONTHS, 1)}


def month_number(value: str) -> int | None:
    """1-12 from "6", "06", "jun", "June" (as BibTeX, biblatex and the exporters write it)."""
    value = value.strip().rstrip(".").lower()
    if value.isdigit():
        number = int(value)
        return number if 1 <= number <= 12 else None
    return _MONTH_INDEX.get(value[:3]) if len(value) >= 3 else None


def iso_date(value: str) -> tuple[str, int | None, str]:
    """(year, month 1-12 or None, day) of an ISO date such as an urldate, or ("", None, "")."""
    match = re.match(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value or "")
    if not match:
        return "", None, ""
    month = int(match.group(2)) if match.group(2) else None
    return match.group(1), month, str(int(match.group(3))) if match.group(3) else ""


def ordinal(edition: str) -> str:
    """'5' → '5th', '2' → '2nd'; words ('Revised') are kept as written."""
    if not edition.isdigit():
        return edition
    number = int(edition)
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def responsible(record: Record) -> tuple[str, str]:
    """(field, value) of who is responsible for the work, persons first: the author, else a
    corporate author (biblatex's ``organization`` or ``institution``), else ("", "")."""
    value = record.get("author")
    if value:
        return "author", value
    for name in ("organization", "institution"):
        value = record.get(name)
        if value:
            return name, value
    return "", ""


def responsible_parts(record: Record, names: Callable[[str], str]) -> list[Part]:
    """The reference's lead: the persons as ``names`` lists them, else the corporate author."""
    field, value = responsible(record)
    if field == "author":
        return [Part(end(names(value)) + " ")]
    if field:
        return [Part(end(to_unicode(value)) + " ")]
    return []


def site_name(record: Record) -> str:
    """A web page's site: how it was published or by whom, unless that body is its author."""
    site = text(record, "howpublished") or text(record, "publisher")
    if not site and responsible(record)[0] != "organization":
        site = text(record, "organization")
    return site


def generic_publisher(record: Record) -> str:
    """Who issued a work of no known type, unless that institution is its author."""
    publisher = text(record, "publisher") or text(record, "school")
    if not publisher and responsible(record)[0] != "institution":
        publisher = text(record, "institution")
    return publisher


def doi(record: Record) -> str:
    value = record.get("doi")
    return value if not value or value.startswith("10.") else clean_doi(value)


# Which form of reference each entry type takes, in every style: a style writes one formatter
# per kind (its ``FORMATTERS``), and any other type takes the style's generic form.
KINDS = {
    "article": "article",
    **dict.fromkeys(
        ("book", "mvbook", "collection", "mvcollection", "proceedings", "mvproceedings", "manual"),
        "book",
    ),
    **dict.fromkeys(
        ("incollection", "inbook", "bookinbook", "inproceedings", "conference"), "chapter"
    ),
    **dict.fromkeys(("thesis", "phdthesis", "mastersthesis"), "thesis"),
    **dict.fromkeys(("report", "techreport"), "report"),
    **dict.fromkeys(("misc", "online", "electronic", "www", "webpage"), "web"),
}


def kind(record: Record) -> str:
    """The record's form of reference (``KINDS``), "generic" for any other entry type."""
    return KINDS.get(record.entry_type, "generic")
