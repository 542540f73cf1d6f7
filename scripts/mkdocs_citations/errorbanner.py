"""A notice at the top of every page while ``mkdocs serve`` cannot use a source file.

The preview keeps running on the last good version; the notice says so, which file and line is
wrong and what to do, so the problem is seen in the browser and not only in the terminal.
"""

from __future__ import annotations

import html


def banner_html(error: str, what: str) -> str:
    """An admonition (Material's "failure" style) with ``error``'s lines; ``what`` names the file.

    ``role="alert"`` so that a screen reader announces it like the visible colour does.
    """
    lines = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in error.splitlines())
    return (
        '<div class="admonition failure build-error" role="alert">'
        f'<p class="admonition-title">{html.escape(what)} has an error: this preview shows the '
        "last version that could be read</p>"
        f"<ul>{lines}</ul>"
        "<p>Fix the line named above and save: the preview rebuilds and this notice goes away. "
        "<code>mkdocs build</code> fails until then.</p></div>\n"
    )
