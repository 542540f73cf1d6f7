"""The Markdown prose of a page: what Python-Markdown reads as text, with everything else blanked.

Link checks, the cited-keys scan and the content tests all look for things written in prose (a
link, a ``[@key]``, a heading) and must not find them in code or raw HTML, where the build leaves
them as they are. They all use ``blank_non_prose``, so the three agree with each other and with
the build. Blanked characters become spaces and line breaks stay, so line numbers (and columns)
are kept for messages.

Left out, as the site's Markdown extensions leave them as they are:

- fenced code (```` ``` ```` or ``~~~``, at any indent or inside a quote);
- indented code: a block indented four spaces deeper than its container (a list item, an
  admonition, a tab, a footnote), after a blank line, as a paragraph cannot be interrupted;
- raw HTML blocks: a block-level tag at the start of a line without a ``markdown`` attribute
  (``md_in_html`` reads the inside of those that have one), to its closing tag;
- HTML comments and code spans.

A hand-written scanner, not Python-Markdown itself: the checks need source lines, which
Python-Markdown's output no longer has.
"""

from __future__ import annotations

import re

from markdown.util import BLOCK_LEVEL_ELEMENTS

TAB = 4  # Python-Markdown's tab_length: the indent of code and of a container's content
FENCE = re.compile(r"^[ \t>]*(?P<fence>`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(?P<ticks>`+)(?!`).*?(?<!`)(?P=ticks)(?!`)")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# A line that opens a container whose content is indented one TAB deeper than its marker.
CONTAINER = re.compile(
    r"^(?P<indent>[ \t]*)"
    r"(?:[-*+][ \t]|\d+[.)][ \t]|(?:!!!|\?\?\?\+?|===\+?)[ \t]|\[\^[^\]]+\]:|:[ \t])"
)
HTML_BLOCK = re.compile(r"^[ \t]{0,3}<(?P<tag>[A-Za-z][A-Za-z0-9-]*)(?P<attrs>[\s/>][^\n]*|$)")
MARKDOWN_ATTRIBUTE = re.compile(r"""\smarkdown(?:\s*=\s*["']?(?:1|block|span)["']?)?[\s/>]""")
_BLOCK_TAGS = frozenset(BLOCK_LEVEL_ELEMENTS)


def _indent(line: str) -> int:
    expanded = line.expandtabs(TAB)
    return len(expanded) - len(expanded.lstrip(" "))


def _spaces(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def blank_non_prose(text: str) -> str:
    """``text`` with code and raw HTML blanked to spaces; line breaks (and so line numbers) kept."""
    text = HTML_COMMENT.sub(lambda match: _spaces(match[0]), text)
    out: list[str] = []
    fence = ""  # the fence of the open fenced block
    raw_tag, raw_depth = "", 0  # the open raw HTML block's tag and nesting depth
    containers: list[int] = [0]  # content indents of the open containers, innermost last
    previous_blank, previous_code = True, False
    for line in text.split("\n"):
        blank = not line.strip()
        if fence:
            marker = FENCE.match(line)
            closing = marker and marker["fence"][0] == fence[0]
            if closing and len(marker["fence"]) >= len(fence) and not line.strip(" \t>" + fence[0]):
                fence = ""
            out.append(_spaces(line))
            continue
        if raw_tag:
            raw_depth += _tag_balance(line, raw_tag)
            if raw_depth <= 0:
                raw_tag = ""
            out.append(_spaces(line))
            previous_blank, previous_code = False, False
            continue
        if blank:
            out.append(line)
            previous_blank = True
            continue
        indent = _indent(line)
        container = CONTAINER.match(line)
        if previous_blank or container:  # a new block: containers deeper than it have ended
            while len(containers) > 1 and indent < containers[-1]:
                containers.pop()
        if indent >= containers[-1] + TAB and (previous_blank or previous_code):
            out.append(_spaces(line))
            previous_blank, previous_code = False, True
            continue
        previous_blank, previous_code = False, False
        if marker := FENCE.match(line):
            fence = marker["fence"]
            out.append(_spaces(line))
            continue
        # Python-Markdown takes a raw HTML block only at the start of a line (up to 3 spaces).
        html = HTML_BLOCK.match(line)
        opening = line[: line.find(">") + 1] if ">" in line else line
        if html and html["tag"].lower() in _BLOCK_TAGS and not MARKDOWN_ATTRIBUTE.search(opening):
            tag = html["tag"].lower()
            depth = _tag_balance(line, tag)
            if depth > 0:
                raw_tag, raw_depth = tag, depth
            out.append(_spaces(line))
            continue
        if container:
            containers.append(_indent(container["indent"]) + TAB)
        out.append(CODE_SPAN.sub(lambda match: _spaces(match[0]), line))
    return "\n".join(out)


def _tag_balance(line: str, tag: str) -> int:
    """Openings minus closings of ``tag`` on ``line`` (a self-closing or void tag counts 0)."""
    opened = len(re.findall(rf"<{tag}(?=[\s/>])(?![^>]*/>)", line, re.IGNORECASE))
    closed = len(re.findall(rf"</{tag}\s*>", line, re.IGNORECASE))
    return opened - closed
