"""The AMA Manual of Style (11th edition) citation style: the default.

A reference per entry type, as the manual gives them (and citeproc-py's AMA CSL formats them,
the tests' oracle): journal articles, books (edited too), chapters and conference papers,
theses, reports, web pages, and a generic form for the rest. In the text, a superscript number
after periods and commas and before colons and semicolons; a page locator in parentheses.
"""

from __future__ import annotations

from mkdocs_citations.engine.bibliography import Record
from mkdocs_citations.engine.fields import (  # noqa: F401 (sentence_case: part of the API)
    MONTHS,
    _lower_words,
    _lower_words_one_by_one,
    doi,
    end,
    headline_title,
    iso_date,
    kind,
    month_number,
    ordinal,
    pages,
    responsible,
    safe_url,
    sentence_case,
    sentence_title,
    text,
    year,
)
from mkdocs_citations.engine.latex import to_unicode
from mkdocs_citations.engine.names import format_authors
from mkdocs_citations.engine.parts import Part


def identifiers(record: Record) -> list[Part]:
    parts: list[Part] = []
    if value := doi(record):
        parts += [Part(" "), Part(f"doi:{value}", "link", f"https://doi.org/{value}")]
    pmid = record.get("pmid")
    if pmid:
        parts += [
            Part(" "),
            Part(f"PMID: {pmid}", "link", f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/"),
        ]
    pmcid = record.get("pmcid")
    if pmcid:
        parts += [
            Part(" "),
            Part(f"PMCID: {pmcid}", "link", f"https://pmc.ncbi.nlm.nih.gov/articles/{pmcid}/"),
        ]
    arxiv = record.fields.get("arxiv")
    if arxiv:
        arxiv = arxiv.strip()
        parts += [Part(" "), Part(f"arXiv:{arxiv}", "link", f"https://arxiv.org/abs/{arxiv}")]
    return parts


def _authors(record: Record) -> list[Part]:
    """The author list; without persons, the corporate author (organization, institution)."""
    name, value = responsible(record)
    if name == "author":
        return [Part(end(format_authors(value)) + " ")]
    if name:
        return [Part(end(to_unicode(value)) + " ")]
    return []


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
        return end(f"Published online {_date(record)}")
    out = year(record)
    if volume:
        out += f";{volume}"
        if number:
            out += f"({number})"
    if page_range:
        out += f":{page_range}"
    return end(out) if out else ""


def _article(record: Record) -> list[Part]:
    journal = text(record, "shortjournal") or text(record, "journal")
    return [
        *_authors(record),
        Part(end(sentence_title(record)) + " "),
        Part(journal, "i"),
        # "J. Chem. Phys." (a journal abbreviated with periods) takes no second one.
        Part(("" if journal.endswith(".") else ".") + " " + _volume_issue_pages(record)),
    ]


def _publisher_year(record: Record, publisher: str) -> str:
    return "; ".join(piece for piece in (publisher, year(record)) if piece)


def _book(record: Record) -> list[Part]:
    lead = _authors(record) if record.get("author") else []
    if not lead and record.get("editor"):
        lead = [Part(_editors(record) + " ")]
    publisher = text(record, "publisher")
    return [
        *lead,
        Part(headline_title(record).rstrip("."), "i"),
        Part("." + _edition(record) + " " + end(_publisher_year(record, publisher))),
    ]


def _chapter(record: Record) -> list[Part]:
    editors = _editors(record)
    book = headline_title(record, "booktitle" if record.get("booktitle") else "title")
    title = sentence_title(record, "chapter" if record.get("chapter") else "title")
    page_range = pages(record)
    where = _publisher_year(record, text(record, "publisher"))
    return [
        *_authors(record),
        Part(end(title) + " In: " + (editors + " " if editors else "")),
        Part(book.rstrip("."), "i"),
        Part("." + _edition(record) + f" {where}" + (f":{page_range}." if page_range else ".")),
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
    return [
        *_authors(record),
        Part(headline_title(record).rstrip("."), "i"),
        Part(f". {end(thesis_genre(record))} " + end(_publisher_year(record, institution))),
    ]


def _report(record: Record) -> list[Part]:
    publisher = text(record, "institution") or text(record, "publisher")
    return [
        *_authors(record),
        Part(headline_title(record).rstrip("."), "i"),
        Part(". " + end(_publisher_year(record, publisher))),
    ]


def _web(record: Record) -> list[Part]:
    responsible_field, _ = responsible(record)
    site = text(record, "howpublished") or text(record, "publisher")
    if not site and responsible_field != "organization":
        site = text(record, "organization")
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
    responsible_field, _ = responsible(record)
    publisher = text(record, "publisher") or text(record, "school")
    if not publisher and responsible_field != "institution":
        publisher = text(record, "institution")
    parts = [*_authors(record), Part(end(sentence_title(record)))]
    if publisher:
        parts.append(Part(" " + end(publisher)))
    if record.get("year"):
        parts.append(Part(" " + end(year(record))))
    url = safe_url(record.get("url"))
    if url and not record.get("doi"):
        parts += [Part(" "), Part(url, "link", url)]
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
    """The AMA reference for one record, as styled pieces."""
    parts = FORMATTERS[kind(record)](record)
    return [*parts, *identifiers(record)]


def locator(pages_text: str) -> str:
    """What follows the number for a page locator ("p33", "pp33-35"): AMA's "(p33)"."""
    return f"({pages_text})"
