"""The whole guide on one printable page (docs/print.md), from the nav's pages.

``printguide`` (no MkDocs) does the work: the nav gives the order, and ``on_env``, when every
page's content is finished (citations, evidence boxes, reference lists) and no template has been
rendered yet, gives the pages' HTML. The print page is then rendered like any other page.
"""

from __future__ import annotations

import logging

from mkdocs.plugins import event_priority
from mkdocs.structure.toc import AnchorLink, TableOfContents

from ketamine_site import printguide

# A "mkdocs.plugins.*" logger: its warnings count for `mkdocs build --strict`.
log = logging.getLogger("mkdocs.plugins.print")

PRINT_PAGE = "print.md"  # in docs/


class PrintHook:
    def __init__(self) -> None:
        self.nav_order: list[str] = []  # src_uri of each page in the nav, in order

    def on_nav(self, nav, config, files):
        self.nav_order = [page.file.src_uri for page in nav.pages]
        return nav

    @event_priority(-50)  # after the citation plugin's on_env, which fills its pages there
    def on_env(self, env, config, files):
        file = files.get_file_from_path(PRINT_PAGE)
        if file is None or file.page is None:
            return env
        page = file.page
        if printguide.PLACEHOLDER not in (page.content or ""):
            log.warning(
                f"{file.src_path}: no '{printguide.PLACEHOLDER}' line; add it where the chapters "
                "of the printed guide should appear"
            )
            return env
        chapters = []
        for uri in self.nav_order:
            if not printguide.is_chapter(uri, file.src_uri):
                continue
            chapter = files.get_file_from_path(uri)
            if chapter is None or chapter.page is None or chapter.page.content is None:
                continue
            p = chapter.page
            chapters.append(printguide.Page(uri, p.url, p.title or uri, p.content))
        guide = printguide.assemble(chapters, page.url, config.site_url)
        for problem in guide.problems:
            log.warning(
                f"{file.src_path}: {problem}. The printed guide puts every page's ids behind the "
                "page's own prefix; check the chapter's HTML for an id written in an unusual way."
            )
        page.content = page.content.replace(printguide.PLACEHOLDER, guide.html)
        # The sidebar's "On this page" lists the chapters.
        page.toc = TableOfContents(
            [AnchorLink(title, anchor, 2) for title, anchor in guide.chapters]
        )
        return env
