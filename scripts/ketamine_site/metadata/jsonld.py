"""A schema.org ``MedicalWebPage`` as JSON-LD: what search engines read about a health page.

It names the page, its audience (clinicians and students), the day it was last reviewed, its
licence, the site it belongs to, and each source it cites, with the DOI and PubMed addresses as
``sameAs`` and the identifiers themselves as ``identifier``. Those addresses are data, never
fetched by the reader's browser.
"""

from __future__ import annotations

import json

from ketamine_site.metadata import fields
from ketamine_site.metadata.page import PageInfo
from mkdocs_citations.engine.bibliography import Record

CONTEXT = "https://schema.org"
# Who the site is written for (README): clinicians, and students. MedicalAudience takes its
# audienceType from MedicalAudienceType (Clinician, MedicalResearcher, Patient); students are an
# EducationalAudience.
AUDIENCE = (
    {"@type": "MedicalAudience", "audienceType": "Clinician"},
    {"@type": "EducationalAudience", "educationalRole": "student"},
)
# schema.org types by BibTeX entry type; anything else is a CreativeWork.
TYPES = {
    "article": "ScholarlyArticle",
    "book": "Book",
    "inbook": "Chapter",
    "incollection": "Chapter",
    "online": "WebPage",
}
CONTAINER_TYPES = {"ScholarlyArticle": "Periodical", "Chapter": "Book"}


def _identifier(name: str, value: str) -> dict:
    return {"@type": "PropertyValue", "propertyID": name, "value": value}


def work(record: Record) -> dict:
    """One cited source as a schema.org object; only fields the record has."""
    source = fields.source(record)
    kind = TYPES.get(source.entry_type, "CreativeWork")
    item: dict = {"@type": kind, "name": source.title}
    if source.authors:
        item["author"] = [{"@type": "Person", "name": p.natural()} for p in source.authors]
    if source.year:
        item["datePublished"] = source.year
    if source.container:
        item["isPartOf"] = {
            "@type": CONTAINER_TYPES.get(kind, "CreativeWork"),
            "name": source.container,
        }
    if source.volume:
        item["volumeNumber"] = source.volume
    if source.number:
        item["issueNumber"] = source.number
    if source.first_page:
        item["pageStart"] = source.first_page
    if source.last_page:
        item["pageEnd"] = source.last_page
    if source.publisher:
        item["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.url:
        item["url"] = source.url
    same_as = [u for u in (fields.doi_url(record), fields.pubmed_url(record)) if u]
    if same_as:
        item["sameAs"] = same_as
    identifiers = [
        _identifier(name, value)
        for name, value in (("DOI", source.doi), ("PMID", source.pmid), ("PMCID", source.pmcid))
        if value
    ]
    if identifiers:
        item["identifier"] = identifiers
    return item


def document(page: PageInfo, *, citations: bool = True) -> dict:
    """The page's JSON-LD object (without its sources' list if not ``citations``)."""
    site = {"@type": "WebSite", "name": page.site.name}
    if page.site.url:
        site["url"] = page.site.url
    data: dict = {
        "@context": CONTEXT,
        "@type": "MedicalWebPage",
        "name": page.title,
        "description": page.description,
    }
    if page.url:
        data["url"] = page.url
    if page.reviewed:
        data["lastReviewed"] = page.reviewed
    data["audience"] = list(AUDIENCE)
    if page.site.language:
        data["inLanguage"] = page.site.language
    data["isPartOf"] = site
    if page.site.license_url:
        data["license"] = page.site.license_url
    if page.records and citations:
        data["citation"] = [work(record) for record in page.records]
    return data


def _json(value) -> str:
    """Compact JSON, safe inside a ``<script>`` element.

    In a <script> element the HTML parser ends the script at the first "</script", and "<!--" can
    start an escape state; inside JSON strings, \\u003c and friends mean the same characters, so
    no text from a bibliography can close the element. (``str.replace``, not ``str.translate``
    with a table: translate walks a non-ASCII string one character at a time in Python's
    slow path, most of this module's cost on a long bibliography.)
    """
    text = json.dumps(value, ensure_ascii=False, indent=None, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@fields.per_record
def work_json(record: Record) -> str:
    """``work(record)`` as script-safe JSON, written once per build however many pages cite it."""
    return _json(work(record))


def script(page: PageInfo) -> str:
    """The ``<script type="application/ld+json">`` element, safe to place in HTML as it is."""
    text = _json(document(page, citations=False))
    if page.records:  # each source's JSON is its own, made once per build: spliced in
        listed = ",".join(work_json(record) for record in page.records)
        text = f'{text[:-1]},"citation":[{listed}]}}'
    return f'<script type="application/ld+json">{text}</script>'
