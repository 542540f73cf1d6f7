"""A page's prose as plain text, in paragraphs and sentences: what a reader reads as sentences.

Used by the build (reading times, glossary definitions) and by the reading-level checks
(``tests/kit/readability.py``, which adds textstat's grade: a test-only dependency). Headings,
code, tables, HTML (diagrams), snippets, citations ``[@key]``, attribute lists ``{ #id }`` and
link targets are left out, because a reader does not read them as sentences, and a citation
would otherwise count as a long word.
"""

from __future__ import annotations

import re

from ketamine_site import frontmatter

IN_BRIEF = "## In brief { #in-brief }"

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_CITATION = re.compile(r"\s*\\?\[[^\[\]]*@[^\[\]]*\]")
_ATTRIBUTES = re.compile(r"\s*\{[:#.][^{}]*\}|\s*\{ *[#.][^{}]*\}")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_ADMONITION = re.compile(r'^\s*(?:!!!|\?\?\?\+?)\s*\S+(?:\s+"(?P<title>[^"]*)")?\s*$')
# Abbreviations whose full stop does not end a sentence.
_NOT_AN_END = re.compile(
    r"\b(?:e\.g|i\.e|et al|vs|approx|Dr|Fig|cf|No|ca)\.$|\b[A-Z]\.$", re.IGNORECASE
)
_WORD = re.compile(r"[A-Za-z0-9][\w'’\-–/.,()²⁺⁻]*")


def _paragraphs(markdown: str) -> list[str]:
    """The page's prose, one string per paragraph or list item, markup removed."""
    text = _COMMENT.sub("", frontmatter.body(markdown))
    blocks: list[list[str]] = [[]]
    fence = ""
    for line in text.split("\n"):
        if fence:
            if _FENCE.match(line) and line.strip().startswith(fence):
                fence = ""
            continue
        if match := _FENCE.match(line):
            fence = match[1]
            continue
        stripped = line.strip()
        admonition = _ADMONITION.match(line)
        if (
            not stripped
            or stripped.startswith(("#", "<", "|", "--8<--", "*[", ":"))
            or re.match(r"^\[[^\]]+\]:", stripped)
            or admonition
        ):
            blocks.append([])
            if admonition and admonition["title"]:
                blocks[-1].append(admonition["title"])  # a self-check question is read
                blocks.append([])
            continue
        if _LIST_MARKER.match(line):
            blocks.append([])
            line = _LIST_MARKER.sub("", line, count=1)
        blocks[-1].append(line.strip())
    paragraphs = []
    for block in blocks:
        paragraph = " ".join(block)
        paragraph = _CITATION.sub("", paragraph)
        paragraph = _ATTRIBUTES.sub("", paragraph)
        paragraph = _LINK.sub(r"\1", paragraph)
        paragraph = _TAG.sub("", paragraph)
        paragraph = _EMPHASIS.sub(r"\2", _EMPHASIS.sub(r"\2", paragraph))
        paragraph = re.sub(r"\s+", " ", paragraph).strip()
        if _WORD.search(paragraph):
            paragraphs.append(paragraph)
    return paragraphs


def sentences(paragraph: str) -> list[str]:
    """Split at a full stop, question or exclamation mark followed by a space and a capital."""
    found, start = [], 0
    for match in re.finditer(r"[.!?][”\"’)]*\s+(?=[A-Z0-9“\"(])", paragraph):
        candidate = paragraph[start : match.start() + 1]
        if _NOT_AN_END.search(candidate.rstrip('”"’)')):
            continue
        found.append(candidate.strip())
        start = match.end()
    if paragraph[start:].strip():
        found.append(paragraph[start:].strip())
    return found


def words(sentence: str) -> int:
    return len(_WORD.findall(sentence))


def page_prose(markdown: str) -> list[str]:
    return _paragraphs(markdown)


# The "In brief" heading as the build finds it (with or without its id: the content tests ask
# for ``IN_BRIEF`` exactly), and the next heading of any level, which ends the section.
_IN_BRIEF_HEADING = re.compile(r"^## In brief\b.*$", re.MULTILINE)
_ANY_HEADING = re.compile(r"^#{1,6}[ \t]", re.MULTILINE)


def in_brief_span(markdown: str) -> tuple[int, int] | None:
    """(end of the "In brief" heading, end of its section) in ``markdown``, or None without one.
    The one finder of the section: its reading, its evidence box and its reading time."""
    heading = _IN_BRIEF_HEADING.search(markdown)
    if not heading:
        return None
    following = _ANY_HEADING.search(markdown, heading.end())
    return heading.end(), following.start() if following else len(markdown)


def in_brief(markdown: str) -> list[str] | None:
    """The paragraphs of the page's "In brief" section, or None if it has none."""
    body = frontmatter.body(markdown)
    span = in_brief_span(body)
    return None if span is None else _paragraphs(body[span[0] : span[1]])
