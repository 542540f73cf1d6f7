"""MkDocs hook: each content page tells machines what it is and what it cites.

Reference managers (Zotero, Mendeley) and Google Scholar read the ``citation_*`` tags, search
engines the JSON-LD, link previews the Open Graph tags; readers can download a page's sources, or
the whole site's, as BibTeX and RIS. The work is in ``ketamine_site.metadata`` (no MkDocs there);
this file only wires it in. It runs after ``mkdocs_hooks.py`` (mkdocs.yml lists it later), whose
``on_page_content`` leaves each page's cited records in ``page.cited_records``. The head tags reach
the page through ``overrides/main.html``, which prints ``page_metadata_head`` in ``extrahead``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from markupsafe import Markup

from ketamine_site.metadata import downloads
from ketamine_site.metadata.head import head_html
from ketamine_site.metadata.page import (
    PageInfo,
    ReviewedDateError,
    Site,
    reviewed_date,
    site_bibliography,
)

# A "mkdocs.plugins.*" logger: its warnings count for `mkdocs build --strict`.
log = logging.getLogger("mkdocs.plugins.metadata")

# The maintainers' guide is about the site, not a source on ketamine: no citation metadata there.
WITHOUT_METADATA = ("contributing/",)
BIBLIOGRAPHY_PAGE = "references.md"  # its list is every source cited anywhere on the site
BIBLIOGRAPHY_PLACEHOLDER = "<!-- bibliography -->"  # where mkdocs_hooks puts that list
REFERENCE_LIST = '<ol class="references">'
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"  # the text's licence (README)

# Per build, as `mkdocs serve` reuses this module: src_uri → (dest_uri, records) of each content
# page that cites something, where the References page is written, and the site's details.
_cited: dict[str, tuple[str, tuple]] = {}
_cited_anywhere: list = []  # every page's records, the Contributing pages' too: the site's list
_bibliography_dest: list[str] = []
_site_records: list = []  # every record cited on any page, once, in the References page's order
_site: Site | None = None


def _has_metadata(page) -> bool:
    return not page.file.src_uri.startswith(WITHOUT_METADATA)


def on_config(config):
    global _site
    _cited.clear()
    _cited_anywhere.clear()
    _bibliography_dest.clear()
    _site_records.clear()
    language = config.theme.get("language") or ""
    _site = Site(config.site_name, config.site_url or "", language, LICENSE_URL)
    return config


def on_page_content(html, page, config, files):
    _cited_anywhere.extend(getattr(page, "cited_records", ()))
    if not _has_metadata(page):
        return html
    dest = page.file.dest_uri
    if page.file.src_uri == BIBLIOGRAPHY_PAGE:
        _bibliography_dest.append(dest)
        links = downloads.links_html(
            dest, downloads.site_files(dest), "Download every reference on this site"
        )
        return html.replace(BIBLIOGRAPHY_PLACEHOLDER, f"{links}\n{BIBLIOGRAPHY_PLACEHOLDER}", 1)
    records = tuple(getattr(page, "cited_records", ()))
    start = html.find(REFERENCE_LIST)
    end = html.find("</ol>", start) if start >= 0 else -1
    if not records or end < 0:
        return html
    _cited[page.file.src_uri] = (dest, records)
    end += len("</ol>")
    links = downloads.links_html(dest, downloads.page_files(dest), "Download these references")
    return html[:end] + "\n" + links + html[end:]


def on_env(env, config, files):
    # Every page's content exists now: the site's list is complete, and is sorted once.
    _site_records[:] = site_bibliography(_cited_anywhere)
    return env


def _reviewed(page) -> str:
    try:
        return reviewed_date(page.meta.get("reviewed"))
    except ReviewedDateError as error:
        lines = page.file.content_string.splitlines()
        line = next((n for n, text in enumerate(lines, 1) if text.startswith("reviewed:")), None)
        where = f"{page.file.src_path}:{line}" if line else page.file.src_path
        log.warning(f"{where}: {error}")
        return ""


def on_page_context(context, page, config, nav):
    if not _has_metadata(page):
        return context
    uri = page.file.src_uri
    # The References page's list is the site's whole bibliography.
    records = tuple(_site_records) if uri == BIBLIOGRAPHY_PAGE else _cited.get(uri, ("", ()))[1]
    info = PageInfo(
        title=page.meta.get("title") or page.title or "",
        description=page.meta.get("description") or config.site_description or "",
        url=page.canonical_url or "",
        reviewed=_reviewed(page),
        is_home=page.is_homepage,
        records=records,
        site=_site,
    )
    # Markup: the engine escaped every value already; Jinja must print the tags as they are.
    context["page_metadata_head"] = Markup(head_html(info))
    return context


def on_post_build(config):
    site = Path(config.site_dir)

    def write(path: str, text: str) -> None:
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))

    for dest, records in _cited.values():
        files = downloads.page_files(dest)
        write(files[downloads.BIBTEX], downloads.bibtex(records))
        write(files[downloads.RIS], downloads.ris(records))
    if _bibliography_dest:
        files = downloads.site_files(_bibliography_dest[0])
        records = _site_records
        write(files[downloads.BIBTEX], downloads.bibtex(records))
        write(files[downloads.RIS], downloads.ris(records))
