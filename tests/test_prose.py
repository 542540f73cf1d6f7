"""The one prose scanner: code and raw HTML blanked, as Python-Markdown leaves them, lines kept."""

from __future__ import annotations

import xml.etree.ElementTree as etree

import markdown
import pytest
from markdown import Extension
from markdown.inlinepatterns import InlineProcessor

from ketamine_site.prose import blank_non_prose

CASES = {
    "fenced code": ("Text.\n\n```md\n[@a]\n```\n\nAfter.", ["Text.", "After."]),
    "tilde fence in a quote": ("> ~~~\n> [@a]\n> ~~~\n\nAfter.", ["After."]),
    "longer closing fence only": ("````\n```\n[@a]\n````\nAfter.", ["After."]),
    "indented code": ("Text.\n\n    [@a]\n\nAfter.", ["Text.", "After."]),
    "indented code in a list item": ("- item\n\n        [@a]\n\n    more", ["- item", "    more"]),
    "admonition body is prose": (
        '!!! note "N"\n\n    Body [@a].',
        ['!!! note "N"', "    Body [@a]."],
    ),
    "lazy paragraph line is prose": (
        "Text\n    still text [@a].",
        ["Text", "    still text [@a]."],
    ),
    "raw pre block": ("<pre>\n[@a]\n</pre>\nAfter.", ["After."]),
    "nested raw divs": ("<div>\n<div>\n[@a]\n</div>\n[@b]\n</div>\nAfter.", ["After."]),
    "markdown div is prose": (
        "<div markdown>\n\n[@a]\n\n</div>",
        ["<div markdown>", "[@a]", "</div>"],
    ),
    "code span and comment": ("A `[@a]` and <!-- [@b]\n--> c", ["A", "and", "c"]),
}


@pytest.mark.parametrize("name", CASES)
def test_blank_non_prose(name):
    text, kept = CASES[name]
    blanked = blank_non_prose(text)
    assert blanked.count("\n") == text.count("\n"), "line numbers must be kept"
    assert len(blanked) == len(text), "columns must be kept"
    assert blanked.split() == " ".join(kept).split()


class _Mark(InlineProcessor):
    def handleMatch(self, match, data):
        element = etree.Element("mark")
        element.text = match[1]
        return element, match.start(0), match.end(0)


class _MarkExtension(Extension):
    """Marks [@x] where Markdown reads prose: inline patterns never run in code or raw HTML."""

    def extendMarkdown(self, md):
        md.inlinePatterns.register(
            _Mark(r"\[@(\w+)\]", md), "mark", 20
        )  # after code spans and inline HTML, as citations


@pytest.mark.parametrize("name", CASES)
def test_what_is_blanked_is_what_python_markdown_leaves_alone(name):
    """Each marker is kept exactly where the site's Markdown extensions read it as prose."""
    text, _ = CASES[name]
    extensions = ["admonition", "md_in_html", "pymdownx.superfences", _MarkExtension()]
    html = markdown.markdown(text, extensions=extensions)
    for key in ("a", "b"):
        if f"[@{key}]" in text:
            in_prose = f"[@{key}]" in blank_non_prose(text)
            assert in_prose == (f"<mark>{key}</mark>" in html), html
