"""The bibliography as the build uses it: parsed once, again only when the file's contents change.

``mkdocs serve`` rebuilds on every save. A bibliography that cannot be read then must not stop
the preview (MkDocs would stop answering until the next good rebuild): the last good parse is
kept and the error returned with it, for the plugin to print and show on the pages. A one-off
``mkdocs build`` fails on the same error instead (the plugin decides; see ``Loaded.error``).
The file is compared by its contents (a digest), not its modification time, so a save that
changes nothing, or a checkout that puts the same text back, costs no new parse.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from mkdocs_citations.engine import Bibliography, BibliographyError, load_bibliography
from mkdocs_citations.engine.markdown_ext import FormattedReferences
from mkdocs_citations.engine.style import DEFAULT, CitationStyle


@dataclass(frozen=True)
class Loaded:
    bibliography: Bibliography
    references: FormattedReferences
    # Why the file as it is now cannot be used ("references.bib:12: …", one line per problem);
    # then ``bibliography`` is the last good parse, or an empty one if there never was one.
    error: str = ""


class BibliographyCache:
    def __init__(self) -> None:
        self._signature: tuple[str, str] | None = None
        self._good: Loaded | None = None
        self._error = ""

    def load(self, path: Path, name: str, style: CitationStyle = DEFAULT) -> Loaded:
        """The bibliography at ``path`` (``name`` in messages), reparsed only if it (or the
        citation style) changed."""
        try:
            contents = path.read_bytes()
        except FileNotFoundError:
            self._signature = None
            return self._failed(
                f"{name}: bibliography not found. Create it (it may be empty).", style
            )
        signature = (hashlib.blake2b(contents, digest_size=16).hexdigest(), style.name)
        if signature == self._signature:
            return self._failed(self._error, style) if self._error else self._good
        self._signature = signature
        try:
            bibliography = load_bibliography(path, name)
        except BibliographyError as error:
            self._error = str(error)
            return self._failed(self._error, style)
        self._error = ""
        self._good = Loaded(bibliography, FormattedReferences(bibliography, style))
        return self._good

    def _failed(self, error: str, style: CitationStyle) -> Loaded:
        if self._good is None:
            empty = Bibliography(path="")
            return Loaded(empty, FormattedReferences(empty, style), error)
        return Loaded(self._good.bibliography, self._good.references, error)
