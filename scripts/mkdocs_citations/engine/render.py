"""HTML for citation groups, a page's reference list and the site-wide bibliography.

The markup is a contract that the theme's CSS, the tests and outside links rely on:
a group is ``<sup class="citation" id="cite-N">``; each number links to ``#ref-{key}``;
a page's list is ``<ol class="references">`` of ``<li id="ref-{key}">``; the site-wide
bibliography is ``<ul class="bibliography">`` of ``<li id="{key}">``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from functools import cache
from typing import NamedTuple

from mkdocs_citations.engine.numbering import compress


def _ama_locator(pages: str) -> str:
    return f"({pages})"


class NumberedCite(NamedTuple):  # a tuple: one is made per citation, thousands per build
    number: int
    key: str
    locator: str
    text: str  # the full reference as plain text, for the tooltip and screen readers


@cache  # keys and tooltip texts recur on every page citing them; see FormattedReferences
def escape(text: str) -> str:
    return html.escape(text, quote=True)


_e = escape

# What a citation and a reference item hold that only a screen uses, as (opening, closing) text:
# for a caller that leaves them out (the site's printed guide). Neither holds a closing tag of
# its own kind before its end, so the first closing text after the opening ends it.
TOOLTIP = ('<span class="citation-tooltip">', "</span>")
BACKLINKS = (' <span class="reference-backlinks">', "</a></span>")


def _link(cite: NumberedCite, locator: Callable[[str], str] = _ama_locator) -> str:
    return (
        f'<a class="citation-link" href="#ref-{_e(cite.key)}">{cite.number}'
        f"{TOOLTIP[0]}{_e(cite.text)}{TOOLTIP[1]}</a>"
        + (
            f'<span class="citation-locator">{_e(locator(cite.locator))}</span>'
            if cite.locator
            else ""
        )
    )


def group_html(
    cites: Sequence[NumberedCite],
    markers: Sequence[str] = (),
    locator: Callable[[str], str] = _ama_locator,
) -> str:
    """The inside of one ``<sup class="citation">``: numbers ascending, runs of 3+ hyphenated.

    ``markers`` are visible placeholders for what could not be resolved (``[?key]``);
    ``locator`` writes a page locator ("p33") as the style wants it after the number.
    """
    if len(cites) == 1 and not markers:
        return _link(cites[0], locator)  # most groups: one source, nothing to sort or join
    pieces: list[str] = []
    plain: dict[int, NumberedCite] = {}  # a stretch of numbers without locators, to compress

    def flush() -> None:
        for start, end in compress(list(plain)):
            pieces.append(_run(plain, start, end))
        plain.clear()

    for cite in sorted(cites, key=lambda c: (c.number, c.locator)):
        if cite.locator:
            flush()
            pieces.append(_link(cite, locator))
        elif cite.number not in plain:
            plain[cite.number] = cite
    flush()
    pieces += [f'<span class="citation-unresolved">{_e(m)}</span>' for m in markers]
    return ",".join(pieces)


def _run(cites: dict[int, NumberedCite], start: int, end: int) -> str:
    if start == end:
        return _link(cites[start])
    # The middle of a run has no link of its own: say it to screen readers.
    middle = " ".join(f"{n} {cites[n].text}" for n in range(start + 1, end))
    return (
        _link(cites[start])
        + '<span aria-hidden="true">-</span>'
        + f'<span class="citation-sr"> {_e(middle)} </span>'
        + _link(cites[end])
    )


def _letter(i: int) -> str:
    """Back-links are lettered a, b, c… as in journal reference lists; numbers past z."""
    return chr(96 + i) if i < 27 else str(i)


def backlinks_html(group_ids: Sequence[str]) -> str:
    if len(group_ids) == 1:
        return (
            f'<a class="reference-backlink" href="#{_e(group_ids[0])}" '
            'aria-label="Back to the citation in the text">↩</a>'
        )
    total = len(group_ids)
    links = " ".join(
        f'<a class="reference-backlink" href="#{_e(gid)}" '
        f'aria-label="Back to citation {i} of {total} in the text">{_letter(i)}</a>'
        for i, gid in enumerate(group_ids, 1)
    )
    return f'<span aria-hidden="true">↩</span> {links}'


def reference_item_html(reference_html: str, group_ids: Sequence[str]) -> str:
    """The inside of one ``<li id="ref-{key}">`` of a page's reference list."""
    return (
        f'<span class="reference-text">{reference_html}</span>'
        f"{BACKLINKS[0]}{backlinks_html(group_ids)}</span>"
    )


# Attribute values as Python-Markdown's serializer escapes them (an entity's "&" is kept).
_AMPERSAND = re.compile(r"&(?!(?:\#[0-9]+|\#x[0-9a-f]+|[0-9a-z]+);)", re.IGNORECASE)


def _attribute(value: str) -> str:
    value = _AMPERSAND.sub("&amp;", value)
    return value.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def reference_items_html(items: Sequence[tuple[str, str, Sequence[str]]]) -> str:
    """The inside of a page's ``<ol class="references">``: (key, reference HTML, citing group
    ids) per item.

    Written as Python-Markdown would serialize the same elements, one ``<li>`` per line.
    """
    lines = [
        f'<li id="ref-{_attribute(key)}">{reference_item_html(reference_html, group_ids)}</li>'
        for key, reference_html, group_ids in items
    ]
    return "\n" + "\n".join(lines) + "\n"


class BibliographyEntry(NamedTuple):  # a tuple: one per source cited anywhere, thousands
    key: str
    reference_html: str
    sort_text: str
    cited_on: tuple[tuple[str, str], ...]  # (page title, URL of the page's entry)


def bibliography_html(ordered: Sequence[BibliographyEntry]) -> str:
    """The site-wide bibliography: every source cited anywhere, in the order given
    (``sitebibliography.order``)."""
    if not ordered:
        return '<p class="bibliography-empty">No page cites a source yet.</p>'
    items = []
    for key, reference_html, _, cited_on in ordered:
        key = _e(key)
        pages = ", ".join([f'<a href="{_e(url)}">{_e(title)}</a>' for title, url in cited_on])
        items.append(
            f'<li id="{key}"><span class="reference-text">{reference_html}</span> '
            f'<span class="bibliography-cited-on">Cited on: {pages}.</span> '
            f'<a class="bibliography-permalink" href="#{key}" '
            'aria-label="Link to this reference">¶</a></li>'
        )
    return '<ul class="bibliography">\n' + "\n".join(items) + "\n</ul>"
