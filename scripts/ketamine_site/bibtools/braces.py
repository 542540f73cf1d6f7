"""Unbalanced braces and text outside any entry, each reported at the line to fix.

bibtexparser only says that an entry could not be parsed. This scan follows the same rules as
its splitter (a block starts at ``@type{`` or ``@type(``; a brace after a backslash does not
count; a line starting with ``@type{`` inside a block means that block was never closed) and
names the brace left open: the value's brace still open where the next field starts (a line
beginning ``name =``), else the innermost one. An extra ``}`` closes its entry early, so what
follows it lands outside any entry: that text is reported, with the line of the ``}`` that
closed the entry. Outside entries only blank lines and ``%`` comment lines are expected.
"""

from __future__ import annotations

import re

from mkdocs_citations.engine.problems import Problem

BLOCK_START = re.compile(r"@\w*[ \t]*(?=[{(])")
_LINE_START_BLOCK = re.compile(r"[ \t]*@\w*[ \t]*[{(]")
# "name = {", 'name = "' or "name = 2001," at a line start: a field, not prose such as "n = 12)".
_FIELD_START = re.compile(
    r"[ \t]*([A-Za-z][\w-]*)[ \t]*=[ \t]*(?:[{\"]|[\w.:-]+[ \t]*,?[ \t]*(?:\n|$))"
)
_LONE_CLOSE = re.compile(r"[ \t]*\}[ \t]*(?:\n|$)")


def brace_problems(text: str, filename: str) -> list[Problem]:
    """Every unclosed brace, extra closing brace and stray line, in file order."""
    problems: list[Problem] = []
    pos = 0
    closed: tuple[str, int] | None = None  # (head of the block that ended last, line of its end)
    while pos < len(text):
        start = BLOCK_START.search(text, pos)
        end_of_outside = start.start() if start else len(text)
        stray = _stray_line(text, pos, end_of_outside)
        if stray is not None:
            problems.append(_stray_problem(filename, stray, closed, text, pos))
        if start is None:
            break
        pos, problem, close_line = _scan_block(text, start.start(), start.end(), filename)
        if problem is not None:
            problems.append(problem)
        closed = (_head(text, start.start()), close_line) if close_line else None
    return problems


def _scan_block(
    text: str, at: int, delimiter: int, filename: str
) -> tuple[int, Problem | None, int | None]:
    """Walk one block from its opening delimiter: (where to resume, problem, line of its end)."""
    closing = "}" if text[delimiter] == "{" else ")"
    line = _line_of(text, delimiter)
    opened: list[int] = [line] if closing == "}" else []  # lines of the braces still open
    value_depth = len(opened) + 1  # inside a field value from this many open braces on
    has_fields = not re.match(r"@(comment|preamble|string)\b", text[at:delimiter], re.IGNORECASE)
    suspect: Problem | None = None  # a value brace still open where the next field starts
    last_line: Problem | None = None  # ... or on a line holding only "}" (if the block never ends)
    in_quotes = False
    for i in range(delimiter + 1, len(text)):
        char = text[i]
        escaped = text[i - 1] == "\\"
        if char == "\n":
            line += 1
            if _LINE_START_BLOCK.match(text, i + 1):
                unclosed = _unclosed(text, at, opened, filename, f"line {line}")
                return i + 1, suspect or last_line or unclosed, None
            in_value = has_fields and len(opened) >= value_depth
            field = _FIELD_START.match(text, i + 1) if in_value and not suspect else None
            if field:
                where = f"where the field '{field[1]}' starts (line {line})"
                suspect = _still_open(text, at, opened[-1], where, filename)
            elif in_value and not last_line and _LONE_CLOSE.match(text, i + 1):
                where = f"at the entry's last line (line {line})"
                last_line = _still_open(text, at, opened[-1], where, filename)
        elif char == "{" and not escaped:
            opened.append(line)
        elif char == "}" and not escaped:
            if not opened:
                message = (
                    f"extra '}}' in {_head(text, at)}: it closes nothing; remove it "
                    "(or balance it with a '{' where the text needs one)"
                )
                return i + 1, Problem("error", message, filename, line), None
            opened.pop()
            if closing == "}" and not opened:
                return i + 1, suspect, line
        elif closing == ")" and not opened:
            if char == '"':
                in_quotes = not in_quotes
            elif char == ")" and not in_quotes:
                return i + 1, suspect, line
    end = suspect or last_line or _unclosed(text, at, opened, filename, "the end of the file")
    return len(text), end, None


def _still_open(text: str, at: int, brace_line: int, where: str, filename: str) -> Problem:
    message = (
        f"unbalanced braces in {_head(text, at)}: the '{{' on this line is still open {where}: "
        "add the matching '}'"
    )
    return Problem("error", message, filename, brace_line)


def _unclosed(text: str, at: int, opened: list[int], filename: str, before: str) -> Problem:
    head = _head(text, at)
    block_line = _line_of(text, at)
    if not opened:  # a "(" block without its ")"
        message = f"{head} has no closing ')' before {before}: add it after its last field"
        return Problem("error", message, filename, block_line)
    if len(opened) == 1:  # only the block's own "{" is open
        message = f"{head} has no closing '}}' before {before}: add it after its last field"
        return Problem("error", message, filename, block_line)
    message = (
        f"unbalanced braces in {head}: the '{{' on this line is never closed "
        f"before {before}: add the matching '}}'"
    )
    return Problem("error", message, filename, opened[-1])


def _stray_line(text: str, start: int, end: int) -> int | None:
    """The position of the first line between ``start`` and ``end`` that is not blank or ``%``."""
    offset = start
    for piece in text[start:end].split("\n"):
        stripped = piece.strip()
        if stripped and not stripped.startswith("%"):
            return offset + piece.index(stripped[0])
        offset += len(piece) + 1
    return None


def _stray_problem(
    filename: str, position: int, closed: tuple[str, int] | None, text: str, outside_start: int
) -> Problem:
    line = _line_of(text, position)
    snippet = text[position:].split("\n", 1)[0].strip()
    if len(snippet) > 40:
        snippet = snippet[:37] + "..."
    # Right after a block's end (same or next line): most likely an extra "}" ended it early.
    between = text[outside_start:position]
    if closed is not None and not between.strip() and between.count("\n") <= 1:
        head, close_line = closed
        message = (
            f"'{snippet}' is outside any entry: the '}}' on line {close_line} ended {head} "
            "early; remove the extra '}' (or start the line with % if it is a note)"
        )
    else:
        message = (
            f"'{snippet}' is outside any entry: start comment lines with %, "
            "or move the text into an entry"
        )
    return Problem("error", message, filename, line)


def _head(text: str, at: int) -> str:
    """How a block is named in messages: '@article{key'."""
    head = re.split(r"[,\n]", text[at : at + 80], maxsplit=1)[0].strip()
    return f"'{head}'"


def _line_of(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1
