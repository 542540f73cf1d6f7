"""Review dates, "Cite this page", and the changelog's RSS feed.

The work is in ``reviewdates``, ``pagecitation`` and ``changelog``, which never import MkDocs.
Everything is added to each page's HTML here rather than through a theme override, so it needs
no template of its own and works beside any ``main.html``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from mkdocs.utils import get_relative_url

from ketamine_site import changelog, layers, pagecitation, reviewdates, sentences

# A "mkdocs.plugins.*" logger: its warnings count for `mkdocs build --strict`.
log = logging.getLogger("mkdocs.plugins.pages")

CHANGELOG_PAGE = "changelog.md"  # in docs/


@dataclass
class _Build:
    today: date
    site_name: str = ""
    site_url: str | None = None
    has_changelog: bool = False
    entries: list[changelog.Entry] = field(default_factory=list)
    changelog_url: str = ""


def _after_title(html: str, addition: str) -> str:
    """``addition`` right after the page's first heading (the title), else at the top."""
    end = html.find("</h1>")
    if end < 0:
        return addition + html
    end += len("</h1>")
    return html[:end] + "\n" + addition + html[end:]


class PagesHook:
    def __init__(self) -> None:
        self.build = _Build(reviewdates.build_date())

    def on_config(self, config):
        self.build = _Build(reviewdates.build_date(), config.site_name, config.site_url)
        if pagecitation.is_preview(config.site_url):
            log.info(
                f"Preview build: site_url is {config.site_url or 'not set'}, not a published "
                'address, so canonical links, Open Graph and "Cite this page" name it (each page '
                "says so). To build the site for publishing, set SITE_URL to its address."
            )
        return config

    def on_files(self, files, config):
        file = files.get_file_from_path(CHANGELOG_PAGE)
        self.build.has_changelog = file is not None
        if file is not None:
            self.build.changelog_url = pagecitation.page_url(self.build.site_url, file.url)
        return files

    def on_page_content(self, html, page, config, files):
        build = self.build
        uri, source = page.file.src_uri, page.file.content_string
        if uri == CHANGELOG_PAGE:
            html = self._changelog(html, page, source)
        if not reviewdates.is_reviewed_page(uri):
            return html
        review = reviewdates.read_review(source)
        if isinstance(review, reviewdates.ReviewProblem):
            where = f"{page.file.src_path}:{review.line}" if review.line else page.file.src_path
            log.warning(f"{where}: {review.message}")
            return html
        if review.overdue(build.today):
            message = reviewdates.overdue_message(review, build.today)
            log.warning(f"{page.file.src_path}:{review.line}: {message}")
        line = reviewdates.review_html(review, build.today, pagecitation.ANCHOR)
        if sentences.in_brief_span(source) is not None:  # a lesson: its core's reading time too
            line = layers.reading_time_html(source) + line
        html = _after_title(html, f'<div class="page-review-line" data-search-exclude>{line}</div>')
        citation = pagecitation.PageCitation(
            # The page's own title, not its label in the menu ("1. NMDA receptor blockade").
            str(page.meta.get("title") or page.title or ""),
            build.site_name,
            pagecitation.page_url(build.site_url, page.url),
            review.reviewed,
        )
        preview = pagecitation.is_preview(build.site_url)
        block = pagecitation.citation_html(citation, preview, search_exclude=True)
        if page.present_anchor_ids is not None:
            page.present_anchor_ids.add(pagecitation.ANCHOR)
        return f"{html}\n{block}\n"

    def _changelog(self, html, page, source):
        entries, problems = changelog.read_entries(source)
        for problem in problems:
            log.warning(f"{page.file.src_path}:{problem.line}: {problem.message}")
        self.build.entries = entries
        if changelog.FEED_PLACEHOLDER not in html:
            log.warning(
                f"{page.file.src_path}: no '{changelog.FEED_PLACEHOLDER}' line; add it where the "
                "link to the RSS feed should appear"
            )
            return html
        href = get_relative_url(changelog.FEED_FILE, page.url)
        feed_url = pagecitation.page_url(self.build.site_url, changelog.FEED_FILE)
        return html.replace(changelog.FEED_PLACEHOLDER, changelog.feed_paragraph(href, feed_url))

    def on_post_page(self, output, page, config):
        if not self.build.has_changelog:
            return output
        href = get_relative_url(changelog.FEED_FILE, page.url)
        link = changelog.feed_link_html(href, self._feed_title())
        return output.replace("</head>", f"  {link}\n  </head>", 1)

    def _feed_title(self) -> str:
        return f"{self.build.site_name}: changes"

    def on_post_build(self, config):
        build = self.build
        if not build.has_changelog:
            return
        feed = changelog.rss_xml(
            build.entries,
            title=self._feed_title(),
            description=(
                "Dated changes to the content of the site: new pages, revised explanations, "
                "corrected references."
            ),
            page_url=build.changelog_url,
            feed_url=pagecitation.page_url(build.site_url, changelog.FEED_FILE),
        )
        (Path(config.site_dir) / changelog.FEED_FILE).write_bytes(feed)
