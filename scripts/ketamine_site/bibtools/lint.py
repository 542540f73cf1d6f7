"""Every check on a ``.bib`` file, as ``Problem`` values with file and line, in file order.

The engine's own validation (``citations.bibliography.parse_bibliography``: unparsable entries,
duplicate keys and fields, required fields per type, DOI/PMID/PMCID/year formats) comes first,
all of it at once; then what only a maintainer's tool needs: field names repeated in another
case, unbalanced braces, text outside entries, one DOI in two entries, journal articles without
a DOI, keys off the convention, entries without their audit-trail comment and, as warnings,
entries no page cites.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from bibtexparser import model

from ketamine_site.bibtools.bareids import not_bare
from ketamine_site.bibtools.braces import brace_problems
from ketamine_site.bibtools.keys import key_problem
from ketamine_site.bibtools.source import Placed, comment_lines, read_blocks, read_values
from mkdocs_citations.engine.bibliography import parse_bibliography
from mkdocs_citations.engine.problems import (
    MISSING_COMMA,
    UNCLOSED_BRACE,
    BibliographyError,
    Problem,
)

# The comment right above an entry says where its fields were seen (verified.bib's vocabulary:
# "seen:" for the record itself, "secondary:" for other papers' reference lists).
PROVENANCE = re.compile(r"%+\s*(?:seen|secondary)\s*:", re.IGNORECASE)
# A journal article without a DOI is a slip unless that comment says the DOI was not verified
# (verified.bib's "% not verified, left out: issue, DOI.").
DOI_LEFT_OUT = re.compile(r"not verified.*\bdoi\b", re.IGNORECASE)


def check_text(text: str, filename: str, cited: set[str] | None = None) -> list[Problem]:
    """All problems in the file; uncited entries are warnings, and only when ``cited`` is given."""
    placed = read_blocks(text)
    problems = _one_report_per_brace(
        engine_problems(text, filename), brace_problems(text, filename)
    )
    problems += _case_duplicate_fields(placed, filename)
    values = read_values(text)
    entries = [(p, p.entry) for p in placed if p.entry is not None]
    problems += _duplicate_dois(entries, values, filename)
    problems += not_bare(entries, values, filename)
    for where, entry in entries:
        fields = values.get(where.first, {})
        message = key_problem(entry.key, fields)
        if message:
            problems.append(Problem("error", message, filename, where.first, key=entry.key))
        if (
            entry.entry_type.lower() == "article"
            and not fields.get("doi")
            and not any(DOI_LEFT_OUT.search(line) for line in _comment_above(placed, where))
        ):
            problems.append(
                Problem(
                    "error",
                    f"article '{entry.key}' has no doi: copy it from the record you checked "
                    "(PubMed shows it under the title), as doi = {10.…}; if you could not "
                    "verify one, say so above the entry: '% not verified, left out: DOI.'",
                    filename,
                    where.first,
                    key=entry.key,
                )
            )
        if not _has_provenance(placed, where):
            problems.append(
                Problem(
                    "error",
                    f"entry '{entry.key}' has no '% seen:' comment right above it: add one "
                    "naming the public record you checked (PubMed, PMC, the publisher), "
                    "with no blank line between it and the entry",
                    filename,
                    where.first,
                    key=entry.key,
                )
            )
        if cited is not None and entry.key not in cited:
            problems.append(
                Problem(
                    "warning",
                    f"entry '{entry.key}' is not cited on any page: cite it with "
                    f"[@{entry.key}], or delete it if no page needs it",
                    filename,
                    where.first,
                    key=entry.key,
                )
            )
    return _in_file_order(problems)


def syntax_problems(text: str, filename: str) -> list[Problem]:
    """What stops the file from being read as written: the formatter refuses such a file."""
    placed = read_blocks(text)
    failed = {p.first for p in placed if isinstance(p.block, model.ParsingFailedBlock)}
    # A missing comma parses, but as one field swallowing the next: not the file as written.
    problems = [
        p
        for p in engine_problems(text, filename)
        if p.line in failed or MISSING_COMMA in p.message or UNCLOSED_BRACE in p.message
    ]
    problems = _one_report_per_brace(problems, brace_problems(text, filename))
    problems += _case_duplicate_fields(placed, filename)
    return _in_file_order(problems)


def _one_report_per_brace(engine: list[Problem], braces: list[Problem]) -> list[Problem]:
    """The engine's and this tool's reports of unclosed braces, each brace once: this tool's
    name where the brace is still open, so they replace the engine's."""
    if braces:
        engine = [p for p in engine if UNCLOSED_BRACE not in p.message]
    return engine + braces


def engine_problems(text: str, filename: str) -> list[Problem]:
    """Everything ``parse_bibliography`` reports, the same messages the build gives. An entry
    the build renders incomplete (a warning there) is an error here: this is the gate a new
    reference passes before any page cites it."""
    try:
        problems = parse_bibliography(text, filename).problems
    except BibliographyError as error:
        problems = error.problems + error.others  # this tool lists everything at once
    return [replace(p, severity="error") if p.severity == "warning" else p for p in problems]


def _case_duplicate_fields(placed: list[Placed], filename: str) -> list[Problem]:
    # bibtexparser compares field names exactly; the engine lowercases them, so "Title" and
    # "title" would silently become one field.
    problems = []
    for where in placed:
        if not isinstance(where.block, model.Entry):
            continue  # an exact duplicate is already reported by the engine
        counts = Counter(f.key.lower() for f in where.block.fields)
        for name in sorted(n for n, count in counts.items() if count > 1):
            spellings = " and ".join(f.key for f in where.block.fields if f.key.lower() == name)
            problems.append(
                Problem(
                    "error",
                    f"entry '{where.block.key}' has the field {name} more than once "
                    f"(as {spellings}): keep one",
                    filename,
                    where.first,
                    key=where.block.key,
                )
            )
    return problems


def _duplicate_dois(
    entries: list[tuple[Placed, model.Entry]], values: dict[int, dict[str, str]], filename: str
) -> list[Problem]:
    problems = []
    first_with: dict[str, tuple[str, int]] = {}
    for where, entry in entries:
        doi = values.get(where.first, {}).get("doi", "").lower()  # DOIs ignore case
        if not doi:
            continue
        if doi in first_with:
            other, other_line = first_with[doi]
            line = next(
                (f.start_line + 1 for f in entry.fields if f.key.lower() == "doi"), where.first
            )
            problems.append(
                Problem(
                    "error",
                    f"entry '{entry.key}' has the same DOI as '{other}' (line {other_line}): "
                    "one work entered twice? keep one entry and cite its key everywhere",
                    filename,
                    line,
                    key=entry.key,
                )
            )
        else:
            first_with[doi] = (entry.key, where.first)
    return problems


def _comment_above(placed: list[Placed], where: Placed) -> list[str]:
    """The last paragraph of the comment block directly above the entry (none: [])."""
    index = placed.index(where)
    if index == 0:
        return []
    above = placed[index - 1]
    if not isinstance(above.block, model.ImplicitComment) or where.first - above.last > 1:
        return []
    lines = comment_lines(above.block.comment)
    return lines[len(lines) - lines[::-1].index("") :] if "" in lines else lines


def _has_provenance(placed: list[Placed], where: Placed) -> bool:
    """Whether the comment block directly above the entry has a 'seen:' (or 'secondary:') line."""
    index = placed.index(where)
    if index > 0 and isinstance(placed[index - 1].block, model.ParsingFailedBlock):
        return True  # the failed block may have swallowed the comment: fix the syntax first
    return any(PROVENANCE.match(line.strip()) for line in _comment_above(placed, where))


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: p.line or 0)
