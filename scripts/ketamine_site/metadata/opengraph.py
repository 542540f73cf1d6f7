"""Open Graph tags (and Twitter's card type): the title, text and address a link preview shows.

No ``og:image``: a preview image would be one more file to publish, and an image on another host
would be a third-party load for every reader who shares a link.
"""

from __future__ import annotations

import html

from ketamine_site.metadata.page import PageInfo


def _property(name: str, content: str) -> str:
    return f'<meta property="{name}" content="{html.escape(content, quote=True)}">'


def tags(page: PageInfo) -> list[str]:
    found = [
        _property("og:type", "website" if page.is_home else "article"),
        _property("og:site_name", page.site.name),
        _property("og:title", page.title),
        _property("og:description", page.description),
    ]
    if page.url:
        found.append(_property("og:url", page.url))
    # Twitter (X) falls back to the og: tags for everything but the card's type.
    found.append('<meta name="twitter:card" content="summary">')
    return found
