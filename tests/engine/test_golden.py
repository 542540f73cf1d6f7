"""Golden tests: Markdown in, HTML out, side by side in tests/engine/golden/.

Each ``NAME.md`` is converted with the citation extension and the site's other Markdown
extensions, against ``golden.bib``; the output must equal ``NAME.html`` exactly, and, in the
Vancouver style, ``vancouver/NAME.html``. On a difference the test prints a unified diff; a
missing expected file fails too. To write the expected files from the current output on purpose,
run ``pytest tests/engine --regen-golden`` (or set ``REGEN_GOLDEN=1``), then review the diff
before committing.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import markdown
import pytest

from mkdocs_citations.engine.markdown_ext import CitationExtension
from mkdocs_citations.engine.style import AMA, VANCOUVER

GOLDEN = Path(__file__).parent / "golden"

SITE_EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.tabbed",
]

CASES = sorted(path.stem for path in GOLDEN.glob("*.md"))


def render(name: str, bibliography, style=AMA) -> tuple[str, list[str]]:
    extension = CitationExtension(bibliography, style=style)
    md = markdown.Markdown(extensions=[*SITE_EXTENSIONS, extension])
    html = md.convert((GOLDEN / f"{name}.md").read_text(encoding="utf-8"))
    problems = [p.message for p in extension.result.problems]
    return html + "\n", problems


@pytest.mark.parametrize("name", CASES)
def test_golden(name, golden_bibliography, request):
    """The rendered HTML of each golden Markdown file matches its expected HTML."""
    compare(name, golden_bibliography, AMA, GOLDEN / f"{name}.html", request)


@pytest.mark.parametrize("name", CASES)
def test_golden_vancouver(name, golden_bibliography, request):
    """The same pages in the Vancouver style: references in NLM form, numbers in parentheses
    on the line, before punctuation, with ", p. 33" locators."""
    compare(name, golden_bibliography, VANCOUVER, GOLDEN / "vancouver" / f"{name}.html", request)


def compare(name, golden_bibliography, style, expected_path: Path, request) -> None:
    html, problems = render(name, golden_bibliography, style)
    if problems:
        html += "<!-- problems:\n" + "\n".join(problems) + "\n-->\n"
    if _regenerating(request.config):
        expected_path.write_text(html, encoding="utf-8")
        pytest.skip(f"wrote {expected_path.name}; review it and commit")
    if not expected_path.exists():
        pytest.fail(
            f"{expected_path.relative_to(GOLDEN)} is missing: run `.venv/bin/python -m pytest "
            "tests/engine --regen-golden` (or REGEN_GOLDEN=1) to write it from the current "
            "output, then read it and commit it",
            pytrace=False,
        )
    expected = expected_path.read_text(encoding="utf-8")
    if html != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                html.splitlines(keepends=True),
                fromfile=f"{name}.html (expected)",
                tofile=f"{name}.html (rendered)",
            )
        )
        pytest.fail(f"rendered HTML differs from golden/{name}.html:\n{diff}", pytrace=False)


def _regenerating(config) -> bool:
    """Only on request: a test that wrote its own expectation could never fail."""
    by_flag = config.getoption("--regen-golden", default=False)
    return bool(by_flag) or os.environ.get("REGEN_GOLDEN", "") not in ("", "0")


def test_every_golden_case_has_expected_html():
    """No golden Markdown file is left without its expected HTML, in either style."""
    missing = [name for name in CASES if not (GOLDEN / f"{name}.html").exists()]
    missing += [
        f"vancouver/{name}"
        for name in CASES
        if not (GOLDEN / "vancouver" / f"{name}.html").exists()
    ]
    assert not missing
