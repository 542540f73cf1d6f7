"""A ``.bib`` file as written: its blocks in file order, each with the lines it spans.

bibtexparser 2 splits the text with an empty parse stack, so nothing is resolved or unwrapped:
a field value keeps its enclosing exactly as typed (``{...}``, ``"..."``, a bare ``2000``, a
string reference ``jan``, a concatenation ``"a" # jn``), which is what the formatter writes back.
``read_values`` gives the same entries' values as the engine sees them (strings resolved, outer
braces removed), for checks that look at what a value means.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import bibtexparser
from bibtexparser import model

from mkdocs_citations.engine.biblatex import normalise
from mkdocs_citations.engine.bibtexreader import quiet_bibtexparser
from mkdocs_citations.engine.problems import BibliographyError, Problem


@dataclass(frozen=True)
class Placed:
    """One block of the file and the 1-based lines of its first and last character."""

    block: model.Block
    first: int
    last: int

    @property
    def entry(self) -> model.Entry | None:
        """The entry this block holds, also when bibtexparser wrapped it for a duplicate field."""
        if isinstance(self.block, model.Entry):
            return self.block
        if isinstance(self.block, model.DuplicateFieldKeyBlock):
            return self.block.ignore_error_block
        return None


def read_text(path: Path, name: str) -> str:
    """The file's text; a missing or non-UTF-8 file is a ``BibliographyError`` naming it."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problem = Problem("error", "bibliography file not found: create it or fix the path", name)
    except UnicodeDecodeError as exc:
        problem = Problem("error", f"not valid UTF-8 ({exc.reason}): save the file as UTF-8", name)
    raise BibliographyError([problem])


def read_blocks(text: str) -> list[Placed]:
    """Every block (entries, comments, ``@string``, ``@preamble``, failures), values verbatim."""
    with quiet_bibtexparser():
        library = bibtexparser.parse_string(text, parse_stack=[])
    placed = []
    for block in library.blocks:
        first = block.start_line + 1
        placed.append(Placed(block, first, first + (block.raw or "").count("\n")))
    return placed


def count_entries(placed: list[Placed]) -> int:
    """How many entries the file holds, counting those bibtexparser flagged (duplicates)."""
    wrapped = (getattr(p.block, "ignore_error_block", None) for p in placed)
    return sum(
        isinstance(p.block, model.Entry) or isinstance(inner, model.Entry)
        for p, inner in zip(placed, wrapped, strict=True)
    )


def read_values(text: str) -> dict[int, dict[str, str]]:
    """Each entry's fields as the engine reads them (lowercase names), by the entry's line."""
    with quiet_bibtexparser():
        library = bibtexparser.parse_string(text)
    values: dict[int, dict[str, str]] = {}
    for block in library.blocks:
        entry = Placed(block, 0, 0).entry
        if entry is not None:
            fields = {f.key.lower(): str(f.value).strip() for f in entry.fields}
            # biblatex's spellings (date, journaltitle, eprint) read as the engine reads them
            values[entry.start_line + 1] = normalise(fields) or fields
    return values


def comment_lines(comment: str) -> list[str]:
    """A comment's lines with each run of blank lines made one empty line (the canonical form)."""
    lines: list[str] = []
    for line in comment.split("\n"):
        if line.strip():
            lines.append(line)
        elif lines and lines[-1]:
            lines.append("")
    while lines and not lines[-1]:
        lines.pop()
    return lines
