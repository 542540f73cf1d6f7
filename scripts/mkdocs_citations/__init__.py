"""Pandoc-style ``[@key]`` citations from a BibTeX/biblatex file, numbered in AMA or Vancouver
style, for MkDocs (a plugin) and for plain Python-Markdown (an extension).

- ``engine/``        the citation engine: reading the .bib file, LaTeX, names, the styles, the
                     Markdown extension. No MkDocs imports.
- ``plugin.py``      the MkDocs plugin (``plugins: - citations: {bibliography: refs.bib}``)
- ``config.py``      its options, validated by MkDocs
- ``bibcache.py``    the bibliography parsed once, again only when the file changes
- ``sitebibliography.py``  the site-wide bibliography page
- ``searchhide.py``  what the search index is not given
- ``errorbanner.py`` the notice on every page while serve runs on a broken bibliography
- ``serving.py``     the notice that the code changed while serve runs
- ``assets/citations.css``  the tooltips' stylesheet, added to the site by the plugin

Only ``plugin.py`` and ``config.py`` import MkDocs (tests/engine/test_plugin.py checks it).
"""

from mkdocs_citations.engine.markdown_ext import CitationExtension, makeExtension

__all__ = ["CitationExtension", "makeExtension"]
