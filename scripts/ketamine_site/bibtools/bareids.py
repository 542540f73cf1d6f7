"""The site's own file writes identifiers bare (``doi = {10.1234/abc}``), as the formatter and
the duplicate-DOI check expect. The build reads ``https://doi.org/…``, ``doi:…`` or ``PMID: …``
too (``citations.identifiers``); here such a value is an error with the bare form to write."""

from __future__ import annotations

from bibtexparser import model

from ketamine_site.bibtools.source import Placed
from mkdocs_citations.engine import identifiers
from mkdocs_citations.engine.problems import Problem

_READERS = {"doi": identifiers.doi, "pmid": identifiers.pmid, "pmcid": identifiers.pmcid}
# The bare form to write (the engine's own hints also accept the forms it can read).
BARE_HINTS = {
    "doi": "a DOI looks like 10.1234/abc (no https://doi.org/ prefix)",
    "pmid": "a PMID is digits only, e.g. 20724638",
    "pmcid": "a PMCID looks like PMC3116441",
}


def not_bare(
    entries: list[tuple[Placed, model.Entry]], values: dict[int, dict[str, str]], filename: str
) -> list[Problem]:
    """An error for each DOI, PMID or PMCID that the build reads but that is not written bare
    (one it cannot read at all is the engine's warning already)."""
    problems = []
    for where, entry in entries:
        fields = values.get(where.first, {})
        for name, read in _READERS.items():
            value = fields.get(name, "")
            if len(value) > 1 and value[0] + value[-1] in ("{}", '""'):
                value = value[1:-1].strip()  # a field bibtexparser left enclosed (a duplicate)
            bare = read(value) if value else None
            if bare is not None and bare != value:
                problems.append(
                    Problem(
                        "error",
                        f"entry '{entry.key}' has a malformed {name} '{value}': {BARE_HINTS[name]}",
                        filename,
                        where.first,
                        key=entry.key,
                    )
                )
    return problems
