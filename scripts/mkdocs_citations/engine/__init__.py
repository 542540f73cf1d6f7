"""A citation engine for Markdown: Pandoc-style ``[@key]`` markers → numbered citations (AMA by
default, or Vancouver).

Pure Python with no MkDocs imports, so it can outlive the site generator: the MkDocs plugin
(``mkdocs_citations.plugin``) is a thin adapter. The modules, one concept each:

- ``problems``      what can go wrong: ``Problem`` values, or one fatal ``BibliographyError``
- ``record``        one entry as read: its key, type, fields and lines (``Record``)
- ``bibliography``  a ``.bib`` file → ``Record`` objects and their problems
- ``bibtexreader``  a file not in the plain form, read by bibtexparser 2 (imported only then)
- ``biblatex``      biblatex's and the exporters' fields, crossref and xdata → what styles read
- ``identifiers``   DOI, PMID, PMCID, arXiv and URL in any exporter's form → bare, or a warning
- ``positions``     the field at fault in an entry that could not be parsed (an unclosed brace)
- ``latex``         LaTeX in field values → Unicode, with brace-protected spans kept apart
- ``latex_full``    the LaTeX that ``latex`` leaves, through pylatexenc
- ``names``         BibTeX name lists → author strings ("Family Initials", "et al")
- ``fields``        a record's fields read for a reference: case, dates, pages, identifiers, and
                    which form of reference each entry type takes (``KINDS``)
- ``months``        the month names
- ``parts``         a reference as styled pieces → HTML or plain text
- ``style``         the interface a citation style fills, and the styles by name
- ``ama``           the AMA 11th edition style (the default)
- ``vancouver``     the Vancouver (NLM Citing Medicine / ICMJE) style
- ``markers``       finding and parsing ``[@key]`` groups in text
- ``render``        HTML for citation groups, page reference lists and the site bibliography
- ``markdown_ext``  the Python-Markdown extension that ties the above to a page
"""

from mkdocs_citations.engine.bibliography import (
    Bibliography,
    Record,
    load_bibliography,
    parse_bibliography,
)
from mkdocs_citations.engine.problems import BibliographyError, Problem

__all__ = [
    "Bibliography",
    "BibliographyError",
    "Problem",
    "Record",
    "load_bibliography",
    "parse_bibliography",
]
