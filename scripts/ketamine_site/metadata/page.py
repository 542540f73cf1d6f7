"""What one page's head metadata is made from: its title, address, review date and sources."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mkdocs_citations.engine.bibliography import Record


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
    # the sources the page cites, in citation order (the References page: the site's, in its order)
    records: Sequence[Record]
    site: Site
