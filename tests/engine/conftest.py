"""Engine tests: the golden runner's regeneration flag and the fixture bibliography."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkdocs_citations.engine import load_bibliography

GOLDEN = Path(__file__).parent / "golden"


def pytest_addoption(parser):
    parser.addoption(
        "--regen-golden",
        action="store_true",
        help="rewrite tests/engine/golden/*.html from the current output (review the diff!)",
    )


@pytest.fixture(scope="session")
def golden_bibliography():
    return load_bibliography(GOLDEN / "golden.bib")
