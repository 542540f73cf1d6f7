"""MkDocs hook: the whole guide on one printable page (docs/print.md), from the nav's pages.

It only wires ``printguide`` (which never imports MkDocs) into the build: the nav gives the
order, and ``on_env``, when every page's content is finished (citations, evidence boxes,
reference lists) and no template has been rendered yet, gives the pages' HTML. The print page
is then rendered like any other page, with the site's header, search and stylesheets.
"""

from __future__ import annotations

import logging

from mkdocs.plugins import event_priority
from mkdocs.structure.toc import AnchorLink, TableOfContents

from ketamine_site import printguide

# A "mkdocs.plugins.*" logger: its warnings count for `mkdocs build --strict`.
log = logging.getLogger("mkdocs.plugins.print")

PRINT_PAGE = "print.md"  # in docs/

_nav_order: list[str] = []  # src_uri of each page in the nav, in order (reset every build)


def on_nav(nav, config, files):
    _nav_order[:] = [page.file.src_uri for page in nav.pages]
    return nav


@event_priority(-50)  # after the other hooks' on_env (the citation hook fills its pages there)
def on_env(env, config, files):
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
    for uri in _nav_order:
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
    page.toc = TableOfContents([AnchorLink(title, anchor, 2) for title, anchor in guide.chapters])
    return env
