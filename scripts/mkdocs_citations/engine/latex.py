"""LaTeX in BibTeX field values → Unicode text, keeping brace-protected spans apart.

BibTeX users write accents (``\\'e``, ``{\\"o}``), escapes (``\\&``), dashes (``--``) and
protect case with braces (``{BDNF}``). ``decode`` returns the text as ``Span`` pieces so the
AMA formatter can change the case of unprotected words only; ``to_unicode`` joins them.

The common LaTeX of titles and names is decoded here with a few regular expressions: a build
decodes thousands of values. A value that still holds a command after them, or a math formula,
goes to ``latex_full`` (pylatexenc), so that no command name or brace reaches a reader.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import NamedTuple

from mkdocs_citations.engine.latex_backslash import BACKSLASH, undo_escaped_backslashes
from mkdocs_citations.engine.latex_full import decode_full

# Accent commands → Unicode combining marks.
_ACCENTS = {
    "`": "\u0300",
    "'": "\u0301",
    "^": "\u0302",
    "~": "\u0303",
    "=": "\u0304",
    "u": "\u0306",
    ".": "\u0307",
    '"': "\u0308",
    "r": "\u030a",
    "H": "\u030b",
    "v": "\u030c",
    "d": "\u0323",
    "c": "\u0327",
    "k": "\u0328",
    "b": "\u0331",
}
_LETTERS = {
    "ss": "ß",
    "o": "ø",
    "O": "Ø",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "aa": "å",
    "AA": "Å",
    "l": "ł",
    "L": "Ł",
    "i": "ı",
    "j": "ȷ",
}
_SYMBOLS = {
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "epsilon": "ε",
    "kappa": "κ",
    "lambda": "λ",
    "mu": "μ",
    "pi": "π",
    "sigma": "σ",
    "tau": "τ",
    "theta": "θ",
    "omega": "ω",
    "Delta": "Δ",
    "textendash": "–",
    "textemdash": "—",
    "S": "§",
    "dag": "†",
    "pm": "±",
    "times": "×",
    "textregistered": "®",
    "texttrademark": "™",
    "copyright": "©",
}
_ESCAPES = {
    "&": "&",
    "%": "%",
    "$": "$",
    "#": "#",
    "_": "_",
    "{": "\x00",
    "}": "\x01",
    ",": "\u2009",
}
_STYLE_COMMANDS = r"emph|textit|textbf|textrm|textsf|textsc|texttt|textup|mbox|text|mathrm|mathit"

_SYMBOL_ACCENT = r"[`'^~=.\"]"
_LETTER_ACCENT = r"[uvHcdkbr]"
_BASE = r"\\[ij](?![A-Za-z])|[A-Za-z]"

_ACCENT_PATTERNS = [
    # {\'e}, {\'{e}}, {\c c}: the braces belong to the special character, not to case protection.
    re.compile(r"\{\\(" + _SYMBOL_ACCENT + r")\s*\{?(" + _BASE + r")\}?\}"),
    re.compile(r"\{\\(" + _LETTER_ACCENT + r")(?:\s+|\{)(" + _BASE + r")\}?\}"),
    # \'{e}, \c{c}
    re.compile(r"\\(" + _SYMBOL_ACCENT + r"|" + _LETTER_ACCENT + r")\s*\{(" + _BASE + r")\}"),
    # \'e, \c c
    re.compile(r"\\(" + _SYMBOL_ACCENT + r")(" + _BASE + r")"),
    re.compile(r"\\(" + _LETTER_ACCENT + r")\s+(" + _BASE + r")"),
]
_LETTER_PATTERN = re.compile(
    r"\{?\\(" + "|".join(sorted(_LETTERS, key=len, reverse=True)) + r")(?![A-Za-z])\}?\s?"
)
_SYMBOL_PATTERN = re.compile(r"\\(" + "|".join(_SYMBOLS) + r")(?![A-Za-z])\s?")
_ESCAPE_PATTERN = re.compile(r"\\([&%$#_{},])")
_SPACES = re.compile(r"[ \t\r\n]+")
_STYLE_PATTERN = re.compile(r"\\(?:" + _STYLE_COMMANDS + r")\s*(?=\{)")
# What the patterns above leave to pylatexenc: a command they do not know (any letters after a
# backslash, once the style commands are gone) or math ($...$, \(...\), \[...\]).
_UNHANDLED = re.compile(r"\\(?!(?:" + _STYLE_COMMANDS + r")\s*\{)[A-Za-z@]|(?<!\\)\$|\\[()\[\]]")
# Commands a \textbackslash may stand before in a doubly escaped export (latex_backslash).
_KNOWN_COMMANDS = frozenset(
    {*_ACCENTS, *_LETTERS, *_SYMBOLS, *_ESCAPES, *_STYLE_COMMANDS.split("|")}
)
DOLLAR = "\x06"  # an escaped \$ until the text is decoded: a bare $ is math and is dropped


class Span(NamedTuple):
    """A run of decoded text; ``protected`` when it stood inside braces (keep its case)."""

    text: str
    protected: bool


def _accent(match: re.Match[str]) -> str:
    command, base = match.group(1), match.group(2)
    base = {"\\i": "i", "\\j": "j"}.get(base, base)
    return unicodedata.normalize("NFC", base + _ACCENTS[command])


def decode(value: str) -> tuple[Span, ...]:
    """Decode one field value into spans of text, each protected or not."""
    text = value
    if "\\" in text or "$" in text:
        if "\\textbackslash" in text:
            text = undo_escaped_backslashes(text, _KNOWN_COMMANDS)
        if "\\$" in text:
            text = text.replace("\\$", DOLLAR)
        for pattern in _ACCENT_PATTERNS:
            text = pattern.sub(_accent, text)
        text = _LETTER_PATTERN.sub(lambda m: _LETTERS[m.group(1)], text)
        text = _SYMBOL_PATTERN.sub(lambda m: _SYMBOLS[m.group(1)], text)
        if _UNHANDLED.search(text):
            text = decode_full(text)
        text = _ESCAPE_PATTERN.sub(lambda m: _ESCAPES[m.group(1)], text)
        text = _STYLE_PATTERN.sub("", text)
        text = text.replace("\\\\", " ").replace("\\", "")
    if "-" in text:
        text = text.replace("---", "—").replace("--", "–")
    text = text.replace("~", "\u00a0").replace("$", "")
    if "  " in text or "\n" in text or "\t" in text or "\r" in text:  # rare: skip the scan
        text = _SPACES.sub(" ", text)
    return tuple(_split_braces(text))


@cache  # see FormattedReferences: a plain dict, cleared with each new bibliography
def to_unicode(value: str) -> str:
    """Decode a field value to plain Unicode text (braces removed)."""
    return "".join(span.text for span in decode(value)).strip()


_BRACES = re.compile(r"[{}]")


def _literal_braces(text: str) -> str:
    """Escaped braces (``\\{``, ``\\}``) stood in as control characters so far, as did a URL's
    tildes and dashes (``latex_full``); now text again."""
    if "\x04" in text or "\x05" in text:
        text = text.replace("\x04", "~").replace("\x05", "-")
    if DOLLAR in text or BACKSLASH in text:
        text = text.replace(DOLLAR, "$").replace(BACKSLASH, "\\")
    return text.replace("\x00", "{").replace("\x01", "}")


def _split_braces(text: str) -> list[Span]:
    if "{" not in text and "}" not in text:
        piece = _literal_braces(text)
        return [Span(piece, False)] if piece else []
    spans: list[Span] = []
    depth = 0
    start = 0
    # From brace to brace, not character by character: titles run to thousands a build.
    for brace in _BRACES.finditer(text):
        if brace.start() > start:
            spans.append(Span(_literal_braces(text[start : brace.start()]), depth > 0))
        depth = depth + 1 if brace.group() == "{" else max(depth - 1, 0)
        start = brace.end()
    if start < len(text):
        spans.append(Span(_literal_braces(text[start:]), depth > 0))
    return spans
