"""Links to a missing page or section, reported with their line and the likely fix.

MkDocs warns about such links too, but names neither the line nor the page or id meant;
``pagelinks`` (no MkDocs) finds them. MkDocs' own warning for a link reported here is dropped.
"""

from __future__ import annotations

import logging

from mkdocs.plugins import event_priority

from ketamine_site import pagelinks

# A "mkdocs.plugins.*" logger: its warnings count for `mkdocs build --strict`.
log = logging.getLogger("mkdocs.plugins.links")


class LinksHook:
    def __init__(self) -> None:
        # MkDocs' own link warnings come from this logger; the ones reported here are dropped.
        self.reported = pagelinks.ReportedLinks()
        logging.getLogger("mkdocs.structure.pages").addFilter(self.reported)
        self.file_names: set[str] = set()  # every file's src_uri
        # each page's links as on_page_markdown found them, so on_env needs no second scan
        self.targets: dict[str, list[pagelinks.Target]] = {}

    def on_files(self, files, config):
        self.file_names = {file.src_uri for file in files}  # once, not once per page
        self.targets = {}
        self.reported.reported.clear()
        return files

    def on_page_markdown(self, markdown, page, config, files):
        source, uri = page.file.content_string, page.file.src_uri
        targets = self.targets[uri] = pagelinks.link_targets(source)
        for link in pagelinks.broken_links(source, uri, self.file_names, targets=targets):
            log.warning(f"{page.file.src_path}:{link.line}: {link.message()}")
            self.reported.add(uri, link.target)
        return markdown

    @event_priority(-100)  # last: the citation plugin adds ids in on_env (the bibliography's)
    def on_env(self, env, config, files):
        pages = [f for f in files.documentation_pages() if f.page is not None]
        ids = {f.src_uri: f.page.present_anchor_ids or set() for f in pages}
        for file in pages:
            source, uri = file.content_string, file.src_uri
            targets = self.targets.get(uri)  # None: a plugin rendered it without on_page_markdown
            for link in pagelinks.broken_anchors(source, uri, ids, targets=targets):
                log.warning(f"{file.src_path}:{link.line}: {link.message()}")
                self.reported.add(uri, link.target)
        return env
