"""MkDocs hook: review dates, "Cite this page", and the changelog's RSS feed.

It only wires events; the work is in ``reviewdates``, ``pagecitation`` and ``changelog``, which
never import MkDocs. Everything is added to each page's HTML here rather than through a theme
override, so the hook needs no template of its own and works beside any ``main.html``.
``mkdocs serve`` reuses this module between builds: per-build state is reset in ``on_config``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from mkdocs.utils import get_relative_url

from ketamine_site import changelog, evidence, layers, pagecitation, reviewdates

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


_build: _Build | None = None


def on_config(config):
    global _build
    _build = _Build(reviewdates.build_date(), config.site_name, config.site_url)
    if pagecitation.is_preview(config.site_url):
        log.info(
            f"Preview build: site_url is {config.site_url or 'not set'}, not a published "
            'address, so canonical links, Open Graph and "Cite this page" name it (each page '
            "says so). To build the site for publishing, set SITE_URL to its address."
        )
    return config


def on_files(files, config):
    file = files.get_file_from_path(CHANGELOG_PAGE)
    _build.has_changelog = file is not None
    if file is not None:
        _build.changelog_url = pagecitation.page_url(_build.site_url, file.url)
    return files


def on_page_content(html, page, config, files):
    uri, source = page.file.src_uri, page.file.content_string
    if uri == CHANGELOG_PAGE:
        html = _changelog(html, page, source)
    if not reviewdates.is_reviewed_page(uri):
        return html
    review = reviewdates.read_review(source)
    if isinstance(review, reviewdates.ReviewProblem):
        where = f"{page.file.src_path}:{review.line}" if review.line else page.file.src_path
        log.warning(f"{where}: {review.message}")
        return html
    if review.overdue(_build.today):
        message = reviewdates.overdue_message(review, _build.today)
        log.warning(f"{page.file.src_path}:{review.line}: {message}")
    line = reviewdates.review_html(review, _build.today, pagecitation.ANCHOR)
    if evidence.summary_end(source) is not None:  # a lesson: its core's reading time too
        line = layers.reading_time_html(source) + line
    html = _after_title(html, f'<div class="page-review-line" data-search-exclude>{line}</div>')
    citation = pagecitation.PageCitation(
        # The page's own title, not its label in the menu ("1. NMDA receptor blockade", "Home").
        str(page.meta.get("title") or page.title or ""),
        _build.site_name,
        pagecitation.page_url(_build.site_url, page.url),
        review.reviewed,
    )
    preview = pagecitation.is_preview(_build.site_url)
    block = pagecitation.citation_html(citation, preview).replace(
        "<section ", "<section data-search-exclude ", 1
    )
    if page.present_anchor_ids is not None:
        page.present_anchor_ids.add(pagecitation.ANCHOR)
    return f"{html}\n{block}\n"


def _after_title(html: str, addition: str) -> str:
    end = html.find("</h1>")
    if end < 0:
        return addition + html
    end += len("</h1>")
    return html[:end] + "\n" + addition + html[end:]


def _changelog(html, page, source):
    entries, problems = changelog.read_entries(source)
    for problem in problems:
        log.warning(f"{page.file.src_path}:{problem.line}: {problem.message}")
    _build.entries = entries
    if changelog.FEED_PLACEHOLDER not in html:
        log.warning(
            f"{page.file.src_path}: no '{changelog.FEED_PLACEHOLDER}' line; add it where the "
            "link to the RSS feed should appear"
        )
        return html
    href = get_relative_url(changelog.FEED_FILE, page.url)
    link = (
        f'<p class="changelog-feed">Follow these changes in a feed reader: <a href="{href}" '
        f'type="{changelog.FEED_TYPE}">RSS feed of this changelog</a> '
        f"(<code>{pagecitation.page_url(_build.site_url, changelog.FEED_FILE)}</code>).</p>"
    )
    return html.replace(changelog.FEED_PLACEHOLDER, link)


def on_post_page(output, page, config):
    if not _build.has_changelog:
        return output
    href = get_relative_url(changelog.FEED_FILE, page.url)
    link = changelog.feed_link_html(href, _feed_title())
    return output.replace("</head>", f"  {link}\n  </head>", 1)


def _feed_title() -> str:
    return f"{_build.site_name}: changes"


def on_post_build(config):
    if not _build.has_changelog:
        return
    feed = changelog.rss_xml(
        _build.entries,
        title=_feed_title(),
        description=(
            "Dated changes to the content of the site: new pages, revised explanations, "
            "corrected references."
        ),
        page_url=_build.changelog_url,
        feed_url=pagecitation.page_url(_build.site_url, changelog.FEED_FILE),
    )
    (Path(config.site_dir) / changelog.FEED_FILE).write_bytes(feed)
