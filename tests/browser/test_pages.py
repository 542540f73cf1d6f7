"""Every page loads in a real browser without errors, and asks nothing of any other host."""

from __future__ import annotations

from pathlib import Path

import pytest

from kit.browsing import Watch, serve
from kit.sitebuild import build_site
from kit.sitecheck import redirect_stubs, resolve

pytestmark = pytest.mark.browser


# Pages loaded side by side: each must then stay quiet for half a second (networkidle), and
# those waits overlap instead of adding up.
TABS = 5


def test_every_page_loads_cleanly(site, context):
    """No console error, no failed request, no request to a host other than the site's own."""
    problems = []
    for start in range(0, len(site.pages), TABS):
        tabs = []
        for url in site.pages[start : start + TABS]:
            page = context.new_page()
            watch = Watch(site.base).attach(page)
            tabs.append((url, page, watch, page.goto(site.url(url), wait_until="commit")))
        for url, page, watch, response in tabs:
            page.wait_for_load_state("networkidle")
            if response is None or response.status != 200:
                problems.append(
                    f"'{url or '/'}': HTTP {response.status if response else 'no response'}"
                )
            problems += [f"'{url or '/'}': {p}" for p in watch.problems()]
            page.close()
    if problems:
        pytest.fail(
            f"{len(problems)} problem(s) loading pages:\n" + "\n".join(problems), pytrace=False
        )


def _moved_page_site(tmp_path) -> Path:
    """A two-page site built with the real MkDocs and mkdocs-redirects: old.md became new.md."""
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Home\n")
    (project / "docs" / "new.md").write_text("# New\n\n## Section { #section }\n\nText.\n")
    (project / "mkdocs.yml").write_text(
        "site_name: Moved\nmarkdown_extensions: [attr_list]\n"
        "plugins:\n  - redirects:\n      redirect_maps: {'old.md': 'new.md'}\n"
    )
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    return tmp_path / "site"


def _check_stubs(folder: Path, base: str, page) -> list[str]:
    problems = []
    for stub in redirect_stubs(folder):
        target, why = resolve(folder, "", stub)
        if target is None:
            problems.append(f"'{stub}': {why}")
            continue
        page.goto(base + stub + "#section")
        page.wait_for_url(base + target + "#section", timeout=5000)
    return problems


def test_redirect_pages_lead_to_their_target_with_the_anchor(site, browser, tmp_path):
    """An old address (a mkdocs-redirects page) lands on the new page, keeping #anchor.

    Checked on a small site where a page moved, and on every redirect of this site's own
    ``redirect_maps`` (none yet: no page has moved).
    """
    moved = _moved_page_site(tmp_path)
    context = browser.new_context()
    try:
        page = context.new_page()
        with serve(moved) as base:
            assert redirect_stubs(moved) == ["old/"]
            problems = _check_stubs(moved, base, page)
            assert page.locator("#section").is_visible(), "the anchor's heading is not shown"
        problems += _check_stubs(site.folder, site.base, page)
    finally:
        context.close()
    assert not problems, "\n".join(problems)
