"""Every internal link and #anchor in the built site reaches something (zero broken)."""

from __future__ import annotations

from kit.sitecheck import broken_links
from kit.sitecopy import copy_site, edit


def test_no_internal_link_or_anchor_is_broken(built_site):
    problems = broken_links(built_site)
    assert not problems, (
        f"{len(problems)} broken link(s) (line numbers are in the built HTML); fix the link in "
        "the page's Markdown, or in the diagram or template that makes it:\n  "
        + "\n  ".join(problems)
    )


def test_a_broken_page_link_and_a_broken_anchor_are_reported(built_site, tmp_path):
    site = copy_site(built_site, tmp_path / "site")
    page = site / "opioid-debate" / "index.html"
    edit(
        page, "<article", '<a href="../mechanism/nowhere/">x</a><a href="#no-such-id">y</a><article'
    )
    problems = broken_links(site)
    assert len(problems) == 2, problems
    assert problems[0].startswith("opioid-debate/index.html:")
    assert "'mechanism/nowhere/' does not exist in the built site" in problems[0]
    assert "no id 'no-such-id' on 'opioid-debate/'" in problems[1]


def test_links_into_the_bibliography_are_checked(built_site, tmp_path):
    site = copy_site(built_site, tmp_path / "site")
    edit(site / "index.html", "<article", '<a href="references/#not-a-key">z</a><article')
    problems = broken_links(site)
    assert [p.split(": ", 1)[1] for p in problems] == [
        "<a href=\"references/#not-a-key\">: no id 'not-a-key' on 'references/'"
    ]
