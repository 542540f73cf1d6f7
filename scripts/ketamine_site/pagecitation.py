"""How to cite a page of this site, in AMA style (11th edition, websites), as text and HTML.

AMA cites a web page as: Title of the page. Name of the website. Published or updated date.
Accessed date. URL — with no period after the URL, and no italics (the website is not a
journal). The date given is the page's review date: the last day its content was checked and
updated against its sources. The accessed date is the day the reader read the page, which no
build can know: the HTML carries a bracketed placeholder that readers replace, and the page's
script (docs/assets/javascripts/page-citation.js) puts in the reader's own date.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin, urlsplit

from ketamine_site.reviewdates import ama_date

ANCHOR = "cite-this-page"
ACCESSED_PLACEHOLDER = "[Month Day, Year]"
# Addresses on the computer that builds the site: mkdocs.yml's fallback when SITE_URL is not set,
# and the address `mkdocs serve` gives itself.
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "0.0.0.0"})
PREVIEW_NOTE = (
    "Preview: this copy of the site was built without its published address, so the address "
    "above is a local one. Cite the published site instead."
)


@dataclass(frozen=True)
class PageCitation:
    title: str
    site_name: str
    url: str
    updated: date

    def parts(self) -> list[str]:
        """The citation's sentences, in order, without the accessed date and the URL."""
        parts = [_sentence(self.title)]
        if self.title.strip().rstrip(".") != self.site_name.strip().rstrip("."):
            parts.append(_sentence(self.site_name))  # the home page's title is the site's name
        parts.append(f"Updated {ama_date(self.updated)}.")
        return parts

    def text(self, accessed: str = ACCESSED_PLACEHOLDER) -> str:
        return " ".join([*self.parts(), f"Accessed {accessed}.", self.url])


def page_url(site_url: str | None, page_url: str) -> str:
    """The page's published address: ``site_url`` joined with the page's site-relative URL."""
    if not site_url:
        return page_url or "./"
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", page_url)


def is_preview(site_url: str | None) -> bool:
    """True when the site has no published address: none at all, or one on this computer."""
    return not site_url or (urlsplit(site_url).hostname or "") in LOCAL_HOSTS


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "?", "!")) else text + "."


def citation_html(
    citation: PageCitation, preview: bool = False, search_exclude: bool = False
) -> str:
    """The "Cite this page" section: the citation as plain, selectable text, and a copy button
    (``search_exclude``: marked for the search index to leave out).

    ``preview``: the site has no published address (``is_preview``); a note says the address is
    a local one, so nobody copies it into a reference list.

    The button, and the note that the citation follows a section link, are ``hidden`` until the
    script shows them, so without JavaScript nothing promises what only the script does. Its
    status line is a live region: screen readers hear "Citation copied."
    """
    e = html.escape
    sentences = " ".join(e(part) for part in citation.parts())
    text = (
        f'<p class="page-citation__text">{sentences} Accessed '
        f'<span class="page-citation__accessed">{e(ACCESSED_PLACEHOLDER)}</span>. '
        f'<span class="page-citation__url" data-page-url="{e(citation.url)}">'
        f"{e(citation.url)}</span></p>"
    )
    local = f'<p class="page-citation__preview"><strong>{e(PREVIEW_NOTE)}</strong></p>\n'
    local = local if preview else ""
    return (
        f"<section {'data-search-exclude ' if search_exclude else ''}"
        f'class="page-citation" aria-labelledby="{ANCHOR}">\n'
        f'<h2 class="page-citation__title" id="{ANCHOR}">Cite this page<a class="headerlink" '
        f'href="#{ANCHOR}" title="Link to this section">¶</a></h2>\n'
        f"{text}\n"
        '<p class="page-citation__note">AMA style. <span class="page-citation__fill">Write '
        "the day you read the page in place of the bracketed date.</span> To cite one section, "
        'use the address of its ¶ link as the URL.<span class="page-citation__follows" '
        "hidden> Open the page from that link, and the citation here ends with it.</span></p>\n"
        f"{local}"
        '<p class="page-citation__actions"><button type="button" class="md-button '
        'page-citation__copy" hidden>Copy citation</button> '
        '<span class="page-citation__status" role="status"></span></p>\n'
        "</section>"
    )
