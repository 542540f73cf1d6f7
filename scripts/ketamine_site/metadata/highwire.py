"""Highwire Press ``citation_*`` meta tags: what Google Scholar, Zotero and Mendeley read.

The page itself is described by ``citation_title``, ``citation_publication_date`` (the day it was
last reviewed: the version being cited), ``citation_public_url`` and ``citation_language``. Each
source it cites becomes one ``citation_reference`` whose content is ``name=value`` pairs joined by
"; ", as Google Scholar's inclusion guidelines show; a pair is written only for a field the record
has. Every value is HTML-escaped once, when the tag is written.
"""

from __future__ import annotations

import html

from ketamine_site.metadata import fields
from ketamine_site.metadata.page import PageInfo
from mkdocs_citations.engine.bibliography import Record


def _meta(name: str, content: str) -> str:
    return f'<meta name="{name}" content="{html.escape(content, quote=True)}">'


def reference_pairs(record: Record) -> list[tuple[str, str]]:
    """(name, value) pairs of one ``citation_reference``, in Google Scholar's order."""
    work = fields.source(record)
    pairs = [("citation_title", work.title)]
    pairs += [("citation_author", person.inverted()) for person in work.authors]
    if work.entry_type == "article":
        pairs.append(("citation_journal_title", work.journal))
    else:
        pairs.append(("citation_inbook_title", work.book))
        pairs.append(("citation_publisher", work.publisher))
    pairs += [
        ("citation_publication_date", work.year),
        ("citation_volume", work.volume),
        ("citation_issue", work.number),
        ("citation_firstpage", work.first_page),
        ("citation_lastpage", work.last_page),
        ("citation_doi", work.doi),
        ("citation_pmid", work.pmid),
    ]
    return [(name, value) for name, value in pairs if value]


def reference_content(record: Record) -> str:
    """The unescaped ``content`` of one ``citation_reference`` tag."""
    return "; ".join(f"{name}={value}" for name, value in reference_pairs(record))


@fields.per_record
def reference_tag(record: Record) -> str:
    """One source's ``citation_reference`` tag, escaped once per build for every page citing it."""
    return _meta("citation_reference", reference_content(record))


def tags(page: PageInfo) -> list[str]:
    """The page's ``citation_*`` tags, one string each."""
    found = [_meta("citation_title", page.title)]
    if page.reviewed:
        # Highwire dates are written year/month/day.
        found.append(_meta("citation_publication_date", page.reviewed.replace("-", "/")))
    if page.url:
        found.append(_meta("citation_public_url", page.url))
    if page.site.language:
        found.append(_meta("citation_language", page.site.language))
    found += [reference_tag(r) for r in page.records]
    return found
