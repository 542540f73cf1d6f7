"""A citation engine for Markdown: Pandoc-style ``[@key]`` markers → numbered AMA citations.

Pure Python with no MkDocs imports, so it can outlive the site generator: the MkDocs hook in
``scripts/mkdocs_hooks.py`` is a thin adapter. The modules, one concept each:

- ``problems``      what can go wrong: ``Problem`` values, or one fatal ``BibliographyError``
- ``bibliography``  a ``.bib`` file → validated ``Record`` objects (bibtexparser 2)
- ``latex``         LaTeX in field values → Unicode, with brace-protected spans kept apart
- ``names``         BibTeX name lists → AMA author strings
- ``ama``           one record → an AMA 11th edition reference (HTML and plain text)
- ``markers``       finding and parsing ``[@key]`` groups in text
- ``render``        HTML for citation groups, page reference lists and the site bibliography
- ``markdown_ext``  the Python-Markdown extension that ties the above to a page
"""

from ketamine_site.citations.bibliography import (
    Bibliography,
    Record,
    load_bibliography,
    parse_bibliography,
)
from ketamine_site.citations.problems import BibliographyError, Problem

__all__ = [
    "Bibliography",
    "BibliographyError",
    "Problem",
    "Record",
    "load_bibliography",
    "parse_bibliography",
]
