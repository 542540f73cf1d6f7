"""The changelog page's entries, checked, and the RSS 2.0 feed made from them.

Each entry in ``docs/changelog.md`` is a level-2 heading with its date, a short title and an
explicit id, then one or more paragraphs (or a list) saying what changed::

    ## 2026-12-03: Review dates on every page { #2026-12-03-review-dates }

    Every content page now shows when it was last reviewed ...

Entries run newest first. The feed has one item per entry, linking to the entry's section.

Why not mkdocs-rss-plugin, the ecosystem's usual choice: it makes one feed item per *page*,
dated from the git log or a page's meta, so a reader subscribing to it would learn that
"Changelog" was updated, not what changed; dated entries of one page are not something it can
list. Its git dates also come out wrong in a shallow CI clone, and it brings GitPython and an
HTTP client (it fetches remote images to measure them) into a build that needs no network. The
feed here is dated only from the entries themselves (no build time), so reproducible builds
stay byte-identical, and it is written with the standard library's ElementTree and
email.utils (RFC 822 dates), which do the escaping and date format RSS needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import format_datetime
from html import escape
from itertools import pairwise
from xml.etree import ElementTree

FEED_FILE = "feed.xml"  # in the site's root
FEED_TYPE = "application/rss+xml"
FEED_PLACEHOLDER = "<!-- changelog-feed -->"

_H2 = re.compile(r"^##(?!#)[ \t]*(.*?)[ \t]*$")
_ENTRY = re.compile(r"^(\S+):[ \t]+(.+?)[ \t]*\{[ \t]*#([A-Za-z0-9_-]+)[ \t]*\}$")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`]+")
_CITATION = re.compile(r"\s*\[(?:-?@[^\]]*)\]")  # [@key] markers: the feed has no reference list
_EXAMPLE = "## 2026-12-03: What changed, in a few words { #2026-12-03-what-changed }"


@dataclass(frozen=True)
class Entry:
    day: date
    title: str
    anchor: str
    summary: str  # the entry's text as plain text: links become their words
    line: int


@dataclass(frozen=True)
class Problem:
    line: int
    message: str


def read_entries(source: str) -> tuple[list[Entry], list[Problem]]:
    """The entries of the changelog page, in page order, and what is wrong with any of them."""
    lines = source.split("\n")
    entries: list[Entry] = []
    problems: list[Problem] = []
    current: tuple[date, str, str, int] | None = None
    body: list[str] = []
    in_fence = False

    def close() -> None:
        if current:
            day, title, anchor, line = current
            entries.append(Entry(day, title, anchor, _plain(body), line))

    for number, text in enumerate(lines, start=1):
        if _FENCE.match(text):
            in_fence = not in_fence
        heading = None if in_fence else _H2.match(text)
        if not heading:
            if current:
                body.append(text)
            continue
        close()
        current, body = None, []
        parsed = _ENTRY.match(heading.group(1))
        if not parsed:
            problems.append(Problem(number, f"a changelog heading must read: {_EXAMPLE}"))
            continue
        day_text, title, anchor = parsed.groups()
        try:
            day = date.fromisoformat(day_text) if len(day_text) == 10 else None
        except ValueError:
            day = None
        if day is None:
            problems.append(
                Problem(number, f"'{day_text}' is not a date (YYYY-MM-DD); write: {_EXAMPLE}")
            )
            continue
        current = (day, title, anchor, number)
    close()
    for earlier, later in pairwise(entries):
        if later.day > earlier.day:
            problems.append(
                Problem(
                    later.line,
                    f"entry dated {later.day} comes after one dated {earlier.day}: "
                    "keep entries newest first (move it up)",
                )
            )
    for entry in entries:
        if not entry.summary:
            problems.append(Problem(entry.line, "entry has no text: say what changed under it"))
    return entries, problems


def _plain(body: list[str]) -> str:
    text = " ".join(line.strip().lstrip("-*+ ").strip() for line in body if line.strip())
    text = _LINK.sub(r"\1", _CITATION.sub("", text))
    return " ".join(_MARKUP.sub("", text).split())


def _rfc822(day: date) -> str:
    return format_datetime(datetime(day.year, day.month, day.day, tzinfo=UTC))


def rss_xml(
    entries: list[Entry], *, title: str, description: str, page_url: str, feed_url: str
) -> bytes:
    """An RSS 2.0 document (UTF-8) with one item per entry, newest first as on the page.

    The channel is dated by its newest entry, never by the build, so that two builds of the same
    sources write the same bytes.
    """
    atom = "http://www.w3.org/2005/Atom"
    ElementTree.register_namespace("atom", atom)
    rss = ElementTree.Element("rss", {"version": "2.0"})
    channel = ElementTree.SubElement(rss, "channel")
    for name, value in (("title", title), ("link", page_url), ("description", description)):
        ElementTree.SubElement(channel, name).text = value
    ElementTree.SubElement(channel, "language").text = "en"
    # The feed's own address, which RSS 2.0 has no element for (the RSS Advisory Board's advice).
    ElementTree.SubElement(
        channel, f"{{{atom}}}link", {"href": feed_url, "rel": "self", "type": FEED_TYPE}
    )
    if entries:
        newest = max(entry.day for entry in entries)
        ElementTree.SubElement(channel, "pubDate").text = _rfc822(newest)
        ElementTree.SubElement(channel, "lastBuildDate").text = _rfc822(newest)
    for entry in entries:
        item = ElementTree.SubElement(channel, "item")
        link = f"{page_url}#{entry.anchor}"
        ElementTree.SubElement(item, "title").text = f"{entry.day.isoformat()}: {entry.title}"
        ElementTree.SubElement(item, "link").text = link
        ElementTree.SubElement(item, "description").text = entry.summary
        ElementTree.SubElement(item, "pubDate").text = _rfc822(entry.day)
        ElementTree.SubElement(item, "guid", {"isPermaLink": "true"}).text = link
    ElementTree.indent(rss)
    return ElementTree.tostring(rss, encoding="utf-8", xml_declaration=True) + b"\n"


def feed_paragraph(href: str, feed_url: str) -> str:
    """The changelog page's line pointing to its feed (``href`` from the page, ``feed_url`` the
    feed's full address)."""
    return (
        '<p class="changelog-feed">Follow these changes in a feed reader: '
        f'<a href="{escape(href)}" '
        f'type="{FEED_TYPE}">RSS feed of this changelog</a> '
        f"(<code>{escape(feed_url)}</code>).</p>"
    )


def feed_link_html(href: str, title: str) -> str:
    """The <link> in each page's head that lets browsers and feed readers find the feed."""
    return (
        f'<link rel="alternate" type="{FEED_TYPE}" title="{escape(title)}" href="{escape(href)}">'
    )
