"""A page's sources as files a reference manager imports: BibTeX and RIS.

BibTeX holds each record's own fields, still in LaTeX (BibTeX's own form), so a download holds
exactly what ``references.bib`` holds for those entries: the same keys and fields, and none of
the ``% seen:`` comments, which are not part of any entry. It is what bibtexparser 2's writer
would write (``bibtex_entry``).

RIS is plain UTF-8 text, so LaTeX is decoded first (``{\\"o}`` → ö, ``--`` → –, braces dropped);
each record is rispy's dict (``ris_record``), written as rispy's writer would write it and read
back with rispy (``read_ris``). Where the tags go:

- journal → ``T2`` (RIS's secondary title for JOUR) and ``shortjournal`` → ``J2``;
- ``doi`` → ``DO``;
- ``pmid`` and ``pmcid`` → ``M2`` as ``PMID: 20724638`` and ``PMCID: PMC3116441``. RIS has no
  PubMed tag. Zotero's RIS importer puts every ``M2`` line in the item's Extra field, and
  "PMID: …" / "PMCID: …" lines in Extra are how Zotero itself stores these identifiers (its
  PubMed translators write them so). ``AN`` would land in "Loc. in Archive" instead.

A field with no RIS tag here (``howpublished`` aside, which names a web page's site) is left out
rather than pushed into a tag that means something else.
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Sequence

from ketamine_site.metadata import fields
from mkdocs_citations.engine.bibliography import Record

# The whole site's bibliography, beside the References page.
SITE_FILE_STEM = "ketamine-references"
# Each page's own list, beside the page's index.html.
PAGE_FILE_STEM = "references"
BIBTEX, RIS = ".bib", ".ris"
MEDIA_TYPES = {BIBTEX: "application/x-bibtex", RIS: "application/x-research-info-systems"}


# ---- BibTeX ------------------------------------------------------------------------------------


def bibtex(records: Sequence[Record]) -> str:
    """The records as a ``.bib`` file: each entry's own fields, in its own order, braced."""
    return "\n\n".join(bibtex_entry(record) for record in records)


@fields.per_record
def bibtex_entry(record: Record) -> str:
    """One record as BibTeX, written once per build however many pages cite it.

    What bibtexparser 2's writer writes with its default unparse stack (every value enclosed in
    braces, values as they are, LaTeX and all, never re-encoded), two-space indent and trailing
    commas. The library's writer builds a Library and runs a middleware stack for each entry:
    17 ms for 1,000 entries, against about 1 ms for this one f-string. Tests hold this to the
    library's own output, byte for byte, on every real export, and parse the downloads back
    with it.
    """
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in record.fields.items())
    return f"@{record.entry_type}{{{record.key},\n{body}}}\n"


# ---- RIS ---------------------------------------------------------------------------------------

# The RIS tag of each name in ``ris_record``'s dict: rispy's own names and tags (tests hold the
# two to the same), written out so that a build need not import rispy, which only reads.
RIS_TAGS = {
    "type_of_reference": "TY",
    "authors": "AU",
    "secondary_authors": "A2",
    "title": "TI",
    "secondary_title": "T2",
    "alternate_title1": "J2",
    "year": "PY",
    "volume": "VL",
    "number": "IS",
    "start_page": "SP",
    "end_page": "EP",
    "publisher": "PB",
    "place_published": "CY",
    "edition": "ET",
    "issn": "SN",
    "doi": "DO",
    "urls": "UR",
    "identifiers": "M2",  # RIS's "Miscellaneous 2": not in rispy's map, so added to it below
}
RIS_TYPES = {
    "article": "JOUR",
    "book": "BOOK",
    "inbook": "CHAP",
    "incollection": "CHAP",
    "online": "ELEC",
}


def _ris_type(record: Record) -> str:
    if record.entry_type == "misc":
        return "ELEC" if record.get("url") else "GEN"
    return RIS_TYPES.get(record.entry_type, "GEN")


def ris_record(record: Record) -> dict:
    """One record as rispy's dict (tag names as rispy spells them); only fields it has."""
    source = fields.source(record)
    item: dict = {"type_of_reference": _ris_type(record)}
    if source.authors:
        item["authors"] = [p.inverted() for p in source.authors]
    if source.editors:
        item["secondary_authors"] = [p.inverted() for p in source.editors]
    item["title"] = source.title
    values = {
        "secondary_title": source.container,
        "alternate_title1": source.shortjournal,
        "year": source.year,
        "volume": source.volume,
        "number": source.number,
        "start_page": source.first_page,
        "end_page": source.last_page,
        "publisher": source.publisher,
        "place_published": source.address,
        "edition": source.edition,
        "issn": source.issn,
        "doi": source.doi,
    }
    item.update({name: value for name, value in values.items() if value})
    if source.url:
        item["urls"] = [source.url]
    identifiers = [
        f"{label}: {value}"
        for label, value in (("PMID", source.pmid), ("PMCID", source.pmcid))
        if value
    ]
    if identifiers:
        item["identifiers"] = identifiers
    return item


def ris(records: Sequence[Record]) -> str:
    """The records as an ``.ris`` file (UTF-8 text, one TY … ER block per record)."""
    return "\n".join(ris_text(record) for record in records)


@fields.per_record
def ris_text(record: Record) -> str:
    """One record's TY … ER block, written once per build however many pages cite it.

    The lines rispy's writer makes of ``ris_record`` ("TAG  - value", a list as one line per
    value, then "ER  - "), written directly: rispy's generic walk over its tag map took 12 ms
    for 1,000 records, against about 2 ms here. Tests hold this to rispy's own output on every
    real export, and read the downloads back with rispy.
    """
    lines = []
    for name, value in ris_record(record).items():
        tag = RIS_TAGS[name]
        if isinstance(value, list):
            lines += [f"{tag}  - {each}" for each in value]
        else:
            lines.append(f"{tag}  - {value}")
    lines.append("ER  - \n")
    return "\n".join(lines)


def rispy_map() -> tuple[dict[str, str], list[str]]:
    """rispy's (tag → name) map and list tags, with ``M2`` as a list of ``identifiers``."""
    import rispy  # only to read: tests and checks, never a build

    return {**rispy.TAG_KEY_MAPPING, "M2": "identifiers"}, [*rispy.LIST_TYPE_TAGS, "M2"]


def read_ris(text: str) -> list[dict]:
    """An ``.ris`` file as rispy reads it with the same tag map (for tests and checks)."""
    import rispy

    mapping, list_tags = rispy_map()
    return rispy.loads(text, mapping=mapping, list_tags=list_tags)


# ---- File names and the download line ----------------------------------------------------------


def page_folder(dest_uri: str) -> str:
    """The folder a page's HTML file is written to ("" for the site's root)."""
    return posixpath.dirname(dest_uri)


def page_files(dest_uri: str) -> dict[str, str]:
    """{extension: path in the site} of one page's own lists.

    With directory URLs a page is ``folder/index.html`` and its lists are ``folder/references.bib``
    and ``.ris``; a page written as ``folder/name.html`` gets ``folder/name.references.bib``.
    """
    folder, name = posixpath.split(dest_uri)
    stem = (
        PAGE_FILE_STEM
        if name == "index.html"
        else f"{posixpath.splitext(name)[0]}.{PAGE_FILE_STEM}"
    )
    return {ext: posixpath.join(folder, stem + ext) for ext in (BIBTEX, RIS)}


def site_files(bibliography_dest_uri: str) -> dict[str, str]:
    """{extension: path in the site} of the whole bibliography, beside the References page."""
    folder = page_folder(bibliography_dest_uri)
    return {ext: posixpath.join(folder, SITE_FILE_STEM + ext) for ext in (BIBTEX, RIS)}


def links_html(dest_uri: str, files: dict[str, str], lead: str) -> str:
    """``<p>`` with links to ``files`` from the page written at ``dest_uri``.

    Kept out of the search index (``data-search-exclude``): it is the same words on every page.
    """
    here = page_folder(dest_uri) or "."
    links = " · ".join(
        f'<a href="{html.escape(posixpath.relpath(path, here), quote=True)}" download '
        f'type="{MEDIA_TYPES[ext]}">{label}</a>'
        for ext, label in ((BIBTEX, "BibTeX"), (RIS, "RIS"))
        for path in [files[ext]]
    )
    return f'<p class="reference-downloads" data-search-exclude>{html.escape(lead)}: {links}</p>'
