"""Maintainer tools for ``references.bib``: a linter and a lossless formatter.

Pure Python with no MkDocs imports; ``scripts/references.py`` is the command line. It reuses the
citation engine's reading and validation (``citations.bibliography``) and adds, one concept each:

- ``source``     the file as written: blocks in order with their lines, values verbatim
- ``braces``     unbalanced braces and text outside any entry, with the line to fix
- ``keys``       the ``firstauthorYEARword`` key convention and a suggested key
- ``citing``     which keys the pages cite (``[@key]`` groups and ``evidence: sources:``)
- ``lint``       every check together: ``Problem`` values with file and line
- ``bibformat``  the canonical layout, written losslessly, and where a file departs from it
"""
