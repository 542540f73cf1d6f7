"""Names in forms that BibTeX's three do not cover, rewritten into them; and author lists that
cannot be read cleanly, found so that the reader never sees a wrong name in silence.

- biblatex's extended name format, which Better BibLaTeX writes
  (``family=Heuvel, given=Charles, prefix=van den, useprefix=false``) → ``van den Heuvel,
  Charles``. ``useprefix`` and the ``-i`` keys say how biblatex sorts and abbreviates, not what
  the name is, so they are not needed for AMA or Vancouver.
- A suffix where exporters and people put it, which BibTeX misreads: ``Fulton, James E., Jr.``
  (BibTeX: given name "Jr."), ``Fulton Jr., James E.`` and ``James E. Fulton Jr.`` →
  ``Fulton, Jr., James E.``, BibTeX's own "von Last, Jr, First", which AMA and Vancouver print as
  "Fulton JE Jr".

``bibtexparser``'s name middleware splits BibTeX's three forms only (it rejects the extended
format as "too many commas" and reads the suffix as a given name), so these are done here, as
rewrites in front of ``names``' own parser.
"""

from __future__ import annotations

import re

# Suffixes as written after a name: "Jr", "Jr.", "Sr.", "II", "III", "IV", "2nd", "3rd".
_SUFFIX = r"(?:[JjSs][Rr]\.?|I{2,3}|IV|2nd|3rd|4th)"
_IS_SUFFIX = re.compile(_SUFFIX)
# A suffix at the end of the name or of its first comma part: only then can it be misplaced.
_MAYBE_MISPLACED = re.compile(r"\s" + _SUFFIX + r"\s*(?:,|$)|," + r"\s*" + _SUFFIX + r"\s*$")
# Words outside braces (nested two deep, as names are); a name that is one braced group.
_GROUP = r"\{(?:[^{}]|\{[^{}]*\})*\}"
_WORD = re.compile(r"(?:[^\s{}]|" + _GROUP + r")+")
_GROUP_ONLY = re.compile(_GROUP)
_BRACE_OR_AND = re.compile(r"[{}]|(?:^| )and(?= |$)", re.IGNORECASE)
_EXTENDED_PART = re.compile(r"\s*([A-Za-z][A-Za-z-]*)\s*=\s*(.*?)\s*", re.DOTALL)
_EXTENDED_KEYS = ("family", "given", "prefix", "suffix")


_SEPARATOR_OR_BRACE = {separator: re.compile(r"[{}" + separator + "]") for separator in ", "}


def split_outside_braces(text: str, separator: str) -> list[str]:
    """Split on a one-character separator (a comma or a space) wherever it stands outside
    braces."""
    if "{" not in text and "}" not in text:
        return text.split(separator)
    pieces, depth, start = [], 0, 0
    for match in _SEPARATOR_OR_BRACE[separator].finditer(text):
        char = match.group()
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif depth == 0:
            pieces.append(text[start : match.start()])
            start = match.end()
    pieces.append(text[start:])
    return pieces


def comma_parts(raw: str) -> list[str]:
    """The name's parts between top-level commas, stripped (empty ones kept)."""
    return [part.strip() for part in split_outside_braces(raw, ",")]


def is_suffix(text: str) -> bool:
    return _IS_SUFFIX.fullmatch(text.strip()) is not None


def extended(raw: str) -> dict[str, str] | None:
    """The keys and values of a name in biblatex's extended format, or ``None``."""
    found: dict[str, str] = {}
    for part in comma_parts(raw):
        match = _EXTENDED_PART.fullmatch(part)
        if match is None:
            return None
        value = match.group(2)
        if len(value) > 1 and value[0] == value[-1] == '"':
            value = value[1:-1]
        found[match.group(1).lower()] = value
    return found


def standard_form(raw: str) -> str:
    """``raw`` as one of BibTeX's three forms, if it was written in another one above."""
    if "=" in raw and (keys := extended(raw)) is not None and keys.get("family"):
        family = " ".join(keys[k] for k in ("prefix", "family") if keys.get(k))
        return ", ".join(part for part in (family, keys.get("suffix"), keys.get("given")) if part)
    if not _MAYBE_MISPLACED.search(raw):
        return raw
    parts = comma_parts(raw)
    if len(parts) == 3 and is_suffix(parts[2]) and not is_suffix(parts[1]):
        return f"{parts[0]}, {parts[2]}, {parts[1]}"  # Fulton, James E., Jr.
    words = _WORD.findall(parts[0])
    if len(parts) == 2 and len(words) > 1 and is_suffix(words[-1]):
        return f"{' '.join(words[:-1])}, {words[-1]}, {parts[1]}"  # Fulton Jr., James E.
    if len(parts) == 1 and len(words) > 2 and is_suffix(words[-1]):
        # James E. Fulton Jr.: the family name starts at the first lowercase word (von), or is
        # the last word, as BibTeX reads "First von Last".
        name = words[:-1]
        start = next((i for i, w in enumerate(name[:-1]) if w[:1].islower()), len(name) - 1)
        return f"{' '.join(name[start:])}, {words[-1]}, {' '.join(name[:start])}"
    return raw


def unreadable(value: str) -> str:
    """Why an author or editor list cannot be read cleanly, or "" if it can: a dangling "and",
    an empty name, too many commas in one name, an extended name without a family name."""
    text = " ".join(value.split())
    lowered = text.lower()
    if lowered == "and" or lowered.startswith("and ") or lowered.endswith(" and"):
        return 'it begins or ends with "and": remove it, or add the missing name'
    if " and and " in lowered:
        return 'it has "and and", a name left out: remove one "and", or add the name'
    # Most lists (thousands a build): no extended name, no braced name around an "and", and
    # no more than two commas between two "and"s, in one pass; the rest goes name by name.
    # (Only an "and" braced between a name's commas, "A, {B and C}, D, E", slips past.)
    simple = "=" not in text and "and}" not in lowered and "{and " not in lowered
    if simple and all(name.count(",") <= 2 for name in lowered.split(" and ")):
        return ""
    for name in _names(text):
        inner = name[1:-1].strip() if _GROUP_ONLY.fullmatch(name) else ""
        if inner.lower().endswith(" and") or inner.lower().startswith("and "):
            return f'the braced name "{name}" begins or ends with "and": move the brace'
        keys = extended(name) if "=" in name else None
        if keys is not None:
            if not keys.get("family"):
                return f'the name "{name}" has no family= part: add it'
            continue
        if len(comma_parts(name)) > 3:
            return (
                f'the name "{name}" has more commas than "Family, Jr, Given": separate '
                'people with "and"'
            )
    return ""


def _names(text: str) -> list[str]:
    """The names of a list, split on "and" outside braces (empty names kept)."""
    names, start, depth = [], 0, 0
    for match in _BRACE_OR_AND.finditer(text):
        token = match.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0:
            names.append(text[start : match.start()].strip())
            start = match.end()
    names.append(text[start:].strip())
    others = names[-1].lower() == "others" if names else False
    return names[:-1] if others else names
