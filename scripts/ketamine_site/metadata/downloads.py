"""A page's sources as files a reference manager imports: BibTeX and RIS.

BibTeX is written by bibtexparser 2's writer from the record's own fields, still in LaTeX (BibTeX's
own form), so a download holds exactly what ``references.bib`` holds for those entries: the same
keys and fields, and none of the ``% seen:`` comments, which are not part of any entry.

RIS is written by rispy. RIS is plain UTF-8 text, so LaTeX is decoded first (``{\\"o}`` → ö,
``--`` → –, braces dropped). Where the tags go:

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

import bibtexparser
import rispy
from bibtexparser import model
from bibtexparser.middlewares.parsestack import default_unparse_stack
from bibtexparser.writer import BibtexFormat

from ketamine_site.metadata import fields
from mkdocs_citations.engine.bibliography import Record

# The whole site's bibliography, beside the References page.
SITE_FILE_STEM = "ketamine-references"
# Each page's own list, beside the page's index.html.
PAGE_FILE_STEM = "references"
BIBTEX, RIS = ".bib", ".ris"
MEDIA_TYPES = {BIBTEX: "application/x-bibtex", RIS: "application/x-research-info-systems"}


# ---- BibTeX ------------------------------------------------------------------------------------


def _bibtex_format() -> BibtexFormat:
    layout = BibtexFormat()
    layout.indent = "  "
    layout.trailing_comma = True
    return layout


_BIBTEX_FORMAT = _bibtex_format()  # read-only to the writer: one for every entry


def bibtex(records: Sequence[Record]) -> str:
    """The records as a ``.bib`` file: each entry's own fields, in its own order, braced."""
    return "\n\n".join(bibtex_entry(record) for record in records)


@fields.per_record
def bibtex_entry(record: Record) -> str:
    """One record as BibTeX (written once per build, however many pages cite it)."""
    entry = model.Entry(
        record.entry_type,
        record.key,
        [model.Field(name, value) for name, value in record.fields.items()],
    )
    # The default unparse stack encloses every value in braces; values are written as they are
    # (LaTeX and all), never re-encoded. In place: the library is this call's own, and the
    # copying stack deep-copies every entry (a third of the downloads' cost).
    library = bibtexparser.Library([entry])
    return bibtexparser.write_string(
        library,
        unparse_stack=default_unparse_stack(allow_inplace_modification=True),
        bibtex_format=_BIBTEX_FORMAT,
    )


# ---- RIS ---------------------------------------------------------------------------------------

# rispy's tag map, plus M2 (RIS's "Miscellaneous 2", not in rispy's default map) as a list tag.
RIS_MAPPING = {**rispy.TAG_KEY_MAPPING, "M2": "identifiers"}
RIS_LIST_TAGS = [*rispy.LIST_TYPE_TAGS, "M2"]
RIS_TYPES = {
    "article": "JOUR",
    "book": "BOOK",
    "inbook": "CHAP",
    "incollection": "CHAP",
    "online": "ELEC",
}


class _RisWriter(rispy.RisWriter):
    """rispy's writer without its "1.", "2." line before each record, which is not RIS: some
    importers would read it as the previous record's text."""

    def set_header(self, count: int) -> str:
        return ""


# One writer for every record: building one inverts the tag map, which cost more than writing.
_RIS_WRITER = _RisWriter(mapping=RIS_MAPPING, list_tags=RIS_LIST_TAGS)


def _ris_type(record: Record) -> str:
    if record.entry_type == "misc":
        return "ELEC" if record.get("url") else "GEN"
    return RIS_TYPES.get(record.entry_type, "GEN")


@fields.per_record
def ris_record(record: Record) -> dict:
    """One record as rispy's dict (tag names as rispy spells them); only fields it has."""
    kind = _ris_type(record)
    item: dict = {"type_of_reference": kind}
    authors = [p.inverted() for p in fields.people(record.get("author"))]
    if authors:
        item["authors"] = authors
    editors = [p.inverted() for p in fields.people(record.get("editor"))]
    if editors:
        item["secondary_authors"] = editors
    item["title"] = fields.text(record, "title")
    container = fields.container(record)
    first, last = fields.page_range(record)
    values = {
        "secondary_title": container,
        "alternate_title1": fields.text(record, "shortjournal"),
        "year": fields.year(record),
        "volume": fields.text(record, "volume"),
        "number": fields.text(record, "number"),
        "start_page": first,
        "end_page": last,
        "publisher": fields.text(record, "publisher"),
        "place_published": fields.text(record, "address"),
        "edition": fields.text(record, "edition"),
        "issn": record.get("issn") or record.get("isbn"),
        "doi": record.get("doi"),
    }
    item.update({name: value for name, value in values.items() if value})
    if url := record.get("url"):
        item["urls"] = [url]
    identifiers = [
        f"{label}: {record.get(name)}"
        for label, name in (("PMID", "pmid"), ("PMCID", "pmcid"))
        if record.get(name)
    ]
    if identifiers:
        item["identifiers"] = identifiers
    return item


def ris(records: Sequence[Record]) -> str:
    """The records as an ``.ris`` file (UTF-8 text, one TY … ER block per record)."""
    return "\n".join(ris_text(record) for record in records)


@fields.per_record
def ris_text(record: Record) -> str:
    """One record's TY … ER block (written once per build, however many pages cite it)."""
    return _RIS_WRITER.formats([ris_record(record)])


def read_ris(text: str) -> list[dict]:
    """An ``.ris`` file as rispy reads it with the same tag map (for tests and checks)."""
    return rispy.loads(text, mapping=RIS_MAPPING, list_tags=RIS_LIST_TAGS)


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
