"""What a page says about itself to machines: reference managers, search engines, link previews.

No MkDocs imports; ``scripts/metadata_hooks.py`` wires it into the build. One concept a module:

- ``fields``     one bibliography ``Record`` → plain Unicode fields (names split, LaTeX decoded)
- ``page``       ``PageInfo``: what the head tags of one page are made from
- ``highwire``   ``citation_*`` meta tags (Google Scholar, Zotero, Mendeley)
- ``jsonld``     a schema.org ``MedicalWebPage`` in ``<script type="application/ld+json">``
- ``opengraph``  ``og:*`` and ``twitter:card`` tags for link previews
- ``head``       the three above as one block of HTML for the template's ``extrahead``
- ``downloads``  a list of records → ``.bib`` (bibtexparser) and ``.ris`` (rispy) text, the file
                 names and the "Download these references" line
"""
