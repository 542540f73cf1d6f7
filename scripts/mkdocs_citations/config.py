"""The plugin's options, as mkdocs.yml gives them, validated by MkDocs::

plugins:
  - citations:
      bibliography: references.bib   # required, relative to mkdocs.yml
      style: vancouver               # default ama
"""

from __future__ import annotations

import os

from mkdocs.config import base
from mkdocs.config import config_options as c

from mkdocs_citations.engine.style import STYLES


class _BibliographyFile(c.File):
    """A .bib file that must exist: a missing one is a configuration error naming the file."""

    def __init__(self) -> None:
        super().__init__(exists=True)

    def run_validation(self, value: object) -> str:
        if isinstance(value, str):
            path = os.path.abspath(os.path.join(self.config_dir or "", value))
            if not os.path.isfile(path):
                raise c.ValidationError(
                    f"the bibliography file '{value}' was not found ({path}): create it (it may "
                    "be empty), or correct the path, which is relative to mkdocs.yml"
                )
        return super().run_validation(value)


class CitationsConfig(base.Config):
    bibliography = _BibliographyFile()
    """The BibTeX or biblatex file the citations resolve against, relative to mkdocs.yml."""
    style = c.Choice(tuple(STYLES), default="ama")
    """The citation style: ama (superscripts, the default) or vancouver (numbers on the line)."""
    heading = c.Type(str, default="References")
    """The heading over each page's reference list (its id is always "references")."""
    bibliography_page = c.Type(str, default="references.md")
    """The page (under docs/) that lists every source cited on the site, if the site has it."""
    placeholder = c.Type(str, default="<!-- bibliography -->")
    """The line on that page that the site-wide bibliography replaces."""
    hide_from_search = c.Type(bool, default=True)
    """Keep citations and reference lists out of the search index (a word in a reference title
    would otherwise find every page citing it)."""
