"""Evidence levels: each mechanism page's evidence box and the home page's table.

Also reports front matter that cannot be read (MkDocs silently drops it), and tells the citation
plugin where the box's citations come from, so a problem in one names the front matter's line.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import get_data

import ketamine_site
from ketamine_site import evidence
from ketamine_site.frontmatter import front_matter_error
from ketamine_site.hooks import citations_plugin

# A "mkdocs.plugins.*" logger: its warnings count for `mkdocs build --strict`.
log = logging.getLogger("mkdocs.plugins.evidence")


class EvidenceHook:
    def __init__(self) -> None:
        self.declarations: dict[str, evidence.Declaration] = {}  # by src_uri

    def on_config(self, config):
        self.declarations = {}
        plugin = citations_plugin(config)
        plugin.set_locator(self.locate)
        # In mkdocs serve: an edit to this site's own code asks for a restart too.
        plugin.watch_code([Path(ketamine_site.__file__).parent])
        return config

    def on_nav(self, nav, config, files):
        # Every page's declaration is needed before the home page renders its table.
        self.declarations = {}
        for file in files.documentation_pages():
            _, meta = get_data(file.content_string)
            # MkDocs gives no meta for a block it cannot read: only then is it read again, for why.
            if not meta and (problem := front_matter_error(file.content_string)):
                line, message = problem
                log.warning(f"{file.src_path}:{line}: {message}")
            try:
                declaration = evidence.read_declaration(meta, file.src_uri)
            except evidence.EvidenceError as error:
                raise PluginError(f"Evidence declaration error: {error}") from None
            if declaration:
                self.declarations[file.src_uri] = declaration
        return nav

    def on_page_markdown(self, markdown, page, config, files):
        declaration = self.declarations.get(page.file.src_uri)
        if declaration:
            markdown = evidence.insert_after_summary(
                markdown, evidence.header_markdown(declaration)
            )
        if evidence.TABLE_PLACEHOLDER in markdown:
            table = evidence.table_markdown(list(self.declarations.values()), page.file.src_uri)
            markdown = markdown.replace(evidence.TABLE_PLACEHOLDER, table)
        return markdown

    def locate(self, page, problem) -> int | None:
        """A citation problem's line: in the body, or in the front matter for the box's."""
        declaration = self.declarations.get(page.file.src_uri)
        return evidence.citation_line(
            page.file.content_string, problem.key, problem.occurrence, declaration
        )
