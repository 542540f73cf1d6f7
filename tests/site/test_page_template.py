"""The guide's page template (docs/contributing/adding-a-page.md, "Start from the template")
passes every check, as a new maintainer would use it: copied into a new page, added to the nav,
built with --strict and checked by the content rules of tests/test_content.py."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kit.sitebuild import ROOT, build_site
from kit.sitecopy import copy_project

GUIDE = ROOT / "docs" / "contributing" / "adding-a-page.md"
NEW_PAGE = "mechanism/new-step.md"  # where the guide says a step of the cascade goes
NAV_AFTER = re.compile(r"^(?P<indent>[ \t]*)- [^\n]*: mechanism/human-evidence\.md\n", re.M)


def template() -> str:
    """The ```text block under "Start from the template", with today as the review date."""
    text = GUIDE.read_text(encoding="utf-8")
    section = text[text.index("{ #start-from-the-template }") :]
    block = re.search(r"^```text\n(?P<body>.*?)^```$", section, re.M | re.S)
    assert block, f"{GUIDE}: no ```text block under 'Start from the template'"
    # The guide: "reviewed: the day you last checked the page against its sources", i.e. today.
    today = datetime.now(UTC).date().isoformat()
    body, found = re.subn(
        r"^reviewed: \d{4}-\d{2}-\d{2}", f"reviewed: {today}", block["body"], count=1, flags=re.M
    )
    assert found, "the template has no 'reviewed: YYYY-MM-DD' line"
    return body


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project with the template as a new page in the nav, and the content tests."""
    project = copy_project(ROOT, tmp_path_factory.mktemp("template") / "project")
    for name in ("pyproject.toml", "tests/conftest.py", "tests/test_content.py"):
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, project / name)
    shutil.copytree(ROOT / "tests" / "kit", project / "tests" / "kit", dirs_exist_ok=True)
    (project / "docs" / NEW_PAGE).write_text(template(), encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    after = NAV_AFTER.search(text)
    assert after, "mkdocs.yml: no nav line for mechanism/human-evidence.md to add the page after"
    line = f"{after['indent']}- 7. A new step: {NEW_PAGE}\n"
    config.write_text(text[: after.end()] + line + text[after.end() :], encoding="utf-8")
    return project


def _content_rules(project: Path) -> str:
    """Run the project's tests/test_content.py in ``project``; its output, whatever the result."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/test_content.py", "-n", "0", "-q", "-vv",
         "-p", "no:cacheprovider", "--tb=short"],
        cwd=project, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    output = result.stdout + result.stderr
    assert "passed" in output or "failed" in output, output[-3000:]
    return output


def test_the_template_builds_with_strict_as_a_new_page(project, tmp_path):
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "new-step.md" not in result.stderr, result.stderr[-3000:]
    html = (tmp_path / "site" / "mechanism" / "new-step" / "index.html").read_text()
    assert 'id="in-brief"' in html and 'class="references"' in html


def test_the_template_passes_the_content_rules(project):
    """No content rule names the new page (other pages' problems are their own tests' business)."""
    output = _content_rules(project)
    named = [line for line in output.splitlines() if f"docs/{NEW_PAGE}" in line]
    assert named == [], "\n".join(named)


def test_the_content_rules_do_check_the_new_page(project):
    """The control: the template without its "In brief" fails the rules, naming the page."""
    page = project / "docs" / NEW_PAGE
    good = page.read_text(encoding="utf-8")
    page.write_text(good.replace("## In brief { #in-brief }\n\n", "", 1), encoding="utf-8")
    try:
        output = _content_rules(project)
    finally:
        page.write_text(good, encoding="utf-8")
    expected = rf"docs/{NEW_PAGE}:\d+: the first section is not '## In brief"
    assert re.search(expected, output), output[-3000:]
