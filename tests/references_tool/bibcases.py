"""Shared paths and fixture text for the references.bib tool's tests.

Kept apart from conftest.py so the tests can import them by name (``from bibcases import …``).
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "references.py"
REAL_BIB = ROOT / "references.bib"

# One entry that passes every check, with its audit-trail comment.
GOOD = """\
% seen: PubMed 12345.
@article{good2001fine,
  author  = {Good, Gail},
  title   = {Fine},
  journal = {J Test},
  year    = {2001},
}
"""
