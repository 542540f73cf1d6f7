"""MkDocs hook: the first use of each glossary term on a page links to its entry, with a tooltip.

Only wiring: ``glossaryterms`` (which never imports MkDocs) reads the glossary page and does the
linking, as a Markdown extension; this hook hands it the glossary once per build and tells it
which page is being converted. ``mkdocs serve`` calls ``on_config`` on every rebuild, so an edit
to the glossary shows on the next one.
"""

from __future__ import annotations

from pathlib import Path

from ketamine_site.glossaryterms import (
    GLOSSARY_PAGE,
    GlossaryTerms,
    GlossaryTermsExtension,
    read_glossary,
)

# Pages whose terms are not linked: the maintainers' guide (it quotes Markdown about the
# terms) and the printed guide (its chapters are other pages, already linked).
NOT_LINKED = ("contributing/", "print.md")

_terms = GlossaryTerms([])


def on_config(config):
    global _terms
    glossary = Path(config.docs_dir) / GLOSSARY_PAGE
    terms = read_glossary(glossary.read_text(encoding="utf-8")) if glossary.is_file() else []
    _terms = GlossaryTerms(terms)
    config.markdown_extensions.append(GlossaryTermsExtension(_terms))
    return config


def on_page_markdown(markdown, page, config, files):
    uri = page.file.src_uri
    _terms.set_page(None if uri.startswith(NOT_LINKED) else uri)
    return markdown
