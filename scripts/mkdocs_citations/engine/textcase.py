"""Sentence case (article and chapter titles) and title case (books, containers), as citeproc
changes case and the AMA manual asks: only letters that carry no meaning change.

Kept as written: text in braces (``{BDNF}``, JabRef's ``{S}truggles``, whose braced letter does
not make the rest of the word a new word); words with a capital after their first letter or with
a digit (NMDA, mTOR, GluN2B, iPhone, p53, eIF4E); single capitals (type I, vitamin D) but the
article "A"; and units whose symbol has a capital (Hz, Gy, Da). The first letter of a sentence-
cased title is capitalised only where that breaks no such word: "p53 mutations", "5 nm gate
oxides", "mTOR-dependent synapse formation" stay as they are. citeproc-py, the tests' oracle,
agrees wherever its rules reach (it lowercases mTOR and splits a word at a brace).
"""

from __future__ import annotations

import re

from mkdocs_citations.engine.latex import decode

# Words and what separates them; re.split keeps the separators at odd positions.
_WORDS_AND_GAPS = re.compile(r"([\s\-/]+)")
_SEPARATOR = re.compile(r"[\s\-/]")
_FIRST_ALNUM = re.compile(r"[^\W_]")
# Unit symbols written with a capital after a number ("40 Hz"): lowercasing them is wrong.
_UNITS = frozenset({"Hz", "Gy", "Da", "Bq", "Sv", "Pa"})
_ASCII_WORD = re.compile(r"[^\s/-]+")
# A word of letters with at most its first one a capital, then punctuation: never kept.
_PLAIN_WORD = re.compile(r"[A-Za-z][a-z]*[^\w\s/-]*(?![^\s/-])")


def keeps_case(word: str) -> bool:
    """Whether a word (no spaces, hyphens or slashes in it) is written as it must be read."""
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return False
    if any(c.isupper() for c in letters[1:]) or any(c.isdigit() for c in word):
        return True
    if len(letters) == 1 and letters[0].isupper():
        # "A" at a word's end is the article; "A." or "(A)" is a name (hepatitis A.)
        return letters[0] != "A" or not word.endswith("A")
    return "".join(letters) in _UNITS and len(letters) == len(word.strip("().,;:!?'\"[]"))


def sentence_case(value: str) -> str:
    """Article titles: capitalise the first word only; keep {braced} text and meaningful case."""
    out: list[str] = []
    started = False  # the title's first letter or digit has been seen
    for span in decode(value):
        text = span.text
        if span.protected:
            out.append(text)
            started = started or _FIRST_ALNUM.search(text) is not None
            continue
        if not started and (first := _FIRST_ALNUM.search(text)) is not None:
            started = True
            at = first.start()
            plain = _PLAIN_WORD.match(text, at) is not None  # most titles: decided here
            if text[at].isalpha() and (plain or not keeps_case(_word_at(text, at))):
                out.append(text[:at] + text[at].upper() + _lower_words(text[at + 1 :]))
                continue
        out.append(_lower_words(text))
    return " ".join("".join(out).split())


def _word_at(text: str, at: int) -> str:
    """The word (between spaces, hyphens and slashes) that holds ``text[at]``."""
    gap = _SEPARATOR.search(text, at)
    start = max((sep.end() for sep in _SEPARATOR.finditer(text, 0, at)), default=0)
    return text[start : gap.start() if gap else len(text)]


def _lower_words(text: str) -> str:
    """Lowercase each word, except the words that keep their case."""
    if text.isascii():
        # Most titles: lowercase the whole text, then put the kept words back (same lengths).
        # Most words are all lowercase or capitalised only ("Synaptic"): decided without a scan.
        lowered = text.lower()
        pieces, position = [], 0
        for match in _ASCII_WORD.finditer(text):
            word = match.group()
            if word.islower() or (word.isalpha() and word[1:].islower() and word not in _UNITS):
                continue
            if keeps_case(word):
                pieces += [lowered[position : match.start()], word]
                position = match.end()
        return "".join(pieces) + lowered[position:] if pieces else lowered
    return _lower_words_one_by_one(text)


def _lower_words_one_by_one(text: str) -> str:
    """``_lower_words`` for any text, one word at a time (tests hold the two to the same output)."""
    pieces = _WORDS_AND_GAPS.split(text)
    for i in range(0, len(pieces), 2):
        if not keeps_case(pieces[i]):
            pieces[i] = pieces[i].lower()
    return "".join(pieces)


# Title case leaves these lowercase unless first, last or after a colon: CSL's list, which the
# AMA and NLM styles use (articles, short conjunctions and prepositions).
_MINOR_WORDS = frozenset(
    {
        *("a", "an", "and", "as", "at", "but", "by", "down", "for", "from", "in", "into"),
        *("nor", "of", "on", "onto", "or", "over", "so", "the", "till", "to", "up", "via"),
        *("with", "yet"),
    }
)
_NUMBER = re.compile(r"[\d.,]+")


def title_case(value: str) -> str:
    """Book, report and thesis titles: capitalise each major word; keep {braced} text and
    words already capitalised (NMDA, mTOR, iPhone), with a digit (p53) or after a number
    (5 nm)."""
    spans = decode(value)
    # The last word of the whole title is capitalised even when minor: find its span.
    last_span = max((i for i, span in enumerate(spans) if span.text.strip()), default=-1)
    out: list[str] = []
    for index, span in enumerate(spans):
        if span.protected:
            out.append(span.text)
            continue
        pieces = _WORDS_AND_GAPS.split(span.text)
        final = max((i for i in range(0, len(pieces), 2) if pieces[i]), default=-1)
        for i in range(0, len(pieces), 2):
            word = pieces[i]
            if not word or not word[0].isalpha() or not word[0].islower():
                continue
            if any(c.isupper() or c.isdigit() for c in word[1:]):
                continue  # mTOR, iPhone, p53: as written
            if i == 0 and out and out[-1] and not out[-1][-1].isspace():
                continue  # the rest of a word begun in braces: {S}truggles
            if i >= 2 and _NUMBER.fullmatch(pieces[i - 2]) and pieces[i - 1].isspace():
                continue  # a unit: 5 nm, 10 mg
            previous = ("".join(out) + "".join(pieces[:i])).rstrip()
            first = not previous or previous.endswith((":", "?", "!", ".", "—", "–"))
            last = index == last_span and i == final
            if word.lower() in _MINOR_WORDS and not first and not last:
                continue
            pieces[i] = word[0].upper() + word[1:]
        out.append("".join(pieces))
    return " ".join("".join(out).split())
