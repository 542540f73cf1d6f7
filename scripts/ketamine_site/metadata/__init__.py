"""What a page says about itself to machines: reference managers, search engines, link previews.

No MkDocs imports; ``scripts/metadata_hooks.py`` wires it into the build. One concept a module:

- ``fields``     one bibliography ``Record`` → its ``Source``: plain Unicode fields (names split,
                 LaTeX decoded), read once per build for every format below
- ``page``       ``PageInfo``: what the head tags of one page are made from
- ``highwire``   ``citation_*`` meta tags (Google Scholar, Zotero, Mendeley)
- ``jsonld``     a schema.org ``MedicalWebPage`` in ``<script type="application/ld+json">``
- ``opengraph``  ``og:*`` and ``twitter:card`` tags for link previews
- ``head``       the three above as one block of HTML for the template's ``extrahead``
- ``downloads``  a list of records → ``.bib`` and ``.ris`` text (as bibtexparser's and rispy's
                 writers write them), the file names and the "Download these references" line
"""
