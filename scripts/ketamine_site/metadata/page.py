"""What one page's head metadata is made from: its title, address, review date and sources."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ketamine_site.citations import ama, render
from ketamine_site.citations.bibliography import Record

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Site:
    name: str
    url: str  # site_url, "" if the site has none (then no absolute addresses are written)
    language: str  # BCP 47, e.g. "en"
    license_url: str


@dataclass(frozen=True)
class PageInfo:
    title: str
    description: str
    url: str  # the page's absolute address, "" without a site_url
    reviewed: str  # YYYY-MM-DD from the front matter's `reviewed:`, "" if it has none
    is_home: bool
    records: Sequence[Record]  # the sources the page cites, in citation order
    site: Site


class ReviewedDateError(ValueError):
    """`reviewed:` is there but is not a date."""


def reviewed_date(value: object) -> str:
    """The front matter's ``reviewed:`` as YYYY-MM-DD; "" when absent.

    YAML reads an unquoted ``2026-12-03`` as a date, a quoted one as text: both are accepted.
    Anything else raises ``ReviewedDateError``; no date is guessed.
    """
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and _ISO_DAY.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise ReviewedDateError(
        f"'reviewed: {value}' is not a date: write the day the page was last checked as "
        "YYYY-MM-DD, e.g. reviewed: 2026-12-03"
    )


def site_bibliography(records: Sequence[Record]) -> tuple[Record, ...]:
    """Each record once, in the order the References page lists them (alphabetical, by
    ``render.bibliography_order``), so its metadata and downloads follow the list on screen."""
    unique = {record.key: record for record in records}
    entries = [
        render.BibliographyEntry(key, "", ama.to_text(ama.reference_parts(record)), ())
        for key, record in unique.items()
    ]
    return tuple(unique[entry.key] for entry in render.bibliography_order(entries))
