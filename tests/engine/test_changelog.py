"""Changelog entries are read and checked, and the feed made from them is valid RSS 2.0."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime
from xml.etree import ElementTree

import feedparser

from ketamine_site import changelog
from ketamine_site.changelog import read_entries, rss_xml

PAGE = """# Changelog

Intro text.

<!-- changelog-feed -->

## 2026-12-03: Review dates on every page { #2026-12-03-review-dates }

Each page shows its [review date](about.md#x) **now** [@key2020word].

- and a list item

## 2026-11-27: Claims checked { #2026-11-27-claims }

Text.

```markdown
## not a heading, in a code block
```
"""


def _feed(entries) -> bytes:
    return rss_xml(
        entries,
        title="Site: changes",
        description="Dated changes.",
        page_url="https://example.org/k/changelog/",
        feed_url="https://example.org/k/feed.xml",
    )


def test_entries_are_read_with_their_date_title_id_and_text():
    entries, problems = read_entries(PAGE)
    assert problems == []
    assert [(e.day, e.title, e.anchor, e.line) for e in entries] == [
        (date(2026, 12, 3), "Review dates on every page", "2026-12-03-review-dates", 7),
        (date(2026, 11, 27), "Claims checked", "2026-11-27-claims", 13),
    ]
    assert entries[0].summary == "Each page shows its review date now. and a list item"
    assert entries[1].summary.startswith("Text.")


def test_a_bad_heading_a_bad_date_an_empty_entry_and_the_wrong_order_are_reported():
    page = (
        "## Some news\n\nText.\n\n"
        "## 2026-13-01: Bad month { #bad }\n\nText.\n\n"
        "## 2026-11-01: Older { #older }\n\nText.\n\n"
        "## 2026-12-01: Newer, below it { #newer }\n\n"
    )
    entries, problems = read_entries(page)
    assert [e.anchor for e in entries] == ["older", "newer"]
    found = [(p.line, p.message) for p in problems]
    assert [line for line, _ in found] == [1, 5, 13, 13]
    assert "must read: ## 2026-12-03:" in found[0][1]
    assert "'2026-13-01' is not a date" in found[1][1]
    assert "newest first" in found[2][1]
    assert "has no text" in found[3][1]


def test_the_feed_is_rss_2_with_every_required_element():
    entries, _ = read_entries(PAGE)
    root = ElementTree.fromstring(_feed(entries))
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    for required in ("title", "link", "description"):  # RSS 2.0: required channel elements
        assert channel.findtext(required), required
    items = channel.findall("item")
    assert len(items) == 2
    for item in items:  # an item needs a title or a description; we give both, and a guid
        assert item.findtext("title") and item.findtext("description")
        assert item.findtext("guid") == item.findtext("link")


def test_a_feed_reader_reads_the_entries_with_their_dates_and_links():
    entries, _ = read_entries(PAGE)
    feed = feedparser.parse(_feed(entries))
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    assert feed.feed.title == "Site: changes"
    assert [e.title for e in feed.entries] == [
        "2026-12-03: Review dates on every page",
        "2026-11-27: Claims checked",
    ]
    first = feed.entries[0]
    assert first.link == "https://example.org/k/changelog/#2026-12-03-review-dates"
    assert tuple(first.published_parsed[:3]) == (2026, 12, 3)
    assert "[@" not in first.summary  # citation markers are dropped: a feed has no references
    self_link = [link for link in feed.feed.links if link.rel == "self"]
    assert self_link[0].href == "https://example.org/k/feed.xml"


def _pin_clock(monkeypatch, when: datetime) -> None:
    """Every clock the feed could read (datetime, date, time.time) says ``when``."""

    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):
            return when if tz is None else when.astimezone(tz)

        @classmethod
        def utcnow(cls):
            return when.replace(tzinfo=None)

        @classmethod
        def today(cls):
            return when.replace(tzinfo=None)

    class Today(date):
        @classmethod
        def today(cls):
            return when.date()

    monkeypatch.setattr(changelog, "datetime", Clock)
    monkeypatch.setattr(changelog, "date", Today)
    monkeypatch.setattr(time, "time", when.timestamp)
    monkeypatch.setattr(time, "time_ns", lambda: int(when.timestamp() * 1e9))


def test_the_feed_depends_on_the_entries_only(monkeypatch):
    """Two builds years apart write the same bytes: the feed reads no clock."""
    entries, _ = read_entries(PAGE)
    _pin_clock(monkeypatch, datetime(2027, 3, 4, 5, 6, 7, tzinfo=UTC))
    first = _feed(entries)
    _pin_clock(monkeypatch, datetime(2031, 8, 9, 10, 11, 12, tzinfo=UTC))
    second = _feed(entries)
    assert first == second
    assert b"<lastBuildDate>Thu, 03 Dec 2026" in first
    assert b"2027" not in first and b"2031" not in second
