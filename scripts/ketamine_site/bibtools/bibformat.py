"""The canonical layout of a ``.bib`` file, written losslessly, and where a file departs from it.

The layout, for small diffs:

- an entry is ``@type{key,``, then one field per line: two spaces, the lowercase name padded to
  the entry's longest name, `` = ``, the value exactly as written (braces, quotes, a bare number,
  a ``@string`` name or a ``#`` concatenation, line breaks inside it included), and a comma, so
  adding a field touches one line; then ``}`` alone;
- fields in a fixed order (``FIELD_ORDER``), then any others alphabetically;
- ``%`` comments, ``@comment``, ``@string`` and ``@preamble`` stay where they are, verbatim,
  except that a run of blank lines inside a comment becomes one;
- one blank line between blocks, and none between a comment and the block it touches (the
  ``% seen:`` comment stays on the entry it documents); between two entries, always one.

Nothing is decoded and nothing is dropped: ``format_text`` re-reads its own output and refuses
(``BibliographyError``) unless every entry, field, value, comment, string and preamble is the
same, in the same order. A file with syntax errors is refused before anything is written.
"""

from __future__ import annotations

import difflib

from bibtexparser import model

from ketamine_site.bibtools.lint import syntax_problems
from ketamine_site.bibtools.source import Placed, comment_lines, read_blocks
from mkdocs_citations.engine.problems import BibliographyError, Problem

FIELD_ORDER = (
    "author",
    "title",
    "journal",
    "shortjournal",
    "booktitle",
    "editor",
    "edition",
    "publisher",
    "year",
    "volume",
    "number",
    "pages",
    "doi",
    "pmid",
    "pmcid",
    "url",
    "urldate",
    "howpublished",
    "note",
)
INDENT = "  "
_RANK = {name: rank for rank, name in enumerate(FIELD_ORDER)}


def format_entry(entry: model.Entry) -> str:
    """One entry in the canonical layout (values verbatim)."""
    fields = sorted(
        entry.fields, key=lambda f: (_RANK.get(f.key.lower(), len(_RANK)), f.key.lower())
    )
    width = max((len(f.key) for f in fields), default=0)
    lines = [f"@{entry.entry_type.lower()}{{{entry.key},"]
    lines += [f"{INDENT}{f.key.lower():<{width}} = {f.value}," for f in fields]
    lines.append("}")
    return "\n".join(lines)


def format_block(block: model.Block) -> str:
    """Any block in the canonical layout: entries laid out, everything else verbatim."""
    if isinstance(block, model.Entry):
        return format_entry(block)
    if isinstance(block, model.ImplicitComment):
        return "\n".join(comment_lines(block.comment))
    return (block.raw or "").strip()


def format_text(text: str, filename: str = "references.bib") -> str:
    """The whole file in the canonical layout; ``BibliographyError`` if it cannot be read as is."""
    problems = syntax_problems(text, filename)
    if problems:
        raise BibliographyError(problems)
    formatted = _render(read_blocks(text))
    if content(formatted) != content(text):  # a safety net: never write a lossy result
        raise BibliographyError(
            [
                Problem(
                    "error",
                    "formatting would change the file's content, so it was left untouched: "
                    "please report this as a bug in scripts/ketamine_site/bibtools/bibformat.py",
                    filename,
                )
            ]
        )
    return formatted


def content(text: str) -> list[tuple]:
    """What the layout must not change: every block's meaning, in file order."""
    items: list[tuple] = []
    for where in read_blocks(text):
        block = where.block
        if isinstance(block, model.Entry):
            fields = sorted((f.key.lower(), f.value) for f in block.fields)
            items.append(("entry", block.entry_type.lower(), block.key, tuple(fields)))
        elif isinstance(block, model.ImplicitComment):
            items.append(("comment", tuple(comment_lines(block.comment))))
        elif isinstance(block, model.String):
            items.append(("string", block.key, block.value))
        elif isinstance(block, model.Preamble):
            items.append(("preamble", block.value))
        elif isinstance(block, model.ExplicitComment):
            items.append(("@comment", block.comment))
        else:
            items.append((type(block).__name__, block.raw))
    return items


def differences(text: str, formatted: str) -> list[tuple[int, str]]:
    """Where ``text`` departs from ``formatted``: (line, what), one per entry or spacing hunk."""
    placed = read_blocks(text)
    before, after = text.split("\n"), formatted.split("\n")
    found: list[tuple[int, str]] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag == "equal":
            continue
        # Lines i1+1..i2 (1-based) changed; an insertion sits between lines i1 and i1+1.
        lines = range(i1 + 1, i2 + 1) if i2 > i1 else None
        entries = _entries_touched(placed, lines, i1)
        if entries:
            found += [
                (e.first, f"entry '{e.block.key}' is not in the canonical layout") for e in entries
            ]
        else:
            line = min(i1 + 1, len(before))
            found.append((line, "blank lines or comments here are not in the canonical layout"))
    unique = {(line, what): None for line, what in found}
    return sorted(unique)


def _entries_touched(placed: list[Placed], lines: range | None, i1: int) -> list[Placed]:
    entries = [p for p in placed if isinstance(p.block, model.Entry)]
    if lines is None:
        return [p for p in entries if p.first <= i1 and i1 + 1 <= p.last]
    return [p for p in entries if p.first <= lines[-1] and lines[0] <= p.last]


def _render(placed: list[Placed]) -> str:
    out: list[str] = []
    previous: Placed | None = None
    for where in placed:
        if previous is not None:
            both_entries = isinstance(previous.block, model.Entry) and isinstance(
                where.block, model.Entry
            )
            touching = where.first - previous.last <= 1
            out.append("\n" if touching and not both_entries else "\n\n")
        out.append(format_block(where.block))
        previous = where
    return "".join(out) + "\n" if out else ""
