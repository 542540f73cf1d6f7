"""What can go wrong, as values: the engine returns problems and the adapter reports them."""

from __future__ import annotations

from dataclasses import dataclass

# How two messages start, for tools that sort them (``references.py check``): a field that ran on
# into the next for want of a comma, and a brace never closed.
MISSING_COMMA = "missing comma after field"
UNCLOSED_BRACE = "opens a brace that is never closed"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a page or a bibliography, with where it is and what to do."""

    severity: str  # "error" (the build must not pass) or "info"
    message: str
    file: str | None = None
    line: int | None = None  # 1-based
    key: str | None = None  # the citation key concerned, when there is one
    occurrence: int = 0  # which appearance of the key on the page (0-based), for locating it
    # What was written, where there is no key to find it by ("[@ key"): its occurrence-th
    # appearance in the page's source is the problem's line.
    written: str | None = None

    def where(self) -> str:
        if self.file and self.line:
            return f"{self.file}:{self.line}"
        return self.file or "<input>"

    def __str__(self) -> str:
        return f"{self.where()}: {self.message}"


def file_error(filename: str, line: int, message: str) -> Problem:
    """An error at a line of a file (the bibliography): what stops it from being read."""
    return Problem("error", message, filename, line)


class BibliographyError(Exception):
    """The bibliography cannot be used: every problem found, each with its file and line."""

    def __init__(self, problems: list[Problem], others: list[Problem] | None = None):
        self.problems = problems  # what stops the build, and all that the message names
        # What else was found (warnings), for a tool that lists everything: a fatal error's
        # message names only what stops the build, or it is lost among the entries' warnings.
        self.others = others or []
        super().__init__("\n".join(str(p) for p in problems))
