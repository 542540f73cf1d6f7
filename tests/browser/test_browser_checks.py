"""The browser checks catch what they exist to catch, shown on a damaged copy of the site.

Each test copies the built site to a temporary folder, breaks one thing, serves the copy and
asserts the check names it. The repository and the session's built site are never changed.
"""

from __future__ import annotations

import shutil

import pytest

from kit.browsing import (
    Watch,
    axe_violations,
    block_other_hosts,
    describe_violations,
    serve,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def damaged(site, tmp_path):
    """A copy of the built site, and a function that inserts markup into its home page."""
    copy = tmp_path / "site"
    shutil.copytree(site.folder, copy)
    home = copy / "index.html"

    def insert(markup: str) -> None:
        text = home.read_text(encoding="utf-8")
        home.write_text(text.replace("</article>", markup + "</article>", 1), encoding="utf-8")

    return copy, insert


def test_a_contrast_failure_is_reported(damaged, browser):
    """Pale grey text on the page fails axe's color-contrast rule, named by its selector."""
    copy, insert = damaged
    insert('<p id="too-pale" style="color: #c4c4c4">Pale text that few can read.</p>')
    context = browser.new_context(color_scheme="light")
    with serve(copy) as base:
        page = context.new_page()
        page.goto(base)
        violations = axe_violations(page)
    context.close()
    report = "\n".join(describe_violations(violations, "", "light-desktop"))
    assert "[color-contrast]" in report and "#too-pale" in report, report


def test_an_external_script_is_reported(damaged, browser):
    """A script from another host is blocked and reported, with the console error it causes."""
    copy, insert = damaged
    insert('<script src="https://cdn.example.com/tracker.js"></script>')
    context = browser.new_context()
    with serve(copy) as base:
        block_other_hosts(context, base)
        page = context.new_page()
        watch = Watch(base).attach(page)
        page.goto(base, wait_until="networkidle")
    context.close()
    problems = "\n".join(watch.problems())
    assert "third-party request: script https://cdn.example.com/tracker.js" in problems, problems


def test_a_console_error_and_a_missing_file_are_reported(damaged, browser):
    """A script error and a 404 for a missing image both show up in the page's problems."""
    copy, insert = damaged
    insert('<img src="no-such-image.png" alt=""><script>null.boom()</script>')
    context = browser.new_context()
    with serve(copy) as base:
        page = context.new_page()
        watch = Watch(base).attach(page)
        page.goto(base, wait_until="networkidle")
    context.close()
    problems = "\n".join(watch.problems())
    assert "no-such-image.png: HTTP 404" in problems, problems
    assert "uncaught" in problems, problems
