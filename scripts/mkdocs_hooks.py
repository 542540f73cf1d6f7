"""MkDocs hook: wires the citation engine and the evidence levels into the build.

Only wiring: each event hands MkDocs' objects to the engine (``ketamine_site``, which never
imports MkDocs) and reports the problems it returns. MkDocs adds this file's folder to
``sys.path`` only while loading it, so engine modules are imported here, at the top.
``mkdocs serve`` does not reload this module between builds: per-build state is reset in
``on_config``, and the bibliography is parsed again only when the file changes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.utils.meta import get_data

from ketamine_site import evidence, searchhide, serving, sitebibliography
from ketamine_site.bibcache import BibliographyCache
from ketamine_site.citations.markdown_ext import CitationExtension
from ketamine_site.citations.markers import locate_written
from ketamine_site.citations.style import get_style
from ketamine_site.errorbanner import banner_html
from ketamine_site.frontmatter import front_matter_error

# A "mkdocs.plugins.*" logger: its warnings count for `mkdocs build --strict`.
log = logging.getLogger("mkdocs.plugins.citations")

BIBLIOGRAPHY_FILE = "references.bib"  # beside mkdocs.yml
BIBLIOGRAPHY_PAGE = "references.md"  # in docs/: the site-wide bibliography


@dataclass
class _Build:
    extension: CitationExtension
    banner: str = ""  # shown on every page while serve runs on the last good bibliography
    cited_on: dict[str, list] = field(default_factory=dict)  # key → pages citing it
    declarations: dict[str, evidence.Declaration] = field(default_factory=dict)  # by src_uri
    # page → the content that search sees instead of the page's own (the site bibliography)
    search_copies: dict[str, str] = field(default_factory=dict)
    # page → (its content while search reads it, its full content), for page_context
    full_content: dict[str, tuple[str, str]] = field(default_factory=dict)


_bibliographies = BibliographyCache()
_build: _Build | None = None
_serving = False  # mkdocs serve: a bad bibliography is shown on the pages, not fatal
_code: serving.Snapshot = {}  # the engine's files as serve loaded them


def on_startup(command, dirty):
    global _serving, _code
    _serving = command == "serve"
    _code = serving.snapshot([__file__]) if _serving else {}


def on_config(config):
    global _build
    if _serving and (changed := serving.changed_files(_code)):
        log.warning(serving.restart_message(changed, Path.cwd()))
    path = Path(config.config_file_path).parent / BIBLIOGRAPHY_FILE
    try:  # mkdocs.yml: `extra: citation_style: vancouver` (default AMA)
        style = get_style(config.extra.get("citation_style"))
    except KeyError as error:
        raise PluginError(f"mkdocs.yml: extra: citation_style: {error.args[0]}") from None
    loaded = _bibliographies.load(path, _display_name(path), style)
    banner = ""
    if loaded.error:
        if not _serving:
            raise PluginError(f"Bibliography error:\n{loaded.error}")
        log.error(f"Bibliography error (the preview keeps the last good version):\n{loaded.error}")
        banner = banner_html(loaded.error, _display_name(path))
    extension = CitationExtension(loaded.bibliography, loaded.references)
    config.markdown_extensions.append(extension)
    _build = _Build(extension, banner)
    return config


def _display_name(path: Path) -> str:
    """Name files as a maintainer in the project folder would type them."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def on_nav(nav, config, files):
    # Every page's declaration is needed before the home page renders its table.
    _build.declarations = {}
    for file in files.documentation_pages():
        if problem := front_matter_error(file.content_string):
            line, message = problem
            log.warning(f"{file.src_path}:{line}: {message}")
        _, meta = get_data(file.content_string)
        try:
            declaration = evidence.read_declaration(meta, file.src_uri)
        except evidence.EvidenceError as error:
            raise PluginError(f"Evidence declaration error: {error}") from None
        if declaration:
            _build.declarations[file.src_uri] = declaration
    return nav


def on_page_markdown(markdown, page, config, files):
    declaration = _build.declarations.get(page.file.src_uri)
    if declaration:
        markdown = evidence.insert_after_summary(markdown, evidence.header_markdown(declaration))
    if evidence.TABLE_PLACEHOLDER in markdown:
        table = evidence.table_markdown(list(_build.declarations.values()), page.file.src_uri)
        markdown = markdown.replace(evidence.TABLE_PLACEHOLDER, table)
    return markdown


def on_page_content(html, page, config, files):
    result = _build.extension.result
    source, uri = page.file.content_string, page.file.src_uri
    for problem in result.problems:
        line = None
        if problem.key:
            declaration = _build.declarations.get(uri)
            line = evidence.citation_line(source, problem.key, problem.occurrence, declaration)
        if line is None and problem.written:
            line = locate_written(source, problem.written, problem.occurrence)
        where = f"{page.file.src_path}:{line}" if line else page.file.src_path
        log.warning(f"{where}: {problem.message}")
    # The page's cited records, in citation order, for scripts/metadata_hooks.py (runs later).
    page.cited_records = tuple(_build.extension.bibliography[key] for key in result.cited)
    for key in result.cited:
        _build.cited_on.setdefault(key, []).append(page)
    if page.present_anchor_ids is not None:
        # The reference list is raw HTML, so MkDocs did not see its ids: links to them validate.
        page.present_anchor_ids.update(f"ref-{key}" for key in result.cited)
    return _build.banner + html


# Search reads each page without its citations and reference lists (see searchhide): the copy
# goes in before the search plugin's turn (priority 0) and the full page comes back after it.
@event_priority(100)
def _hide_from_search(context, page, config, nav):
    uri = page.file.src_uri
    full = page.content or ""
    # The site bibliography has a copy of its own for search (see on_env).
    for_search = searchhide.for_search(_build.search_copies.pop(uri, full))
    if for_search is not full:
        page.content = for_search
        _build.full_content[uri] = (for_search, full)
    return context


@event_priority(-100)
def _restore_after_search(context, page, config, nav):
    saved = _build.full_content.pop(page.file.src_uri, None)
    if saved is not None:
        page.content, changed = searchhide.after_search(saved[0], page.content, saved[1])
        if changed:
            log.warning(
                f"{page.file.src_path}: a plugin changed the page's content during page_context, "
                "between the citation hook's two steps; its change is dropped so that the page "
                "keeps its citations. Run that plugin on page_content instead."
            )
    return context


on_page_context = CombinedEvent(_hide_from_search, _restore_after_search)


def on_env(env, config, files):
    # Every page's content exists now, and no template has been rendered yet.
    _report_entry_problems()
    bibliography = _build.extension.bibliography
    if uncited := sitebibliography.uncited(bibliography.records, _build.cited_on):
        log.info(
            f"{BIBLIOGRAPHY_FILE}: {len(uncited)} entries are not cited by any page: "
            + ", ".join(uncited)
        )
    file = files.get_file_from_path(BIBLIOGRAPHY_PAGE)
    if file is None or file.page is None:
        return env
    page = file.page
    if sitebibliography.PLACEHOLDER not in (page.content or ""):
        log.warning(f"{file.src_path}: {sitebibliography.MISSING_PLACEHOLDER}")
        return env
    cited_on = {
        key: [sitebibliography.CitingPage(p.title, p.url) for p in pages]
        for key, pages in _build.cited_on.items()
    }
    page.content, _build.search_copies[file.src_uri] = sitebibliography.fill(
        page.content, cited_on, _build.extension.references, page.url
    )
    if page.present_anchor_ids is not None:
        page.present_anchor_ids.update(_build.cited_on)
    return env


def _report_entry_problems() -> None:
    """Entries that render with what they have: a warning (so --strict fails) when a page
    cites one, else info. Only what stops the file from being read ends the build."""
    for problem in _build.extension.bibliography.problems:
        cited = problem.key is None or problem.key in _build.cited_on
        (log.warning if cited else log.info)(str(problem))
