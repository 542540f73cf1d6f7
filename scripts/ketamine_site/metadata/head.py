"""All of a page's head metadata as one block of HTML, for the theme's ``extrahead``."""

from __future__ import annotations

from ketamine_site.metadata import highwire, jsonld, opengraph
from ketamine_site.metadata.page import PageInfo


def head_html(page: PageInfo) -> str:
    lines = [*highwire.tags(page), *opengraph.tags(page), jsonld.script(page)]
    return "\n".join(lines)
