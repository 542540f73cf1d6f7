"""MkDocs hook: wires the citation engine and the evidence levels into the build.

It only wires events; the work is in ``citations`` and ``evidence``, which never import MkDocs.
MkDocs adds this file's folder to ``sys.path`` only while loading it, so engine modules are
imported here, at the top. ``mkdocs serve`` does not reload this module between builds: per-build
state is reset in ``on_config``, and the bibliography is parsed again only when the file changes.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import get_data

from ketamine_site import evidence
from ketamine_site.citations import Bibliography, BibliographyError, load_bibliography
from ketamine_site.citations.markdown_ext import CitationExtension, FormattedReferences
from ketamine_site.citations.markers import locate
from ketamine_site.citations.render import BibliographyEntry, bibliography_html, bibliography_order
from ketamine_site.citations.style import CitationStyle, get_style
from ketamine_site.frontmatter import front_matter_error

# A "mkdocs.plugins.*" logger: its warnings count for `mkdocs build --strict`.
log = logging.getLogger("mkdocs.plugins.citations")

BIBLIOGRAPHY_FILE = "references.bib"  # beside mkdocs.yml
BIBLIOGRAPHY_PAGE = "references.md"  # in docs/: the site-wide bibliography
BIBLIOGRAPHY_PLACEHOLDER = "<!-- bibliography -->"


@dataclass
class _Cached:
    signature: tuple[int, int, str] | None = None
    bibliography: Bibliography | None = None
    references: FormattedReferences | None = None


@dataclass
class _Build:
    extension: CitationExtension
    cited_on: dict[str, list] = field(default_factory=dict)  # key → pages citing it
    declarations: list[evidence.Declaration] = field(default_factory=list)
    # page → the content that search sees instead of the page's own (the site bibliography)
    search_copies: dict[str, str] = field(default_factory=dict)
    # page → (its content while search reads it, its full content), for page_context
    full_content: dict[str, tuple[str, str]] = field(default_factory=dict)


_cache = _Cached()
_build: _Build | None = None


def _load(
    path: Path, style: CitationStyle | None = None
) -> tuple[Bibliography, FormattedReferences]:
    """Parse the bibliography once, and again only when the file (or the style) has changed
    (mkdocs serve)."""
    style = style or get_style(None)
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise PluginError(f"{path}: bibliography not found. Create it (it may be empty).") from None
    signature = (stat.st_mtime_ns, stat.st_size, style.name)
    if _cache.signature != signature or _cache.bibliography is None:
        try:
            bibliography = load_bibliography(path, _display_name(path))
        except BibliographyError as error:
            raise PluginError(f"Bibliography error:\n{error}") from None
        _cache.signature, _cache.bibliography = signature, bibliography
        _cache.references = FormattedReferences(bibliography, style)
    return _cache.bibliography, _cache.references


def _display_name(path: Path) -> str:
    """Name files as a maintainer in the project folder would type them."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _page_link(target, from_page, anchor: str) -> str:
    # MkDocs gives ".." for the home page seen from "references/"; a link wants "../".
    url = get_relative_url(target.url, from_page.url)
    if target.url.endswith("/") or target.url == "":
        url = url.rstrip("/") + "/"
    return f"{url}#{anchor}"


def on_config(config):
    global _build
    path = Path(config.config_file_path).parent / BIBLIOGRAPHY_FILE
    try:  # mkdocs.yml: `extra: citation_style: vancouver` (default AMA)
        style = get_style(config.extra.get("citation_style"))
    except KeyError as error:
        raise PluginError(f"mkdocs.yml: extra: citation_style: {error.args[0]}") from None
    bibliography, references = _load(path, style)
    extension = CitationExtension(bibliography, references)
    config.markdown_extensions.append(extension)
    _build = _Build(extension)
    return config


def on_nav(nav, config, files):
    # Every page's declaration is needed before the home page renders its table.
    _build.declarations = []
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
            _build.declarations.append(declaration)
    return nav


def on_page_markdown(markdown, page, config, files):
    declaration = next((d for d in _build.declarations if d.src_uri == page.file.src_uri), None)
    if declaration:
        markdown = evidence.insert_after_title(markdown, evidence.header_markdown(declaration))
    if evidence.TABLE_PLACEHOLDER in markdown:
        table = evidence.table_markdown(_build.declarations, page.file.src_uri)
        markdown = markdown.replace(evidence.TABLE_PLACEHOLDER, table)
    return markdown


def on_page_content(html, page, config, files):
    result = _build.extension.result
    if result.problems:
        source = page.file.content_string
        for problem in result.problems:
            line = locate(source, problem.key, problem.occurrence) if problem.key else None
            where = f"{page.file.src_path}:{line}" if line else page.file.src_path
            log.warning(f"{where}: {problem.message}")
    for key in result.cited:
        _build.cited_on.setdefault(key, []).append(page)
    if page.present_anchor_ids is not None:
        # The reference list is raw HTML, so MkDocs did not see its ids: links to them validate.
        page.present_anchor_ids.update(f"ref-{key}" for key in result.cited)
    return html


# Citation groups and page reference lists are kept out of the search index: a search for a word
# would otherwise find every page whose tooltips or references contain it, and the index would
# repeat each reference once per citation. Marking them `data-search-exclude` would do that too,
# but Material's search plugin still parses every tag it then skips, which cost more than the
# rest of the hook put together. So, for the search plugin's turn only (page_context, priority
# 0), the page's content is a copy without them, and the full content is put back before the page
# is rendered: the page keeps every byte of its markup, and the index is the one that
# `data-search-exclude` on those elements would give. Each piece runs from its opening text to
# its first closing tag (none of them holds its own tag).
_HIDDEN_FROM_SEARCH = (
    ('<sup class="citation" id="cite-', "</sup>"),
    ('<ol class="references">', "</ol>"),
)


def _hidden_spans(content: str) -> list[tuple[int, int]]:
    """(start, end) of each piece to hide, in page order; str.find, as a regex scan costs more."""
    spans = []
    for opening, closing in _HIDDEN_FROM_SEARCH:
        start = content.find(opening)
        while start >= 0:
            end = content.find(closing, start)
            if end < 0:
                break
            end += len(closing)
            spans.append((start, end))
            start = content.find(opening, end)
    spans.sort()
    return spans


def _without_hidden(content: str) -> str:
    pieces, position = [], 0
    for start, end in _hidden_spans(content):
        if start >= position:  # not inside a piece already left out
            pieces.append(content[position:start])
            position = end
    return "".join(pieces) + content[position:] if pieces else content


@event_priority(100)  # before the search plugin
def _hide_from_search(context, page, config, nav):
    uri = page.file.src_uri
    full = page.content or ""
    # The site bibliography has a copy of its own for search (see _fill_bibliography).
    for_search = _without_hidden(_build.search_copies.pop(uri, full))
    if for_search is not full:
        page.content = for_search
        _build.full_content[uri] = (for_search, full)
    return context


@event_priority(-100)  # after the search plugin
def _restore_after_search(context, page, config, nav):
    saved = _build.full_content.pop(page.file.src_uri, None)
    if saved is not None:
        for_search, full = saved
        if page.content != for_search:
            log.warning(
                f"{page.file.src_path}: a plugin changed the page's content during page_context, "
                "between the citation hook's two steps; its change is dropped so that the page "
                "keeps its citations. Run that plugin on page_content instead."
            )
        page.content = full
    return context


on_page_context = CombinedEvent(_hide_from_search, _restore_after_search)


def on_env(env, config, files):
    # Every page's content exists now, and no template has been rendered yet.
    _fill_bibliography(files)
    _report_entry_problems()
    return env


def _report_entry_problems() -> None:
    """Entries that render with what they have: a warning (so --strict fails) when a page
    cites one, else info. Only what stops the file from being read ends the build."""
    for problem in _build.extension.bibliography.problems:
        cited = problem.key is None or problem.key in _build.cited_on
        (log.warning if cited else log.info)(str(problem))


def _fill_bibliography(files) -> None:
    bibliography = _build.extension.bibliography
    uncited = [record.key for record in bibliography if record.key not in _build.cited_on]
    if uncited:
        log.info(
            f"{BIBLIOGRAPHY_FILE}: {len(uncited)} entries are not cited by any page: "
            + ", ".join(uncited)
        )
    file = files.get_file_from_path(BIBLIOGRAPHY_PAGE)
    if file is None or file.page is None:
        return
    page = file.page
    if BIBLIOGRAPHY_PLACEHOLDER not in (page.content or ""):
        log.warning(
            f"{file.src_path}: no '{BIBLIOGRAPHY_PLACEHOLDER}' line; add it where the "
            "site-wide bibliography should appear"
        )
        return
    references = _build.extension.references
    links: dict[str, str] = {}  # each citing page's URL from here, worked out once

    def link(target, key: str) -> str:
        uri = target.file.src_uri
        if uri not in links:
            links[uri] = _page_link(target, page, "")
        return links[uri] + f"ref-{key}"

    entries = []
    for key, pages in _build.cited_on.items():
        reference_html, text = references.get(key)
        cited_on = tuple([(p.title, link(p, key)) for p in pages])
        entries.append(BibliographyEntry(key, reference_html, text, cited_on))
    ordered = bibliography_order(entries)
    content = page.content
    page.content = content.replace(BIBLIOGRAPHY_PLACEHOLDER, bibliography_html(ordered))
    # Search gets each reference as bare text: the words its index keeps, without the tags
    # (italics, links, "Cited on", permalinks) it would parse only to drop.
    items = "".join(f"<li>{html.escape(e.sort_text, quote=False)} </li>\n" for e in ordered)
    search_copy = f'<ul class="bibliography">\n{items}</ul>' if ordered else bibliography_html([])
    _build.search_copies[file.src_uri] = content.replace(BIBLIOGRAPHY_PLACEHOLDER, search_copy)
    if page.present_anchor_ids is not None:
        page.present_anchor_ids.update(_build.cited_on)
