"""Each content page tells machines what it is and what it cites.

Reference managers (Zotero, Mendeley) and Google Scholar read the ``citation_*`` tags, search
engines the JSON-LD, link previews the Open Graph tags; readers can download a page's sources, or
the whole site's, as BibTeX and RIS. The work is in ``ketamine_site.metadata``; the records come
from the citation plugin (``cited_records``, ``site_records``). The head tags reach the page
through ``overrides/main.html``, which prints ``page_metadata_head`` in ``extrahead``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from markupsafe import Markup

from ketamine_site import reviewdates
from ketamine_site.hooks import citations_plugin
from ketamine_site.metadata import downloads, fields
from ketamine_site.metadata.head import head_html
from ketamine_site.metadata.page import PageInfo, Site

# A "mkdocs.plugins.*" logger: its warnings count for `mkdocs build --strict`.
log = logging.getLogger("mkdocs.plugins.metadata")

# The maintainers' guide is about the site, not a source on ketamine: no citation metadata there.
WITHOUT_METADATA = ("contributing/",)
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"  # the text's licence (README)


class MetadataHook:
    def __init__(self) -> None:
        self.plugin = None
        self.site: Site | None = None
        self.downloads: list[tuple[str, tuple]] = []  # (dest_uri, records) of each citing page
        self.bibliography_dest = ""  # where the References page is written, if built

    def on_config(self, config):
        self.plugin = citations_plugin(config)
        self.downloads = []
        self.bibliography_dest = ""
        fields.clear()  # a new build: the records may be a new bibliography's
        language = config.theme.get("language") or ""
        self.site = Site(config.site_name, config.site_url or "", language, LICENSE_URL)
        return config

    @staticmethod
    def _has_metadata(page) -> bool:
        return not page.file.src_uri.startswith(WITHOUT_METADATA)

    def on_page_markdown(self, markdown, page, config, files):
        if not self._has_metadata(page):
            return markdown
        dest = page.file.dest_uri
        if self.plugin.is_bibliography_page(page):
            self.bibliography_dest = dest
            lead = "Download every reference on this site"
            self.plugin.add_before_bibliography(
                downloads.links_html(dest, downloads.site_files(dest), lead)
            )
        else:
            links = downloads.page_files(dest)
            lead = "Download these references"
            self.plugin.add_after_references(page, downloads.links_html(dest, links, lead))
        return markdown

    def on_page_content(self, html, page, config, files):
        records = self.plugin.cited_records(page)
        if records and self._has_metadata(page) and not self.plugin.is_bibliography_page(page):
            self.downloads.append((page.file.dest_uri, records))
        return html

    def on_page_context(self, context, page, config, nav):
        if not self._has_metadata(page):
            return context
        if self.plugin.is_bibliography_page(page):
            records = self.plugin.site_records()  # the site's whole bibliography, in its order
        else:
            records = self.plugin.cited_records(page)
        review = reviewdates.read_review(page.file.content_string)
        info = PageInfo(
            title=page.meta.get("title") or page.title or "",
            description=page.meta.get("description") or config.site_description or "",
            url=page.canonical_url or "",
            # A page without a usable date has none here; the pages hook reports why.
            reviewed=review.reviewed.isoformat() if isinstance(review, reviewdates.Review) else "",
            is_home=page.is_homepage,
            records=records,
            site=self.site,
        )
        # Markup: the engine escaped every value already; Jinja must print the tags as they are.
        context["page_metadata_head"] = Markup(head_html(info))
        return context

    def on_post_build(self, config):
        site = Path(config.site_dir)

        def write(path: str, text: str) -> None:
            target = site / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8"))

        for dest, records in self.downloads:
            files = downloads.page_files(dest)
            write(files[downloads.BIBTEX], downloads.bibtex(records))
            write(files[downloads.RIS], downloads.ris(records))
        if self.bibliography_dest:
            records = self.plugin.site_records()
            files = downloads.site_files(self.bibliography_dest)
            write(files[downloads.BIBTEX], downloads.bibtex(records))
            write(files[downloads.RIS], downloads.ris(records))
