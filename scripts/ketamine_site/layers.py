"""A lesson's two layers: the core a first-year student reads, and the "Go deeper" blocks.

A lesson page answers its question in a short core and folds study details into collapsible
blocks titled "Go deeper: …" (pymdownx.details, ``??? note "Go deeper: …"``). The self-check
questions close the page and are not part of the reading either. This module finds the core,
counts its words and turns them into a reading time. Pure functions on Markdown: no MkDocs.
"""

from __future__ import annotations

import math
import re

from ketamine_site import frontmatter, sentences

WORDS_PER_MINUTE = 200  # a common figure for expository text read for understanding
CHECK_YOURSELF = re.compile(r"^## Check yourself\b.*$", re.MULTILINE)
# A folded block whose title starts "Go deeper" (``???`` closed, ``???+`` open), any type.
DEEPER = re.compile(r'^(?P<indent>[ \t]*)\?\?\?\+?[ \t]+[\w-]+(?:[ \t]+[\w-]+)*[ \t]+"Go deeper\b')


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


def split(markdown: str) -> tuple[str, str]:
    """(core, deeper): the page's Markdown without its front matter, in two parts.

    ``core`` is everything before "Check yourself" outside "Go deeper" blocks; ``deeper`` is the
    blocks' content. Line structure is kept in each, so paragraphs stay paragraphs.
    """
    body = frontmatter.body(markdown)
    if check := CHECK_YOURSELF.search(body):
        body = body[: check.start()]
    core: list[str] = []
    deeper: list[str] = []
    block_indent: int | None = None
    for line in body.split("\n"):
        if block_indent is not None:
            if not line.strip() or _indent(line) > block_indent:
                deeper.append(line[block_indent + 4 :] if line.strip() else "")
                continue
            block_indent = None
        if match := DEEPER.match(line):
            block_indent = _indent(match["indent"])
            core.append("")
            continue
        core.append(line)
    return "\n".join(core), "\n".join(deeper)


def words(markdown: str) -> int:
    """Words of prose (readability's definition: no headings, code, citations or markup)."""
    return sum(
        sentences.words(sentence)
        for paragraph in sentences.page_prose(markdown)
        for sentence in sentences.sentences(paragraph)
    )


def core_words(markdown: str) -> int:
    return words(split(markdown)[0])


def deeper_words(markdown: str) -> int:
    return words(split(markdown)[1])


def has_deeper(markdown: str) -> bool:
    return any(DEEPER.match(line) for line in markdown.split("\n"))


def minutes(word_count: int) -> int:
    """Reading time in whole minutes, at least one."""
    return max(1, math.ceil(word_count / WORDS_PER_MINUTE))


def reading_time_html(markdown: str) -> str:
    """The line under a lesson's title: the core's reading time, and what "Go deeper" adds."""
    core, deeper = split(markdown)  # once per page: both layers come from one pass
    text = f"Core reading time: {minutes(words(core))} min"
    if has_deeper(markdown):
        text += f" · “Go deeper” sections: {minutes(words(deeper))} min more"
    return f'<p class="page-reading-time">{text}</p>'
