"""The MkDocs plugin: ``[@key]`` citations resolved from a .bib file, on any MkDocs site.

    plugins:
      - citations:
          bibliography: references.bib

Only wiring between MkDocs' events and the engine (``mkdocs_citations.engine``, which never
imports MkDocs); its state lives on the instance, and MkDocs makes one instance per
``mkdocs serve``, so what must not outlive a build is reset in ``on_config``. A site adds its
own features through the methods at the end (``cited_records``, ``site_records``, ``locate``,
...), reaching the plugin as ``config.plugins["citations"]``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File

from mkdocs_citations import searchhide, serving, sitebibliography
from mkdocs_citations.bibcache import BibliographyCache
from mkdocs_citations.config import CitationsConfig
from mkdocs_citations.engine import Problem, Record
from mkdocs_citations.engine.markdown_ext import CitationExtension
from mkdocs_citations.engine.markers import locate, locate_written
from mkdocs_citations.engine.style import get_style
from mkdocs_citations.errorbanner import banner_html

# A "mkdocs.plugins.*" logger: its warnings count for `mkdocs build --strict`.
log = logging.getLogger("mkdocs.plugins.citations")

STYLESHEET = Path(__file__).resolve().parent / "assets" / "citations.css"
STYLESHEET_URI = "assets/stylesheets/citations.css"  # where the built site has it

# (page's source, problem) → the problem's 1-based line in the source, or None
Locator = Callable[[object, Problem], "int | None"]


@dataclass
class _Build:
    """What one build learns, page by page."""

    extension: CitationExtension
    banner: str = ""  # shown on every page while serve runs on the last good bibliography
    cited: dict[str, tuple[str, ...]] = field(default_factory=dict)  # src_uri → keys, in order
    cited_on: dict[str, list] = field(default_factory=dict)  # key → pages citing it
    site_keys: list[str] = field(default_factory=list)  # every cited key, as the site lists them
    after_references: dict[str, str] = field(default_factory=dict)  # src_uri → HTML
    before_bibliography: str = ""
    # page → the content that search sees instead of the page's own (the site bibliography)
    search_copies: dict[str, str] = field(default_factory=dict)
    # page → (its content while search reads it, its full content), for page_context
    full_content: dict[str, tuple[str, str]] = field(default_factory=dict)


class CitationsPlugin(BasePlugin[CitationsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self._bibliographies = BibliographyCache()
        self._build: _Build | None = None
        self._serving = False  # mkdocs serve: a bad bibliography is shown, not fatal
        self._code: serving.Snapshot = {}  # the code files as serve loaded them
        self._watched: set[Path] = set()  # files and folders a site asked to watch
        self._locator: Locator | None = None
        self._hidden: list[tuple[str, str]] = []  # the site's own pieces kept from search

    # ---- MkDocs events ---------------------------------------------------------------------

    def on_startup(self, *, command, dirty) -> None:
        self._serving = command == "serve"

    def on_config(self, config):
        if self._serving:
            self._check_code(config)
        style = get_style(self.config.style)
        path = Path(self.config.bibliography)
        name = _display_name(path)
        loaded = self._bibliographies.load(path, name, style)
        banner = ""
        if loaded.error:
            if not self._serving:
                raise PluginError(f"Bibliography error:\n{loaded.error}")
            log.error(
                f"Bibliography error (the preview keeps the last good version):\n{loaded.error}"
            )
            banner = banner_html(loaded.error, name)
        extension = CitationExtension(
            loaded.bibliography, loaded.references, heading=self.config.heading
        )
        config.markdown_extensions.append(extension)
        if STYLESHEET_URI not in config.extra_css:
            # First: the site's own stylesheets come after it and may override it.
            config.extra_css.insert(0, STYLESHEET_URI)
        self._build = _Build(extension, banner)
        return config

    def _check_code(self, config) -> None:
        """In serve: say when the plugin's, the hooks' or watched code changed since start-up."""
        if not self._code:
            hooks = [getattr(module, "__file__", None) for module in config["hooks"].values()]
            self._code = serving.snapshot([Path(path) for path in hooks if path])
        elif changed := serving.changed_files(self._code, self._watched):
            log.warning(serving.restart_message(changed, Path.cwd()))

    def on_files(self, files, *, config):
        if files.get_file_from_path(STYLESHEET_URI) is None:
            files.append(File.generated(config, STYLESHEET_URI, abs_src_path=str(STYLESHEET)))
        return files

    @event_priority(-100)  # last: the site's hooks may ask for something after the list first
    def on_page_markdown(self, markdown, *, page, config, files):
        self._build.extension.after_references = self._build.after_references.pop(
            page.file.src_uri, ""
        )
        return markdown

    @event_priority(100)  # first: the site's hooks read the page's citations after this
    def on_page_content(self, html, *, page, config, files):
        build = self._build
        result = build.extension.result
        for problem in result.problems:
            line = self.locate(page, problem) if problem.key else None
            if line is None and problem.written:  # a [@…] that names no readable key
                line = locate_written(page.file.content_string, problem.written, problem.occurrence)
            where = f"{page.file.src_path}:{line}" if line else page.file.src_path
            log.warning(f"{where}: {problem.message}")
        build.cited[page.file.src_uri] = tuple(result.cited)
        for key in result.cited:
            build.cited_on.setdefault(key, []).append(page)
        if page.present_anchor_ids is not None:
            # The reference list is raw HTML, so MkDocs did not see its ids: links to them work.
            page.present_anchor_ids.update(f"ref-{key}" for key in result.cited)
        return build.banner + html

    # Search reads each page without its citations and reference lists (see searchhide): the
    # copy goes in before the search plugin's turn (priority 0) and the full page comes back
    # after it.
    @event_priority(100)
    def _hide_from_search(self, context, *, page, config, nav):
        if not self.config.hide_from_search:
            return context
        uri = page.file.src_uri
        full = page.content or ""
        # The site bibliography has a copy of its own for search (see on_env).
        given = self._build.search_copies.pop(uri, full)
        for_search = searchhide.for_search(given, self._hidden)
        if for_search is not full:
            page.content = for_search
            self._build.full_content[uri] = (for_search, full)
        return context

    @event_priority(-100)
    def _restore_after_search(self, context, *, page, config, nav):
        saved = self._build.full_content.pop(page.file.src_uri, None)
        if saved is not None:
            page.content, changed = searchhide.after_search(saved[0], page.content, saved[1])
            if changed:
                log.warning(
                    f"{page.file.src_path}: a plugin changed the page's content during "
                    "page_context, between the citation plugin's two steps; its change is "
                    "dropped so that the page keeps its citations. Run that plugin on "
                    "page_content instead."
                )
        return context

    on_page_context = CombinedEvent(_hide_from_search, _restore_after_search)

    @event_priority(50)  # before the site's on_env hooks, which read the site's list
    def on_env(self, env, *, config, files):
        # Every page's content exists now, and no template has been rendered yet.
        build = self._build
        self._report_entry_problems()
        references = build.extension.references
        build.site_keys = sitebibliography.order(build.cited_on, references)
        bibliography = build.extension.bibliography
        if uncited := sitebibliography.uncited(bibliography.records, build.cited_on):
            log.info(
                f"{_display_name(Path(self.config.bibliography))}: {len(uncited)} entries are "
                "not cited by any page: " + ", ".join(uncited)
            )
        file = files.get_file_from_path(self.config.bibliography_page)
        if file is None or file.page is None:
            return env
        page = file.page
        placeholder = self.config.placeholder
        if placeholder not in (page.content or ""):
            log.warning(
                f"{file.src_path}: no '{placeholder}' line; add it where the site-wide "
                "bibliography should appear"
            )
            return env
        cited_on = {
            key: [sitebibliography.CitingPage(p.title, p.url) for p in build.cited_on[key]]
            for key in build.site_keys
        }
        page.content, build.search_copies[file.src_uri] = sitebibliography.fill(
            page.content,
            cited_on,
            references,
            page.url,
            placeholder=placeholder,
            before=build.before_bibliography,
        )
        if page.present_anchor_ids is not None:
            page.present_anchor_ids.update(build.cited_on)
        return env

    def _report_entry_problems(self) -> None:
        """Entries that render with what they have: a warning (so --strict fails) when a page
        cites one, else info. Only what stops the file from being read ends the build."""
        for problem in self._build.extension.bibliography.problems:
            cited = problem.key is None or problem.key in self._build.cited_on
            (log.warning if cited else log.info)(str(problem))

    # ---- What a site's own hooks may ask ---------------------------------------------------

    def cited_records(self, page) -> tuple[Record, ...]:
        """The records ``page`` cites, in its reference list's order (after its page_content)."""
        bibliography = self._build.extension.bibliography
        return tuple(bibliography[key] for key in self._build.cited.get(page.file.src_uri, ()))

    def site_records(self) -> tuple[Record, ...]:
        """Every record cited anywhere, once, in the site-wide bibliography's order (from on_env:
        the order of the bibliography page, in the configured style)."""
        bibliography = self._build.extension.bibliography
        return tuple(bibliography[key] for key in self._build.site_keys)

    def is_bibliography_page(self, page) -> bool:
        return page.file.src_uri == self.config.bibliography_page

    def add_after_references(self, page, html: str) -> None:
        """Put ``html`` right after ``page``'s reference list, if it gets one (call it no later
        than on_page_markdown)."""
        self._build.after_references[page.file.src_uri] = html

    def add_before_bibliography(self, html: str) -> None:
        """Put ``html`` before the site-wide bibliography's list (no later than on_env)."""
        self._build.before_bibliography = html

    def hide_from_search(self, opening: str, closing: str) -> None:
        """Also keep each piece from ``opening`` to its first ``closing`` out of the index."""
        if (opening, closing) not in self._hidden:
            self._hidden.append((opening, closing))

    def set_locator(self, locator: Locator | None) -> None:
        """How to find a problem's line in a page whose Markdown the site added citations to
        (``locator(page, problem)``); None: the n-th ``@key`` of the source."""
        self._locator = locator

    def locate(self, page, problem: Problem) -> int | None:
        """The 1-based line of ``problem`` (a citation of ``problem.key``) in ``page``'s source."""
        if self._locator is not None:
            return self._locator(page, problem)
        return locate(page.file.content_string, problem.key, problem.occurrence)

    def watch_code(self, paths: Iterable[Path]) -> None:
        """In serve: also say when the code in ``paths`` (files or folders) changes."""
        if not self._serving:
            return
        new = [path for path in (Path(p).resolve() for p in paths) if path not in self._watched]
        if new:  # as it is now, the first time only: later rebuilds compare against this
            self._watched.update(new)
            self._code = {**serving.snapshot(new), **self._code}


def _display_name(path: Path) -> str:
    """Name files as a maintainer in the project folder would type them."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
