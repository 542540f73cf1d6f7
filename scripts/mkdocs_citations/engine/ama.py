"""The AMA Manual of Style (11th edition) citation style: the default.

A reference per entry type, as the manual gives them (and citeproc-py's AMA CSL formats them,
the tests' oracle): journal articles, books (edited too), chapters and conference papers,
theses, reports, web pages, and a generic form for the rest. In the text, a superscript number
after periods and commas and before colons and semicolons; a page locator in parentheses.
"""

from __future__ import annotations

from mkdocs_citations.engine import identifiers as ids
from mkdocs_citations.engine.bibliography import Record
from mkdocs_citations.engine.fields import (  # noqa: F401 (sentence_case: part of the API)
    MONTHS,
    doi,
    end,
    generic_publisher,
    headline_title,
    iso_date,
    kind,
    month_number,
    ordinal,
    pages,
    responsible,
    responsible_parts,
    safe_url,
    sentence_case,
    sentence_title,
    site_name,
    text,
    year,
)
from mkdocs_citations.engine.latex import to_unicode
from mkdocs_citations.engine.names import format_authors
from mkdocs_citations.engine.parts import Part


def identifiers(record: Record) -> list[Part]:
    """DOI, PMID, PMCID and arXiv links: the values are bare (``identifiers.normalise``)."""
    parts: list[Part] = []
    if value := doi(record):
        parts += [Part(" "), Part(f"doi:{value}", "link", ids.doi_url(value))]
    if pmid := record.get("pmid"):
        parts += [Part(" "), Part(f"PMID: {pmid}", "link", ids.pubmed_url(pmid))]
    if pmcid := record.get("pmcid"):
        parts += [Part(" "), Part(f"PMCID: {pmcid}", "link", ids.pmc_url(pmcid))]
    if arxiv := record.get("arxiv"):
        parts += [Part(" "), Part(f"arXiv:{arxiv}", "link", ids.arxiv_url(arxiv))]
    return parts


def _authors(record: Record) -> list[Part]:
    """The author list; without persons, the corporate author (organization, institution)."""
    return responsible_parts(record, format_authors)


def _editors(record: Record) -> str:
    if not record.get("editor"):
        return ""
    names = format_authors(record.get("editor"))
    return f"{names}, {'eds' if ',' in names else 'ed'}."


def _edition(record: Record) -> str:
    edition = text(record, "edition")
    return f" {ordinal(edition)} ed." if edition else ""


def _date(record: Record) -> str:
    """'June 5, 2018', 'June 2018' or '2018': AMA's date where a day matters (web, online)."""
    month = month_number(record.get("month"))
    if month is None:
        return year(record)
    day = record.get("day").lstrip("0")
    return f"{MONTHS[month - 1]} {day + ', ' if day else ''}{year(record)}"


def _accessed(record: Record) -> str:
    value = record.get("urldate")
    if not value:
        return ""
    found_year, month, day = iso_date(value)
    if not found_year:
        return f" Accessed {end(to_unicode(value))}"
    when = f"{MONTHS[month - 1]} {day + ', ' if day else ''}" if month else ""
    return f" Accessed {when}{found_year}."


def _volume_issue_pages(record: Record) -> str:
    volume, number, page_range = text(record, "volume"), text(record, "number"), pages(record)
    if not volume and not page_range:
        # Ahead of print: AMA gives the online date in place of volume and pages.
        when = _date(record)
        return end(f"Published online {when}") if when else ""
    # Without a volume the article is cited as published online, as citeproc's AMA style does,
    # with its pages or article number if it has them.
    when = _date(record)
    out = year(record) if volume else (f"Published online {when}" if when else "")
    if volume:
        out += f";{volume}"
        if number:
            out += f"({number})"
    if page_range:
        out += f":{page_range}" if out else page_range
    return end(out) if out else ""


def _titled(title: str, after: str) -> list[Part]:
    """An italic title, its period and what follows; without a title, what follows alone (a
    missing field leaves no empty italics and no lone period)."""
    after = after.strip()
    if not title:
        return [Part(after)] if after else []
    # "J. Chem. Phys." (a journal abbreviated with periods) takes no second one.
    return [
        Part(title, "i"),
        Part(("" if title.endswith(".") else ".") + (" " + after) * bool(after)),
    ]


def _lead(value: str) -> list[Part]:
    """A segment followed by a space, or nothing when it is missing."""
    return [Part(end(value) + " ")] if value else []


def _article(record: Record) -> list[Part]:
    journal = text(record, "shortjournal") or text(record, "journal")
    return [
        *_authors(record),
        *_lead(sentence_title(record)),
        *_titled(journal, _volume_issue_pages(record)),
    ]


def _publisher_year(record: Record, publisher: str) -> str:
    return "; ".join(piece for piece in (publisher, year(record)) if piece)


def _book(record: Record) -> list[Part]:
    lead = _authors(record) if record.get("author") else []
    if not lead and record.get("editor"):
        lead = [Part(_editors(record) + " ")]
    publisher = text(record, "publisher")
    after = _edition(record) + " " + end(_publisher_year(record, publisher))
    return [*lead, *_titled(headline_title(record).rstrip("."), after)]


def container_field(record: Record) -> str:
    """The field naming the book a part appeared in: ``booktitle``, else biblatex's
    ``eventtitle`` (a conference), else, for BibTeX's ``@inbook`` with a ``chapter``, the
    ``title``; "" when there is none (never the part's own title, as its own container)."""
    for name in ("booktitle", "eventtitle"):
        if record.get(name):
            return name
    return "title" if record.get("chapter") and record.get("title") else ""


def _chapter(record: Record) -> list[Part]:
    editors = _editors(record)
    book_field = container_field(record)
    book = headline_title(record, book_field).rstrip(".") if book_field else ""
    title = sentence_title(record, "chapter" if record.get("chapter") else "title")
    page_range = pages(record)
    where = _publisher_year(record, text(record, "publisher"))
    where = f"{where}:{page_range}" if where and page_range else where or page_range
    lead = end(title) + " " if title else ""
    if book or editors:
        lead += "In: " + (editors + " " if editors else "")
    return [
        *_authors(record),
        *([Part(lead)] if lead else []),
        *_titled(book, _edition(record) + " " + end(where)),
    ]


_THESIS_TYPES = {
    "phdthesis": "Doctoral dissertation",
    "phd": "Doctoral dissertation",
    "mastersthesis": "Master's thesis",
    "mathesis": "Master's thesis",
    "masters": "Master's thesis",
}


def thesis_genre(record: Record) -> str:
    """What kind of thesis: from the type field (biblatex: phdthesis, mathesis, or free text),
    else from the entry type."""
    kind = record.get("type")
    if kind:
        return _THESIS_TYPES.get(kind.lower(), to_unicode(kind))
    return _THESIS_TYPES.get(record.entry_type, "Thesis")


def _thesis(record: Record) -> list[Part]:
    institution = text(record, "institution")
    after = f"{end(thesis_genre(record))} " + end(_publisher_year(record, institution))
    return [*_authors(record), *_titled(headline_title(record).rstrip("."), after)]


def _report(record: Record) -> list[Part]:
    publisher = text(record, "institution") or text(record, "publisher")
    after = end(_publisher_year(record, publisher))
    return [*_authors(record), *_titled(headline_title(record).rstrip("."), after)]


def _web(record: Record) -> list[Part]:
    site = site_name(record)
    parts = [*_authors(record), Part(end(sentence_title(record)))]
    if site:
        parts.append(Part(" " + end(site)))
    if record.get("year"):
        parts.append(Part(f" Published {end(_date(record))}"))
    accessed = _accessed(record)
    if accessed:
        parts.append(Part(accessed))
    url = safe_url(record.get("url"))
    if url:
        parts += [Part(" "), Part(url, "link", url)]
    return parts


def _generic(record: Record) -> list[Part]:
    publisher = generic_publisher(record)
    parts = [*_authors(record), Part(end(sentence_title(record)))]
    if publisher:
        parts.append(Part(" " + end(publisher)))
    if record.get("year"):
        parts.append(Part(" " + end(year(record))))
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


def _online(record: Record) -> list[Part]:
    """ "Accessed March 5, 2020. https://…" for a work read online without a DOI (AMA 3.15:
    the DOI is preferred to the URL, which is then left out)."""
    url = safe_url(record.get("url"))
    if not url or record.get("doi"):
        return []
    return [Part(_accessed(record)), Part(" "), Part(url, "link", url)]


def reference_parts(record: Record) -> list[Part]:
    """The AMA reference for one record, as styled pieces."""
    formatter = FORMATTERS[kind(record)]
    parts = formatter(record)
    if formatter is not _web:  # a web page gives its URL and access date itself
        parts += _online(record)
    return [*parts, *identifiers(record)]


def locator(pages_text: str) -> str:
    """What follows the number for a page locator ("p33", "pp33-35"): AMA's "(p33)"."""
    return f"({pages_text})"
