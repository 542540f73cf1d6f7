"""The site-wide bibliography page: every cited source once, with links to the pages citing it.

Built from what the pages cited during the build; the plugin passes in each citing page's
title and URL. The order (``order``) is alphabetical by the style's own text: the page, its
search copy and whatever else lists the site's sources (the site's downloads) share it. Also
the copy of that page the search index reads: each reference as bare text, the words the index
keeps, without the tags (italics, links, "Cited on", permalinks) it would parse only to drop.
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from mkdocs_citations.engine.render import BibliographyEntry, bibliography_html

PLACEHOLDER = "<!-- bibliography -->"
MISSING_PLACEHOLDER = (
    f"no '{PLACEHOLDER}' line; add it where the site-wide bibliography should appear"
)


class CitingPage(NamedTuple):
    title: str
    url: str  # MkDocs' page URL, relative to the site root ("", "topic/page/")


def relative_url(url: str, from_url: str) -> str:
    """``url`` as a link from the page at ``from_url`` (both site-relative page URLs).

    MkDocs' ``get_relative_url`` (mkdocs/utils), written again here so that the engine does not
    import MkDocs; and a folder ends with "/" (MkDocs gives ".." for the home page seen from
    "references/"; a link wants "../").
    """
    folder, _, name = from_url.rpartition("/")
    if "." in name:
        from_url = folder
    from_parts, to_parts = _parts(from_url), _parts(url)
    common = 0
    for a, b in zip(from_parts, to_parts, strict=False):
        if a != b:
            break
        common += 1
    relative = "/".join([".."] * (len(from_parts) - common) + to_parts[common:]) or "."
    if url.endswith("/") or url == "":
        relative = relative.rstrip("/") + "/"
    return relative


def _parts(path: str) -> list[str]:
    path = posixpath.normpath("/" + path)[1:]
    return path.split("/") if path else []


def uncited(keys: Iterable[str], cited: Mapping[str, object]) -> list[str]:
    """The bibliography's keys that no page cites, in file order."""
    return [key for key in keys if key not in cited]


def order(keys: Iterable[str], references) -> list[str]:
    """``keys`` as the site-wide bibliography lists them: alphabetical by each reference's plain
    text in the site's style (``references``: ``FormattedReferences``), then by key."""
    return sorted(keys, key=lambda key: (references.get(key)[1].casefold(), key))


def fill(
    content: str,
    cited_on: Mapping[str, Sequence[CitingPage]],
    references,
    page_url: str,
    placeholder: str = PLACEHOLDER,
    before: str = "",
) -> tuple[str, str]:
    """(the page's content, the copy search reads), each with ``placeholder`` replaced.

    ``cited_on`` maps each cited key to the pages citing it, in the order of ``order``;
    ``references`` gives (HTML, plain text) per key (``FormattedReferences``); ``before`` goes
    before the list (the site's download links).
    """
    links: dict[str, str] = {}  # each citing page's URL from here, worked out once
    entries = []
    for key, pages in cited_on.items():
        reference_html, text = references.get(key)
        for page in pages:
            if page.url not in links:
                links[page.url] = relative_url(page.url, page_url)
        cited = tuple([(page.title, f"{links[page.url]}#ref-{key}") for page in pages])
        entries.append(BibliographyEntry(key, reference_html, text, cited))
    items = "".join(f"<li>{html.escape(e.sort_text, quote=False)} </li>\n" for e in entries)
    search_copy = f'<ul class="bibliography">\n{items}</ul>' if entries else bibliography_html([])
    before = f"{before}\n" if before else ""
    return (
        content.replace(placeholder, before + bibliography_html(entries)),
        content.replace(placeholder, search_copy),
    )
