"""MkDocs hook: links to a missing page or section, reported with their line and the likely fix.

MkDocs warns about such links too, but names neither the line nor the page or id meant. This
hook only wires ``pagelinks`` (which never imports MkDocs) into the build. It is separate from the
citation hook because it checks every page's links, cited or not, and a site may want one without
the other.
"""

from __future__ import annotations

import logging

from mkdocs.plugins import event_priority

from ketamine_site import pagelinks

# A "mkdocs.plugins.*" logger: its warnings count for `mkdocs build --strict`.
log = logging.getLogger("mkdocs.plugins.links")
# MkDocs' own link warnings come from this logger; the ones for links reported here are dropped.
_reported = pagelinks.ReportedLinks()
logging.getLogger("mkdocs.structure.pages").addFilter(_reported)

# Per build, as `mkdocs serve` reuses this module: every file's src_uri, and each page's links
# as on_page_markdown found them, so that on_env checks their anchors without a second scan.
_file_names: set[str] = set()
_targets: dict[str, list[pagelinks.Target]] = {}


def on_files(files, config):
    global _file_names
    _file_names = {file.src_uri for file in files}  # once, not once per page
    _targets.clear()
    _reported.reported.clear()
    return files


def on_page_markdown(markdown, page, config, files):
    source, uri = page.file.content_string, page.file.src_uri
    targets = _targets[uri] = pagelinks.link_targets(source)
    for link in pagelinks.broken_links(source, uri, _file_names, targets=targets):
        log.warning(f"{page.file.src_path}:{link.line}: {link.message()}")
        _reported.add(uri, link.target)
    return markdown


@event_priority(-100)  # last: other hooks add ids in on_env (the site bibliography's entries)
def on_env(env, config, files):
    pages = [f for f in files.documentation_pages() if f.page is not None]
    ids = {f.src_uri: f.page.present_anchor_ids or set() for f in pages}
    for file in pages:
        source, uri = file.content_string, file.src_uri
        targets = _targets.get(uri)  # None if a plugin rendered the page without on_page_markdown
        for link in pagelinks.broken_anchors(source, uri, ids, targets=targets):
            log.warning(f"{file.src_path}:{link.line}: {link.message()}")
            _reported.add(uri, link.target)
    return env
