"""Where in an entry that could not be parsed the fault is: the field whose brace is left open.

bibtexparser reports a failed entry at its first line. An unclosed brace inside a field runs
the value on to the end of the entry or the file; the line that matters is the field's own.
"""

from __future__ import annotations

import re

_HEAD = re.compile(r"@\w+\s*[{(][^,]*,")
_NAME = re.compile(r"\s*([A-Za-z][\w\-:.+]*)\s*=\s*")
_BRACE = re.compile(r"[{}]")
_AFTER = re.compile(r"\s*([,}])")
# A line inside a value that starts like a field ("  year ="): the value ran on past its end.
_FIELD_LINE = re.compile(r"\n[ \t]*[A-Za-z][\w\-:.+]*[ \t]*=")


def unclosed_field(raw: str) -> tuple[str, int] | None:
    """(name, offset in ``raw``) of the first field whose braced value is never closed, or
    runs on into a line that starts like the next field; ``None`` if no field is so."""
    head = _HEAD.match(raw)
    if head is None:
        return None
    at = head.end()
    while True:
        name = _NAME.match(raw, at)
        if name is None or not raw.startswith("{", name.end()):
            return None  # a quoted or bare value, or the entry's end: not this fault
        close = _closing(raw, name.end())
        if close < 0 or _runs_on(raw, name.end(), close):
            return name.group(1), name.start(1)
        after = _AFTER.match(raw, close + 1)
        if after is None:
            # Neither "," nor the entry's "}" follows: the brace that closed this value was the
            # entry's own, so the value's was left open.
            return name.group(1), name.start(1)
        if after.group(1) == "}":
            return None
        at = after.end()


def _closing(text: str, start: int) -> int:
    depth = 0
    for match in _BRACE.finditer(text, start):
        depth += 1 if match.group() == "{" else -1
        if depth == 0:
            return match.start()
    return -1


def _runs_on(text: str, start: int, end: int) -> bool:
    """Whether a line starting like a field stands in the value at its own level (depth 1)."""
    depth = 0
    position = start
    for match in _BRACE.finditer(text, start, end):
        if depth == 1 and _FIELD_LINE.search(text, position, match.start()):
            return True
        depth += 1 if match.group() == "{" else -1
        position = match.end()
    return depth == 1 and bool(_FIELD_LINE.search(text, position, end))
