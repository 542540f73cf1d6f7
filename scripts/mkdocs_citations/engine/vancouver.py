"""The Vancouver citation style (NLM's Citing Medicine, 2nd ed., as the ICMJE asks for it).

A second numeric style beside AMA, chosen with the plugin's option ``style: vancouver`` in
mkdocs.yml. What differs from AMA: up to six authors before "et al."; nothing in italics;
the place of publication before the publisher; the article date with its month ("2018 Apr");
end pages shortened ("801-11"); a chapter's pages after "p."; web pages marked "[Internet]"
with the date cited. In the text: the numbers in parentheses on the line, before punctuation.
"""

from __future__ import annotations

import re

from mkdocs_citations.engine.ama import container_field, identifiers, thesis_genre
from mkdocs_citations.engine.bibliography import Record
from mkdocs_citations.engine.fields import (
    MONTHS,
    end,
    generic_publisher,
    iso_date,
    kind,
    month_number,
    ordinal,
    pages,
    responsible_parts,
    safe_url,
    sentence_title,
    site_name,
    text,
    year,
)
from mkdocs_citations.engine.latex import to_unicode
from mkdocs_citations.engine.names import format_authors
from mkdocs_citations.engine.parts import Part

MAX_LISTED = 6  # ICMJE: list the first six authors, then "et al."


def _names(value: str) -> str:
    return format_authors(value, MAX_LISTED, MAX_LISTED, "et al.")


def _authors(record: Record) -> list[Part]:
    return responsible_parts(record, _names)


def _editors(record: Record) -> str:
    if not record.get("editor"):
        return ""
    names = _names(record.get("editor"))
    return f"{names}, {'editors' if ',' in names else 'editor'}."


_RANGE = re.compile(r"(\d+)-(\d+)")


def short_pages(record: Record) -> str:
    """NLM drops the end page's leading digits that repeat the start's: 801-811 → 801-11."""

    def shorten(match: re.Match[str]) -> str:
        first, last = match.groups()
        if len(first) != len(last):
            return match.group()
        same = 0
        while same < len(first) - 1 and first[same] == last[same]:
            same += 1
        return f"{first}-{last[same:]}"

    return _RANGE.sub(shorten, pages(record))


def _date(record: Record) -> str:
    """'2018 Apr 5', '2018 Apr' or '2018'."""
    month = month_number(record.get("month"))
    if month is None:
        return year(record)
    day = record.get("day").lstrip("0")
    return f"{year(record)} {MONTHS[month - 1][:3]}" + (f" {day}" if day else "")


def _online(record: Record) -> bool:
    """Read on the Internet: a URL and no DOI (with a DOI, the URL is left out)."""
    return bool(safe_url(record.get("url"))) and not record.get("doi")


def _internet(record: Record) -> str:
    """Citing Medicine's medium after the title of a work read online."""
    return " [Internet]" if _online(record) else ""


def _available(record: Record) -> list[Part]:
    url = safe_url(record.get("url"))
    return [Part(" Available from: "), Part(url, "link", url)] if _online(record) else []


def _place_publisher_year(record: Record, publisher: str) -> str:
    place = text(record, "address")
    who = f"{place}: {publisher}" if place and publisher else publisher or place
    when = year(record) + (_cited(record) if _online(record) else "")
    return end("; ".join(piece.strip() for piece in (who, when) if piece.strip()))


def _edition(record: Record) -> str:
    edition = text(record, "edition")
    return f" {ordinal(edition)} ed." if edition else ""


def _article(record: Record) -> list[Part]:
    journal = text(record, "shortjournal") or text(record, "journal")
    out = _date(record) + (_cited(record) if _online(record) else "")
    volume, number, page_range = text(record, "volume"), text(record, "number"), short_pages(record)
    if volume:
        out += f";{volume}" + (f"({number})" if number else "")
    if page_range:
        out += f":{page_range}"
    if journal:
        journal = end(journal.rstrip(".") + _internet(record) if _online(record) else journal)
    title = end(sentence_title(record))
    return [
        *_authors(record),
        Part(" ".join(piece for piece in (title, journal, end(out.lstrip(";:"))) if piece)),
    ]


def _book(record: Record) -> list[Part]:
    lead = _authors(record) if record.get("author") else []
    if not lead and record.get("editor"):
        lead = [Part(_editors(record) + " ")]
    title = to_unicode(record.get("title"))
    title = end(title.rstrip(".") + _internet(record)) if title else ""
    return [
        *lead,
        Part((title + _edition(record) + " ").lstrip()),
        Part(_place_publisher_year(record, text(record, "publisher"))),
    ]


def _chapter(record: Record) -> list[Part]:
    editors = _editors(record)
    book_field = container_field(record)
    book = to_unicode(record.get(book_field)) if book_field else ""
    book = end(book.rstrip(".") + _internet(record)) if book else ""
    title = sentence_title(record, "chapter" if record.get("chapter") else "title")
    page_range = short_pages(record)
    lead = end(title) + " " if title else ""
    if book or editors:
        lead += "In: " + (editors + " " if editors else "")
    return [
        *_authors(record),
        Part(lead),
        Part((book + _edition(record) + " ").lstrip()),
        Part(_place_publisher_year(record, text(record, "publisher"))),
        Part(f" p. {page_range}." if page_range else ""),
    ]


def _thesis(record: Record) -> list[Part]:
    title = to_unicode(record.get("title")).rstrip(".")
    # Citing Medicine, ch. 23: "[dissertation on the Internet]".
    genre = thesis_genre(record) + (" on the Internet" if _online(record) else "")
    return [
        *_authors(record),
        Part(f"{title} [{genre}]. ".lstrip()),
        Part(_place_publisher_year(record, text(record, "institution"))),
    ]


def _report(record: Record) -> list[Part]:
    publisher = text(record, "institution") or text(record, "publisher")
    number = text(record, "number")
    title = to_unicode(record.get("title"))
    return [
        *_authors(record),
        Part(end(title.rstrip(".") + _internet(record)) + " " if title else ""),
        Part(_place_publisher_year(record, publisher)),
        Part(f" Report {end(number)}" if number else ""),
    ]


def _cited(record: Record) -> str:
    value = record.get("urldate")
    if not value:
        return ""
    found_year, month, day = iso_date(value)
    if not found_year:
        return f" [cited {to_unicode(value)}]"
    when = f" {MONTHS[month - 1][:3]}" + (f" {day}" if day else "") if month else ""
    return f" [cited {found_year}{when}]"


def _web(record: Record) -> list[Part]:
    publisher = site_name(record)
    title = sentence_title(record).rstrip(".")
    place = text(record, "address")
    who = f"{place}: {publisher}" if place and publisher else publisher or place
    date = "; ".join(piece for piece in (who, _date(record) if record.get("year") else "") if piece)
    url = safe_url(record.get("url"))
    parts = [*_authors(record), Part(f"{title}{' [Internet]' if url else ''}. ")]
    if date or record.get("urldate"):
        parts.append(Part(end(date + _cited(record)).lstrip() + " "))
    if url:
        parts += [Part("Available from: "), Part(url, "link", url)]
    return parts


def _generic(record: Record) -> list[Part]:
    publisher = generic_publisher(record)
    title = sentence_title(record)
    parts = [*_authors(record), Part(end(title.rstrip(".") + _internet(record)) + " ")]
    if publisher or record.get("year"):
        parts.append(Part(_place_publisher_year(record, publisher)))
    return parts


FORMATTERS = {
    "article": _article,
    "book": _book,
    "chapter": _chapter,
    "thesis": _thesis,
    "report": _report,
    "web": _web,
    "generic": _generic,
}


def reference_parts(record: Record) -> list[Part]:
    """The Vancouver reference for one record, as styled pieces."""
    formatter = FORMATTERS[kind(record)]
    parts = formatter(record)
    if formatter is not _web:  # a web page gives its address itself
        parts += _available(record)
    parts = [part for part in parts if part.text]
    if parts and parts[-1].style == "":
        parts[-1] = parts[-1]._replace(text=parts[-1].text.rstrip())
    return [*parts, *identifiers(record)]


def locator(pages_text: str) -> str:
    """What follows the number for a page locator ("p33", "pp33-35"): ", p. 33"."""
    return ", p. " + pages_text.lstrip("p")
