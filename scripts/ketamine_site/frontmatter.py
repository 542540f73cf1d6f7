"""A page's front matter: where it is in the source, and an explanation when it cannot be read.

One reader for every module that needs the front matter's text or the body after it (review
dates, evidence lines, reading times, sentences, cited keys); MkDocs parses the YAML itself but
drops a block it cannot read without a word, so ``front_matter_error`` says why, with the line.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import yaml

# A '---' line, the YAML, and a closing '---' or '...' line (Jekyll's and MkDocs' convention).
_BLOCK = re.compile(r"\A-{3}[ \t]*\n(?P<yaml>.*?\n)?(?:-{3}|\.{3})[ \t]*(?:\n|\Z)", re.DOTALL)


class FrontMatter(NamedTuple):
    yaml: str  # the text between the fences, "" without front matter
    end: int  # where the body starts in the source: 0 without front matter
    found: bool


def split(source: str) -> FrontMatter:
    """The page's front matter block, if it opens with one."""
    match = _BLOCK.match(source)
    if not match:
        return FrontMatter("", 0, False)
    return FrontMatter(match["yaml"] or "", match.end(), True)


def body(source: str) -> str:
    """The page's Markdown after its front matter."""
    return source[split(source).end :]


def front_matter_error(text: str) -> tuple[int, str] | None:
    """(1-based line, message) if the page opens with a YAML block that cannot be read."""
    block = split(text)
    if not block.found:
        return None
    try:
        data = yaml.safe_load(block.yaml)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1  # +1 for the opening '---', +1 for 1-based
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        return line, (
            f"front matter is not valid YAML ({problem}), so the page loses its title, "
            "description and evidence box: put quotes around values that contain ': ' or '#'"
        )
    if data is not None and not isinstance(data, dict):
        return 2, "front matter must be 'name: value' lines"
    return None
