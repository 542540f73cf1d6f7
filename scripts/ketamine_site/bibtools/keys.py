"""The key convention, ``firstauthorYEARword`` (``williams2018attenuation``), and a suggested key.

Every key is lowercase ASCII letters, digits and underscores, starting with a letter. An entry
with an author and a year must be keyed by the first author's family name, the year's four
digits, then one word (letters, then letters or digits), usually the title's first word that
is not a small word like "the". The family name is the BibTeX "Last" part, made plain ASCII:

- LaTeX accents are decoded and then stripped (``M{\\"u}ller`` → ``muller``; ß → ss, ø → o);
- spaces, hyphens and apostrophes are dropped (``D'Souza`` → ``dsouza``);
- the particle is dropped when BibTeX treats it as one, that is when it is written in lowercase
  (``van Rijnsoever, E.`` → ``rijnsoever``), and kept when capitalised, because BibTeX then reads
  it as part of the family name (``Van Nueten, Luc`` → ``vannueten``); "Jr" is dropped;
- a braced corporate author (``{World Health Organization}``) is used whole.

Entries without an author or a year (``mdedge_commentary``) need only the character rule.
"""

from __future__ import annotations

import re
import unicodedata

from mkdocs_citations.engine.bibliography import YEAR_PATTERN
from mkdocs_citations.engine.latex import to_unicode
from mkdocs_citations.engine.names import parse_name, split_names

KEY_PATTERN = re.compile(r"[a-z][a-z0-9_]*")
WORD_PATTERN = r"[a-z][a-z0-9]*"
# Small words skipped when a title's first word is picked for a suggested key.
SMALL_WORDS = frozenset(
    {"a", "an", "and", "are", "as", "at", "by", "do", "does", "for", "from", "how", "in", "into",
     "is", "it", "of", "on", "or", "the", "to", "what", "when", "why", "with"}
)  # fmt: skip
# Letters that Unicode decomposition does not reduce to ASCII.
_PLAIN_LETTERS = str.maketrans(
    {"ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ł": "l",
     "Ł": "L", "đ": "d", "Đ": "D", "þ": "th", "Þ": "Th", "ı": "i"}
)  # fmt: skip


def plain(text: str) -> str:
    """Unicode text → lowercase ASCII letters, digits and spaces."""
    text = unicodedata.normalize("NFKD", text.translate(_PLAIN_LETTERS))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9 ]+", "", re.sub(r"[\s\-/–—]+", " ", text))


def family_name(author: str) -> str:
    """The first author's family name as it starts a key ('' if there is no usable name)."""
    names, _ = split_names(author)
    if not names:
        return ""
    first = names[0]
    if first.startswith("{") and first.endswith("}") and len(parse_name(first).last) == len(first):
        return plain(to_unicode(first)).replace(" ", "")
    return plain(to_unicode(parse_name(first).last)).replace(" ", "")


def title_word(title: str) -> str:
    """The title's first word that is not a small word, for the end of a key."""
    words = [w for w in plain(to_unicode(title)).split() if re.fullmatch(WORD_PATTERN, w)]
    return next((w for w in words if w not in SMALL_WORDS), words[0] if words else "")


def expected_prefix(author: str, year: str) -> str:
    """'williams2018' for the first author and year, or '' when either is missing or malformed."""
    family = family_name(author)
    if not family or not YEAR_PATTERN.fullmatch(year):
        return ""
    return f"{family}{year[:4]}"


def suggest_key(key: str, fields: dict[str, str]) -> str:
    """A key that follows the convention, keeping the current word when it already fits."""
    prefix = expected_prefix(fields.get("author", ""), fields.get("year", ""))
    if not prefix:
        return re.sub(r"[^a-z0-9_]+", "_", plain(key).strip()).strip("_") or "key"
    current = re.fullmatch(r"[a-z]+\d{4}(" + WORD_PATTERN + ")", key.lower())
    word = current.group(1) if current else title_word(fields.get("title", "")) or "word"
    return prefix + word


def key_problem(key: str, fields: dict[str, str]) -> str | None:
    """What is wrong with ``key`` for an entry with these (engine-read) fields, or None."""
    prefix = expected_prefix(fields.get("author", ""), fields.get("year", ""))
    if not KEY_PATTERN.fullmatch(key):
        return (
            f"key '{key}' has characters other than lowercase letters, digits and underscores: "
            f"rename it to '{suggest_key(key, fields)}' and update the pages that cite it"
        )
    if prefix and not re.fullmatch(re.escape(prefix) + WORD_PATTERN, key):
        return (
            f"key '{key}' does not follow firstauthorYEARword ('{prefix}' and a word): "
            f"rename it to '{suggest_key(key, fields)}' and update the pages that cite it"
        )
    return None
