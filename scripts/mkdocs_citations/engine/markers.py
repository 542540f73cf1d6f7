"""Finding and parsing Pandoc-style citation groups: ``[@a]``, ``[@a; @b]``, ``[@a, p. 33]``.

A bracket is a citation group when it holds ``@key`` at the start of an item (so e-mail
addresses and handles inside brackets are left alone). Inside a group, AMA superscripts allow a
page locator only; any other prefix or suffix is reported, never silently dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

# A key as Pandoc reads one: a letter (any script: its own test bibliography has пункт3), digit or
# "_" first and last, internal punctuation between.
KEY = r"\w(?:[\w:.#$%&+?<>~/-]*\w)?"
# Or any key in braces, as Pandoc allows for one with other characters: @{doe 2020} no, but
# @{https://example.org/bib?name=x&year=2000} yes (no space inside).
_ANY_KEY = r"(?:" + KEY + r"|\{[^\s{}\[\]]+\})"

# The body must contain an @key whose "@" follows the bracket, a space, ";" or "-".
# Not followed by "(" or "[": then it is a Markdown link whose text happens to start with "@".
# A group may run over a line break, as Pandoc allows.
GROUP_PATTERN = (
    r"\[(?P<body>[^\[\]]*?(?:(?<=\[)|(?<=[\s;\-]))@" + _ANY_KEY + r"[^\[\]]*)\](?![(\[])"
)
_GROUP_RE = re.compile(GROUP_PATTERN)
_ITEM_RE = re.compile(
    r"\s*(?P<prefix>.*?)\s*(?P<suppress>-?)@(?P<key>" + _ANY_KEY + r")(?P<suffix>.*?)\s*",
    re.DOTALL,
)
_LOCATOR_RE = re.compile(
    r",\s*(?P<label>pp?|pages?)\.?\s*(?P<pages>\w+(?:\s*[-–—,]\s*\w+)*)", re.IGNORECASE
)


class Cite(NamedTuple):  # a tuple: one is made per citation, thousands per build
    key: str
    locator: str = ""  # already in AMA form: "p33", "pp33-35"


@dataclass(slots=True)
class Group:
    """One bracketed citation group, as written."""

    source: str  # the text between the brackets
    cites: list[Cite] = field(default_factory=list)
    errors: list[tuple[str | None, str]] = field(
        default_factory=list
    )  # (key, message) per bad item


# Most groups are keys and semicolons only: those need no item-by-item parse.
_SIMPLE_GROUP_RE = re.compile(r"\s*@" + KEY + r"\s*(?:;\s*@" + KEY + r"\s*)*")


_SINGLE_KEY_RE = re.compile(r"@(" + KEY + ")")


def parse_group(body: str) -> Group:
    single = _SINGLE_KEY_RE.fullmatch(body)
    if single:  # the commonest group of all: [@key]
        return Group(body, [Cite(single[1])])
    source = " ".join(body.split())  # one line, for messages and markers
    if _SIMPLE_GROUP_RE.fullmatch(body):
        return Group(source, [Cite(item.strip()[1:]) for item in body.split(";")])
    group = Group(source)
    for item in body.split(";"):
        if not item.strip():
            continue
        match = _ITEM_RE.fullmatch(item)
        if not match:
            group.errors.append(
                (
                    None,
                    f"'{item.strip()}' in [{group.source}] is not a citation: "
                    "write each source as @key, separated by semicolons",
                )
            )
            continue
        key, prefix, suffix = match["key"], match["prefix"], match["suffix"].strip()
        if key.startswith("{"):
            key = key[1:-1]  # @{key}: the braces only delimit it
        if prefix:
            group.errors.append(
                (
                    key,
                    f"prefix '{prefix}' in [{group.source}] cannot be shown in an AMA superscript: "
                    f"write the words outside the brackets, as in '{prefix} [@{key}]'",
                )
            )
            continue
        locator = ""
        if suffix:
            loc = _LOCATOR_RE.fullmatch(suffix)
            if not loc:
                group.errors.append(
                    (
                        key,
                        f"suffix '{suffix}' in [{group.source}] is not supported: AMA citations "
                        f"take only page locators such as [@{key}, p. 33] or [@{key}, pp. 33-35]",
                    )
                )
                continue
            pages = re.sub(r"\s*[-–—]\s*", "-", loc["pages"])
            pages = re.sub(r"\s*,\s*", ",", pages)
            plural = (
                loc["label"].lower().startswith(("pp", "pages")) or "-" in pages or "," in pages
            )
            locator = ("pp" if plural else "p") + pages
        group.cites.append(Cite(key, locator))
    return group


def find_groups(text: str) -> list[re.Match[str]]:
    """Every citation group in a plain string (no Markdown awareness)."""
    return list(_GROUP_RE.finditer(text))


def written_key(key: str) -> str:
    """A pattern for ``key`` as written after "@": bare, or in braces."""
    return r"(?:\{" + re.escape(key) + r"\}|" + re.escape(key) + r"(?!\w))"


def locate_written(source: str, written: str, occurrence: int = 0) -> int | None:
    """The 1-based line of the n-th appearance of ``written`` (e.g. "[@ key") in a page's source."""
    hits = [source.count("\n", 0, m.start()) + 1 for m in re.finditer(re.escape(written), source)]
    return hits[min(occurrence, len(hits) - 1)] if hits else None


def _cite_pattern(key: str) -> re.Pattern:
    """``@key`` (or ``-@key``) as written in a citation group."""
    return re.compile(r"(?<![\w.])-?@" + written_key(key))


def count(source: str, key: str) -> int:
    """How many times ``key`` is cited in ``source``."""
    return sum(1 for _ in _cite_pattern(key).finditer(source))


def locate(source: str, key: str, occurrence: int = 0) -> int | None:
    """The 1-based line of the n-th citation of ``key`` in a page's source, for error messages."""
    hits = [source.count("\n", 0, m.start()) + 1 for m in _cite_pattern(key).finditer(source)]
    if not hits:
        # Keys listed without "@", as in a front-matter list of sources.
        bare = re.compile(r"(?<![\w.@-])" + re.escape(key) + r"(?!\w)")
        hits = [source.count("\n", 0, m.start()) + 1 for m in bare.finditer(source)]
    if not hits:
        return None
    return hits[min(occurrence, len(hits) - 1)]
