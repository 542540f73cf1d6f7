"""Front matter that fails to parse, found and explained (MkDocs silently drops it)."""

from __future__ import annotations

import re

import yaml

_BLOCK = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def front_matter_error(text: str) -> tuple[int, str] | None:
    """(1-based line, message) if the page opens with a YAML block that cannot be read."""
    match = _BLOCK.match(text)
    if not match:
        return None
    try:
        data = yaml.safe_load(match.group(1))
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
