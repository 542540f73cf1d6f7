"""A formatted reference as styled pieces, and those pieces as HTML or as plain text.

Both come from one list of ``Part`` pieces, so the tooltip text and the reference list can never
disagree. Every piece of bibliographic text is HTML-escaped when the pieces become HTML.
"""

from __future__ import annotations

import html
from typing import NamedTuple


class Part(NamedTuple):
    text: str
    style: str = ""  # "" plain, "i" italic, "link"
    href: str = ""


def to_html(parts: list[Part]) -> str:
    out = []
    for part in parts:
        text = html.escape(part.text, quote=False)
        if part.style == "i":
            out.append(f"<i>{text}</i>")
        elif part.style == "link":
            out.append(f'<a href="{html.escape(part.href, quote=True)}">{text}</a>')
        else:
            out.append(text)
    return "".join(out).strip()


def to_text(parts: list[Part]) -> str:
    return "".join(part.text for part in parts).strip()
