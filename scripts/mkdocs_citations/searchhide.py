"""What the search index is not given: citation groups, page reference lists, and any other
piece a site names (this site: its glossary terms' tooltips).

A search for a word would otherwise find every page whose tooltips or references contain it, and
the index would repeat each reference once per citation. Marking them ``data-search-exclude``
would do that too, but Material's search plugin still parses every tag it then skips, which cost
more than the rest of the hook put together. So, for the search plugin's turn only (MkDocs'
``page_context`` event), the page's content is a copy without them (``for_search``), and the full
content is put back right after (``after_search``): the page keeps every byte of its markup, and
the index is the one that ``data-search-exclude`` on those elements would give.

Pure functions on strings; the plugin calls them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Each piece runs from its opening text to its first closing tag (none of them holds its own tag).
HIDDEN_FROM_SEARCH = (
    ('<sup class="citation" id="cite-', "</sup>"),
    ('<ol class="references">', "</ol>"),
)
# What Material's search plugin removes from a page's content after indexing it: its own
# data-search-* attributes (material/plugins/search/plugin.py, on_page_context). Not a change
# made by another plugin, so it is applied to the full content too, not reported.
SEARCH_PLUGIN_STRIPS = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")


def spans(content: str, pairs: Sequence[tuple[str, str]]) -> list[tuple[int, int]]:
    """(start, end) of each piece running from an opening to its first closing text (each pair
    is (opening, closing)), in page order; str.find, as a regex scan costs more."""
    found = []
    for opening, closing in pairs:
        start = content.find(opening)
        while start >= 0:
            end = content.find(closing, start)
            if end < 0:
                break
            end += len(closing)
            found.append((start, end))
            start = content.find(opening, end)
    found.sort()
    return found


def without(content: str, pairs: Sequence[tuple[str, str]]) -> str:
    """``content`` without the pieces ``pairs`` mark; the very same object if it has none."""
    pieces, position = [], 0
    for start, end in spans(content, pairs):
        if start >= position:  # not inside a piece already left out
            pieces.append(content[position:start])
            position = end
    return "".join(pieces) + content[position:] if pieces else content


def for_search(content: str, more: Sequence[tuple[str, str]] = ()) -> str:
    """``content`` without what search is not given (``HIDDEN_FROM_SEARCH`` and ``more``)."""
    return without(content, (*HIDDEN_FROM_SEARCH, *more))


def after_search(given: str, returned: str, full: str) -> tuple[str, bool]:
    """The page's content to keep once search has read ``given``, and whether it was changed.

    ``returned`` is the content as the search plugin and any others left it; ``full`` is the page
    with its citations. The search plugin's own removal of ``data-search-*`` attributes is applied
    to ``full`` too; any other change is reported (True) and dropped, as it cannot be merged into
    a content it never saw.
    """
    if returned == given:
        return full, False
    if SEARCH_PLUGIN_STRIPS.search(given) and returned == SEARCH_PLUGIN_STRIPS.sub("", given):
        return SEARCH_PLUGIN_STRIPS.sub("", full), False
    return full, True
