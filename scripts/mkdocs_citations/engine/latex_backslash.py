"""``\\textbackslash`` in a field: a literal backslash, or an exporter's doubled escape.

Exporters that escape LaTeX they were given as text write ``Garc\\textbackslash{}'ia`` for
``Garc\\'ia`` and ``1\\textbackslash{}times1`` for ``1\\times1``. Read literally, that is a
backslash and a stray brace before text no reader wants; read as the writer meant it, it is
"García" and "1×1". So a ``\\textbackslash`` before an accent or a command the decoder knows
becomes that command again; any other stays a backslash ("the \\section command"), carried as a
stand-in character that no later step reads as LaTeX (``latex._literal_braces`` turns it back).
"""

from __future__ import annotations

import re
from collections.abc import Collection

BACKSLASH = "\x07"  # a literal backslash until the text is decoded

_TEXTBACKSLASH = re.compile(
    r"\\textbackslash(?![A-Za-z])(?:\s*\{\}|\s+)?"
    # what follows: an accent and its letter, or a command's name
    r"(?:(?P<accent>[`'^~=.\"](?=\\?[A-Za-z{]))|(?P<name>[A-Za-z]+))?"
)


def undo_escaped_backslashes(text: str, commands: Collection[str]) -> str:
    """``text`` with each ``\\textbackslash`` made a command again or a literal backslash;
    ``commands`` are the names the decoder turns into text."""

    def replace(match: re.Match[str]) -> str:
        accent, name = match.group("accent"), match.group("name")
        if accent:
            return "\\" + accent
        if name and name in commands:
            return "\\" + name
        return BACKSLASH + (name or "")

    return _TEXTBACKSLASH.sub(replace, text)
