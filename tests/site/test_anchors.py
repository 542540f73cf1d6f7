"""Published section links keep working: the anchor registry against the built site.

tests/site/anchors.json lists every anchor readers may have linked to (section headings,
reference entries, bibliography entries). Each must resolve in the built site, directly or
through a mkdocs-redirects stub; new ones are added with
`.venv/bin/python scripts/register_anchors.py`.
"""

from __future__ import annotations

import textwrap

from kit.sitebuild import build_site
from kit.sitecheck import (
    REGISTRY,
    headings_without_permalink,
    load_registry,
    lost_anchors,
    merge_registry,
    published_anchors,
    unregistered_headings,
)
from kit.sitecopy import copy_site, edit

REGISTER = "Run `.venv/bin/python scripts/register_anchors.py` and commit tests/site/anchors.json."
KEEP = (
    "Published links point here. Keep the id ({ #old-id } on the heading), or, if the page "
    "moved, add its old path to redirect_maps in mkdocs.yml."
)


def report(problems: list[str], advice: str) -> str:
    return f"{len(problems)} problem(s):\n  " + "\n  ".join(problems) + f"\n{advice}"


def test_the_registry_is_committed_and_covers_the_site():
    registry = load_registry()
    assert REGISTRY.is_file(), f"{REGISTRY} is missing. {REGISTER}"
    for page in ("", "mechanism/ampa-activation/", "opioid-debate/", "references/"):
        assert registry.get(page), f"no anchors registered for '{page or '/'}'. {REGISTER}"


def test_every_registered_anchor_still_resolves(built_site):
    problems = lost_anchors(built_site, load_registry())
    assert not problems, report(problems, KEEP)


def test_every_section_heading_is_registered(built_site):
    problems = unregistered_headings(built_site, load_registry())
    assert not problems, report(problems, REGISTER)


def test_every_bibliography_entry_is_registered(built_site):
    _, added = merge_registry(load_registry(), published_anchors(built_site))
    assert not added, report(added, REGISTER)


def test_every_section_heading_has_a_permalink(built_site):
    problems = headings_without_permalink(built_site)
    assert not problems, report(problems, "Keep `toc: permalink: true` in mkdocs.yml.")


# ---- The checks catch what they should ----------------------------------------------------


def test_a_removed_anchor_is_reported_with_page_and_id(built_site, tmp_path):
    site = copy_site(built_site, tmp_path / "site")
    page = site / "mechanism" / "ampa-activation" / "index.html"
    edit(page, 'id="key-points"', 'id="main-points"')
    problems = lost_anchors(site, {"mechanism/ampa-activation/": ["key-points"]})
    assert problems == [
        "mechanism/ampa-activation/#key-points: "
        "no element with id 'key-points' on 'mechanism/ampa-activation/'"
    ]


def test_a_new_heading_that_is_not_registered_is_reported(built_site, tmp_path):
    site = copy_site(built_site, tmp_path / "site")
    registry = load_registry()
    registry["mechanism/ampa-activation/"].remove("key-points")
    problems = unregistered_headings(site, registry)
    assert len(problems) == 1
    assert problems[0].startswith("mechanism/ampa-activation/index.html:")
    assert "'mechanism/ampa-activation/#key-points' is not registered" in problems[0]


def _project(tmp_path, redirects: str):
    """A two-page MkDocs project where ``old.md`` became ``new.md``."""
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Home\n\nSee [the new page](new.md).\n")
    (project / "docs" / "new.md").write_text("# New\n\n## Section { #section }\n\nText.\n")
    config = f"""\
        site_name: Moved
        site_url: https://example.org/k/
        markdown_extensions: [attr_list]
        plugins:
          - redirects:
              redirect_maps: {{{redirects}}}
    """
    (project / "mkdocs.yml").write_text(textwrap.dedent(config))
    return project


def test_a_moved_page_keeps_its_anchors_through_a_redirect(tmp_path):
    project = _project(tmp_path, "'old.md': 'new.md'")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert lost_anchors(tmp_path / "site", {"old/": ["section"]}) == []


def test_a_moved_page_without_a_redirect_is_reported(tmp_path):
    project = _project(tmp_path, "")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert lost_anchors(tmp_path / "site", {"old/": ["section"]}) == [
        "old/#section: 'old/' does not exist in the built site"
    ]
