"""BibTeX name lists → AMA author strings ("Family Initials", "et al" past six).

BibTeX's three name forms are understood: "First von Last", "von Last, First" and
"von Last, Jr, First". A braced name (``{World Health Organization}``) is kept whole.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from mkdocs_citations.engine.latex import to_unicode
from mkdocs_citations.engine.nameforms import split_outside_braces, standard_form

AMA_MAX_LISTED = 6  # list every author up to six...
AMA_LISTED_BEFORE_ET_AL = 3  # ...otherwise the first three, then "et al"


class Name(NamedTuple):
    first: str
    von: str
    last: str
    jr: str


_AND = re.compile(" (and) ", re.IGNORECASE)  # the group keeps "AND" as written, for re-joining


def _has_braces(text: str) -> bool:
    return "{" in text or "}" in text


def split_names(value: str) -> tuple[list[str], bool]:
    """Split an author field on top-level "and"; report whether it ended in "and others"."""
    # BibTeX reads any run of whitespace, a line break included, as one space.
    text = " ".join(value.split())
    if text[:4].lower() == "and " or text[-4:].lower() == " and":
        text = text[4:] if text[:4].lower() == "and " else text[:-4]  # dangling: warned
    pieces = _AND.split(text)
    if _has_braces(value):
        # An "and" inside braces ({Barnes and Noble}) is part of a name: re-join it.
        merged, depth = [pieces[0]], pieces[0].count("{") - pieces[0].count("}")
        for separator, piece in zip(pieces[1::2], pieces[2::2], strict=True):
            if depth > 0:
                merged[-1] += f" {separator} {piece}"
            else:
                merged.append(piece)
            depth += piece.count("{") - piece.count("}")
        parts = merged
    else:
        parts = pieces[::2]
    parts = [part for part in parts if part]
    others = bool(parts) and parts[-1].lower() == "others"
    if others:
        parts.pop()
    return parts, others


def _words(text: str) -> list[str]:
    """Split on spaces outside braces."""
    return [word for word in split_outside_braces(text, " ") if word]


def _is_lower(word: str) -> bool:
    """BibTeX's von test: the first letter at brace depth 0 is lowercase."""
    depth = 0
    for char in word:
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char.isalpha() and depth == 0:
            return char.islower()
    return False


def parse_name(raw: str) -> Name:
    """One BibTeX name → its parts (still LaTeX)."""
    commas = _split_top_level_commas(standard_form(raw))
    if len(commas) == 1:
        words = _words(commas[0])
        if len(words) == 1:
            return Name("", "", words[0], "")
        # "First von Last": von starts at the first lowercase word before the last word.
        von_start = next((i for i, w in enumerate(words[:-1]) if _is_lower(w)), None)
        if von_start is None:
            return Name(" ".join(words[:-1]), "", words[-1], "")
        von_end = max(i for i, w in enumerate(words[:-1]) if _is_lower(w)) + 1
        return Name(
            " ".join(words[:von_start]),
            " ".join(words[von_start:von_end]),
            " ".join(words[von_end:]),
            "",
        )
    last_part = _words(commas[0])
    jr = commas[1] if len(commas) == 3 else ""
    first = commas[-1]
    von_words = []
    while len(last_part) > 1 and _is_lower(last_part[0]):
        von_words.append(last_part.pop(0))
    return Name(first.strip(), " ".join(von_words), " ".join(last_part), jr.strip())


def _split_top_level_commas(raw: str) -> list[str]:
    parts = (piece.strip() for piece in split_outside_braces(raw, ","))
    return [part for part in parts if part] or [raw]


class Person(NamedTuple):
    """One name decoded to Unicode: what every output (AMA, Vancouver, metadata) is made from."""

    family: str  # "von Last"; a braced corporate name is all family
    given: str
    suffix: str  # "Jr."

    def inverted(self) -> str:
        """'Family, Given, Suffix': the form RIS and Highwire ``citation_author`` expect."""
        return ", ".join(part for part in (self.family, self.given, self.suffix) if part)

    def natural(self) -> str:
        """'Given Family Suffix', for schema.org's ``name``."""
        return " ".join(part for part in (self.given, self.family, self.suffix) if part)


# ASCII letters, spaces, dots, commas, apostrophes and single hyphens: nothing to decode.
_PLAIN_NAME = re.compile(r"(?!.*--)[A-Za-z][A-Za-z' .,-]*")


@cache  # see FormattedReferences: each name parsed once per bibliography, whoever asks
def person(raw: str) -> Person:
    """One BibTeX name → its decoded parts."""
    if _PLAIN_NAME.fullmatch(raw):
        return _plain_person(raw)
    return _parsed_person(raw)


@cache  # the same author lists recur on every page, download and metadata block citing them
def people(value: str) -> tuple[Person, ...]:
    """A BibTeX name list → people in order; a closing "and others" names nobody, so is dropped."""
    if not value.strip():
        return ()
    raw_names, _others = split_names(value)
    return tuple(person(raw) for raw in raw_names)


def _parsed_person(raw: str) -> Person:
    name = parse_name(raw)
    family = " ".join(part for part in (to_unicode(name.von), to_unicode(name.last)) if part)
    return Person(family, to_unicode(name.first), to_unicode(name.jr))


def _plain_person(raw: str) -> Person:
    """``_parsed_person`` for a name with nothing to decode and no braces: the same rules (tests
    hold the two to the same output), in a few string operations instead of the general parser's
    passes. A build reads thousands of names."""
    raw = standard_form(raw)
    if "," not in raw:
        # "First von Last": von runs from the first to the last lowercase word before the last.
        words = raw.split()
        last = len(words) - 1
        if not last:
            return Person(words[0], "", "")
        von_start = last
        for i in range(last):
            word = words[i]
            if word[0].islower() if word[0].isalpha() else _is_lower(word):
                von_start = i
                break
        return Person(" ".join(words[von_start:]), " ".join(words[:von_start]), "")
    commas = [piece for piece in [p.strip() for p in raw.split(",")] if piece]
    if len(commas) == 1:
        return _plain_person(commas[0])
    # "von Last, First" or "von Last, Jr, First"
    suffix = " ".join(commas[1].split()) if len(commas) == 3 else ""
    return Person(" ".join(commas[0].split()), commas[-1], suffix)


_INITIAL_BREAKS = re.compile(r"[\s.\-]+")


def initials(given: str) -> str:
    """'Ronald S.' → 'RS'; 'Peng-fei' → 'PF'; 'C. A.' → 'CA' (decoded text)."""
    return "".join(
        piece[0].upper() for piece in _INITIAL_BREAKS.split(given) if piece[:1].isalpha()
    )


@cache  # see FormattedReferences
def format_name(raw: str) -> str:
    """One BibTeX name → 'von Last Initials Jr' (AMA)."""
    name = person(raw)
    pieces = (name.family, initials(name.given), name.suffix.rstrip("."))
    return " ".join(piece for piece in pieces if piece)


def format_authors(
    value: str,
    max_listed: int = AMA_MAX_LISTED,
    listed_before_et_al: int = AMA_LISTED_BEFORE_ET_AL,
    et_al: str = "et al",
) -> str:
    """A BibTeX author field → the author list, without the final period: AMA's by default
    (all up to six, else three and "et al"); Vancouver passes its own numbers."""
    raw_names, others = split_names(value)
    if len(raw_names) > max_listed or (others and len(raw_names) >= listed_before_et_al):
        # Only the names shown are formatted.
        names = [format_name(n) for n in raw_names[:listed_before_et_al]]
        return ", ".join(names) + ", " + et_al
    names = [format_name(n) for n in raw_names]
    if others:
        return ", ".join([*names, et_al])
    return ", ".join(names)
