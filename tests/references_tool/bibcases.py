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
  doi     = {10.1000/good.2001},
}
"""


def good_copy(key: str) -> str:
    """GOOD as another work: its own key and its own DOI, so it too passes every check."""
    return GOOD.replace("good2001fine", key).replace("10.1000/good.2001", f"10.1000/{key}")
