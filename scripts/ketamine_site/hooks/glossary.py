"""The first use of each glossary term on a page links to its entry, with a tooltip.

``glossaryterms`` (no MkDocs) reads the glossary page and does the linking, as a Markdown
extension; this hands it the glossary once per build (so an edit to the glossary shows on the
next ``mkdocs serve`` rebuild) and tells it which page is being converted. The tooltips are kept
out of the search index by the citation plugin.
"""

from __future__ import annotations

from pathlib import Path

from ketamine_site.glossaryterms import (
    GLOSSARY_PAGE,
    TOOLTIP,
    GlossaryTerms,
    GlossaryTermsExtension,
    read_glossary,
)
from ketamine_site.hooks import citations_plugin

# Pages whose terms are not linked: the maintainers' guide (it quotes Markdown about the
# terms) and the printed guide (its chapters are other pages, already linked).
NOT_LINKED = ("contributing/", "print.md")


class GlossaryHook:
    def __init__(self) -> None:
        self.terms = GlossaryTerms([])

    def on_config(self, config):
        glossary = Path(config.docs_dir) / GLOSSARY_PAGE
        terms = read_glossary(glossary.read_text(encoding="utf-8")) if glossary.is_file() else []
        self.terms = GlossaryTerms(terms)
        config.markdown_extensions.append(GlossaryTermsExtension(self.terms))
        citations_plugin(config).hide_from_search(*TOOLTIP)  # not words of the page
        return config

    def on_page_markdown(self, markdown, page, config, files):
        uri = page.file.src_uri
        self.terms.set_page(None if uri.startswith(NOT_LINKED) else uri)
        return markdown
