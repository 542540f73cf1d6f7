"""MkDocs hook: wires the citation engine and the evidence levels into the build.

It only wires events; the work is in ``citations`` and ``evidence``, which never import MkDocs.
MkDocs adds this file's folder to ``sys.path`` only while loading it, so engine modules are
imported here, at the top. ``mkdocs serve`` does not reload this module between builds: per-build
state is reset in ``on_config``, and the bibliography is parsed again only when the file changes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import get_data

import evidence
from citations import Bibliography, BibliographyError, load_bibliography
from citations.markdown_ext import CitationExtension, FormattedReferences
from citations.markers import locate
from citations.render import BibliographyEntry, bibliography_html
from frontmatter import front_matter_error

# A "mkdocs.plugins.*" logger: its warnings count for `mkdocs build --strict`.
log = logging.getLogger("mkdocs.plugins.citations")

BIBLIOGRAPHY_FILE = "references.bib"  # beside mkdocs.yml
BIBLIOGRAPHY_PAGE = "references.md"  # in docs/: the site-wide bibliography
BIBLIOGRAPHY_PLACEHOLDER = "<!-- bibliography -->"


@dataclass
class _Cached:
    signature: tuple[int, int] | None = None
    bibliography: Bibliography | None = None
    references: FormattedReferences | None = None


@dataclass
class _Build:
    extension: CitationExtension
    cited_on: dict[str, list] = field(default_factory=dict)  # key → pages citing it
    declarations: list[evidence.Declaration] = field(default_factory=list)


_cache = _Cached()
_build: _Build | None = None


def _load(path: Path) -> tuple[Bibliography, FormattedReferences]:
    """Parse the bibliography once, and again only when the file has changed (mkdocs serve)."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise PluginError(f"{path}: bibliography not found. Create it (it may be empty).") from None
    signature = (stat.st_mtime_ns, stat.st_size)
    if _cache.signature != signature or _cache.bibliography is None:
        try:
            bibliography = load_bibliography(path, _display_name(path))
        except BibliographyError as error:
            raise PluginError(f"Bibliography error:\n{error}") from None
        _cache.signature, _cache.bibliography = signature, bibliography
        _cache.references = FormattedReferences(bibliography)
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
    bibliography, references = _load(path)
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
    return html


def on_env(env, config, files):
    # Every page's content exists now, and no template has been rendered yet.
    bibliography = _build.extension.bibliography
    uncited = [record.key for record in bibliography if record.key not in _build.cited_on]
    if uncited:
        log.info(
            f"{BIBLIOGRAPHY_FILE}: {len(uncited)} entries are not cited by any page: "
            + ", ".join(uncited)
        )
    file = files.get_file_from_path(BIBLIOGRAPHY_PAGE)
    if file is None or file.page is None:
        return env
    page = file.page
    if BIBLIOGRAPHY_PLACEHOLDER not in (page.content or ""):
        log.warning(
            f"{file.src_path}: no '{BIBLIOGRAPHY_PLACEHOLDER}' line; add it where the "
            "site-wide bibliography should appear"
        )
        return env
    references = _build.extension.references
    entries = []
    for key, pages in _build.cited_on.items():
        reference_html, text = references.get(key)
        cited_on = tuple((p.title, _page_link(p, page, f"ref-{key}")) for p in pages)
        entries.append(BibliographyEntry(key, reference_html, text, cited_on))
    page.content = page.content.replace(BIBLIOGRAPHY_PLACEHOLDER, bibliography_html(entries))
    if page.present_anchor_ids is not None:
        page.present_anchor_ids.update(_build.cited_on)
    return env
