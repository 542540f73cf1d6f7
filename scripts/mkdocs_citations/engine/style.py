"""A citation style: one module behind this small interface.

A style says three things: how a reference is written (``reference_parts``), how a group of
citations stands in the text (``label``: its brackets and where it goes against punctuation),
and how a page locator reads (``locator``). Both styles number sources in order of first
citation on a page; the site-wide bibliography is alphabetical by the style's own text
(``sitebibliography.order``). AMA is the default; Vancouver proves the seam. A site picks one
in mkdocs.yml::

    plugins:
      - citations:
          bibliography: references.bib
          style: vancouver
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mkdocs_citations.engine import ama, vancouver
from mkdocs_citations.engine.bibliography import Record
from mkdocs_citations.engine.parts import Part


@dataclass(frozen=True)
class Label:
    """How a citation group stands in the text. Both numeric styles keep one element,
    ``<sup class="citation">``, that the theme, the tooltips and search hiding know; an
    on-the-line style marks it ``data-label="inline"`` and the stylesheet sets it on the line."""

    opening: str = ""  # around the numbers: "" for a superscript, "(" on the line
    closing: str = ""
    attributes: str = ""  # after the id on the group's element
    # True: after a period or comma and before a colon or semicolon, with no space (AMA's
    # superscripts). False: where it was written, after a space and before any punctuation.
    after_punctuation: bool = True


@dataclass(frozen=True)
class CitationStyle:
    name: str
    reference_parts: Callable[[Record], list[Part]]
    label: Label
    locator: Callable[[str], str]  # "p33" / "pp33-35" → what follows the number


AMA = CitationStyle("ama", ama.reference_parts, Label(), ama.locator)
VANCOUVER = CitationStyle(
    "vancouver",
    vancouver.reference_parts,
    Label("(", ")", ' data-label="inline"', after_punctuation=False),
    vancouver.locator,
)
STYLES = {style.name: style for style in (AMA, VANCOUVER)}
DEFAULT = AMA


def get_style(name: str | None) -> CitationStyle:
    """The style called ``name`` (case ignored; ``None`` or "" is AMA); ``KeyError`` with the
    names there are for any other."""
    if not name:
        return DEFAULT
    try:
        return STYLES[str(name).strip().lower()]
    except KeyError:
        known = ", ".join(sorted(STYLES))
        raise KeyError(f"unknown citation style '{name}': use one of {known}") from None
