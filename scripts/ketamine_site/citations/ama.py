"""One record → an AMA 11th edition reference, as HTML and as plain text.

Both come from one list of ``Part`` pieces, so the tooltip text and the reference list can never
disagree. Every piece of bibliographic text is HTML-escaped when the pieces become HTML.
"""

from __future__ import annotations

import html
import re
from typing import NamedTuple

from ketamine_site.citations.bibliography import Record
from ketamine_site.citations.latex import decode, to_unicode
from ketamine_site.citations.names import format_authors


class Part(NamedTuple):
    text: str
    style: str = ""  # "" plain, "i" italic, "link"
    href: str = ""


# Words and what separates them; re.split keeps the separators at odd positions.
_WORDS_AND_GAPS = re.compile(r"([\s\-/]+)")
# The first word that has a letter in it.
_FIRST_WORD = re.compile(r"[^\s/-]*[^\W\d_][^\s/-]*")
# An ASCII word with a capital after its first letter (NMDA, mTOR, McCammon): kept as written.
_KEPT_ASCII_WORD = re.compile(r"(?<![^\s/-])[^A-Za-z\s/-]*[A-Za-z][^\s/-]*?[A-Z][^\s/-]*")


def sentence_case(value: str) -> str:
    """AMA article titles: capitalise the first word only; keep {braced} text and acronyms."""
    out: list[str] = []
    first_letter_done = False
    for span in decode(value):
        text = span.text
        if span.protected:
            out.append(text)
            first_letter_done = first_letter_done or any(c.isalpha() for c in text)
            continue
        if not first_letter_done:
            first = _FIRST_WORD.search(text)
            if first is None:
                out.append(text)
                continue
            word = first.group()
            out.append(text[: first.start()] + (word[0].upper() + word[1:]))
            first_letter_done = True
            text = text[first.end() :]
        out.append(_lower_words(text))
    return " ".join("".join(out).split())


def _lower_words(text: str) -> str:
    """Lowercase each word, except words with a capital after their first letter."""
    if text.isascii():
        # Most titles: lowercase the whole text, then put the kept words back (same lengths).
        lowered = text.lower()
        pieces, position = [], 0
        for kept in _KEPT_ASCII_WORD.finditer(text):
            pieces += [lowered[position : kept.start()], kept.group()]
            position = kept.end()
        return "".join(pieces) + lowered[position:] if pieces else lowered
    return _lower_words_one_by_one(text)


def _lower_words_one_by_one(text: str) -> str:
    """``_lower_words`` for any text, one word at a time (tests hold the two to the same output)."""
    pieces = _WORDS_AND_GAPS.split(text)
    for i in range(0, len(pieces), 2):
        word = pieces[i]
        letters = [c for c in word if c.isalpha()]
        # Acronyms and mixed case (NMDA, mTOR, McCammon) are kept as written.
        if letters and not any(c.isupper() for c in letters[1:]):
            pieces[i] = word.lower()
    return "".join(pieces)


def _text(record: Record, name: str) -> str:
    return to_unicode(record.get(name)) if record.get(name) else ""


def _end(text: str) -> str:
    """Close a segment with a period unless it already ends in one, '?' or '!'."""
    text = text.rstrip()
    return text if text.endswith((".", "?", "!")) else text + "."


_DASHES = re.compile(r"\s*(?:--|–|—|-)+\s*")


def _pages(record: Record) -> str:
    # AMA writes page ranges with a hyphen.
    return _DASHES.sub("-", _text(record, "pages"))


def _safe_url(url: str) -> str:
    return url if re.match(r"https?://", url) else ""


def _identifiers(record: Record) -> list[Part]:
    parts: list[Part] = []
    doi = record.get("doi")
    if doi:
        parts += [Part(" "), Part(f"doi:{doi}", "link", f"https://doi.org/{doi}")]
    pmid = record.get("pmid")
    if pmid:
        parts += [
            Part(" "),
            Part(f"PMID: {pmid}", "link", f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/"),
        ]
    pmcid = record.get("pmcid")
    if pmcid:
        parts += [
            Part(" "),
            Part(f"PMCID: {pmcid}", "link", f"https://pmc.ncbi.nlm.nih.gov/articles/{pmcid}/"),
        ]
    return parts


def _authors(record: Record) -> list[Part]:
    if record.get("author"):
        return [Part(_end(format_authors(record.get("author"))) + " ")]
    return []


def _editors(record: Record) -> str:
    if not record.get("editor"):
        return ""
    names = format_authors(record.get("editor"))
    return f"{names}, {'eds' if ',' in names else 'ed'}."


def _volume_issue_pages(record: Record) -> str:
    year, volume = _text(record, "year"), _text(record, "volume")
    number, pages = _text(record, "number"), _pages(record)
    if not volume and not pages:
        # Ahead of print: AMA gives the online date in place of volume and pages.
        return _end(f"Published online {year}")
    out = year
    if volume:
        out += f";{volume}"
        if number:
            out += f"({number})"
    if pages:
        out += f":{pages}"
    return _end(out) if out else ""


def _article(record: Record) -> list[Part]:
    journal = _text(record, "shortjournal") or _text(record, "journal")
    return [
        *_authors(record),
        Part(_end(sentence_case(record.get("title"))) + " "),
        Part(journal, "i"),
        Part(". " + _volume_issue_pages(record)),
    ]


def _book(record: Record) -> list[Part]:
    lead = _authors(record) or ([Part(_editors(record) + " ")] if record.get("editor") else [])
    edition = _text(record, "edition")
    tail = f" {_end(edition + ' ed')}" if edition else ""
    return [
        *lead,
        Part(to_unicode(record.get("title")).rstrip("."), "i"),
        Part("." + tail + f" {_text(record, 'publisher')}; {_end(_text(record, 'year'))}"),
    ]


def _chapter(record: Record) -> list[Part]:
    editors = _editors(record)
    book = _text(record, "booktitle") or _text(record, "title")
    title = sentence_case(record.get("chapter") or record.get("title"))
    pages = _pages(record)
    return [
        *_authors(record),
        Part(_end(title) + " In: " + (editors + " " if editors else "")),
        Part(book.rstrip("."), "i"),
        Part(
            f". {_text(record, 'publisher')}; {_text(record, 'year')}"
            + (f":{pages}." if pages else ".")
        ),
    ]


def _web(record: Record) -> list[Part]:
    site = (
        _text(record, "howpublished") or _text(record, "organization") or _text(record, "publisher")
    )
    parts = [*_authors(record), Part(_end(sentence_case(record.get("title"))))]
    if site:
        parts.append(Part(" " + _end(site)))
    if record.get("year"):
        parts.append(Part(f" Published {_end(_text(record, 'year'))}"))
    if record.get("urldate"):
        parts.append(Part(f" Accessed {_end(_text(record, 'urldate'))}"))
    url = _safe_url(record.get("url"))
    if url:
        parts += [Part(" "), Part(url, "link", url)]
    return parts


def _generic(record: Record) -> list[Part]:
    publisher = (
        _text(record, "publisher") or _text(record, "institution") or _text(record, "school")
    )
    parts = [*_authors(record), Part(_end(sentence_case(record.get("title"))))]
    if publisher:
        parts.append(Part(" " + _end(publisher)))
    if record.get("year"):
        parts.append(Part(" " + _end(_text(record, "year"))))
    url = _safe_url(record.get("url"))
    if url and not record.get("doi"):
        parts += [Part(" "), Part(url, "link", url)]
    return parts


_FORMATTERS = {
    "article": _article,
    "book": _book,
    "incollection": _chapter,
    "inbook": _chapter,
    "misc": _web,
    "online": _web,
    "webpage": _web,
}


def reference_parts(record: Record) -> list[Part]:
    """The AMA reference for one record, as styled pieces."""
    parts = _FORMATTERS.get(record.entry_type, _generic)(record)
    return [*parts, *_identifiers(record)]


def to_html(parts: list[Part]) -> str:
    out = []
    for part in parts:
        text = html.escape(part.text, quote=False)
        if part.style == "i":
            out.append(f"<i>{text}</i>")
        elif part.style == "link":
            out.append(f'<a href="{html.escape(part.href, quote=True)}">{text}</a>')
        else:
            out.append(text)
    return "".join(out).strip()


def to_text(parts: list[Part]) -> str:
    return "".join(part.text for part in parts).strip()


def format_html(record: Record) -> str:
    return to_html(reference_parts(record))


def format_text(record: Record) -> str:
    return to_text(reference_parts(record))
