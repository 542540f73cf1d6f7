"""A reader's browser loads nothing from another host: no fonts, scripts or styles from a CDN.

The browser suite watches real requests; this check reads every built file, so it also covers
pages and states the browser tests do not visit.
"""

from __future__ import annotations

from kit.sitecheck import third_party_loads
from kit.sitecopy import copy_site, edit


def test_nothing_in_the_built_site_loads_from_another_host(built_site):
    problems = third_party_loads(built_site)
    assert not problems, (
        f"{len(problems)} third-party load(s); copy the file into docs/assets/ and link it "
        "there:\n  " + "\n  ".join(problems)
    )


def test_an_external_script_and_font_are_reported(built_site, tmp_path):
    site = copy_site(built_site, tmp_path / "site")
    edit(
        site / "glossary" / "index.html",
        "</head>",
        '<script src="https://cdn.example.com/x.js"></script></head>',
    )
    css = next((site / "assets" / "stylesheets").glob("site*.css"))
    css.write_text(
        '@import url("https://fonts.googleapis.com/css?family=Roboto");\n' + css.read_text()
    )
    problems = third_party_loads(site)
    assert len(problems) == 2, problems
    assert problems[0].startswith("glossary/index.html:")
    assert '<script src="https://cdn.example.com/x.js"> loads from another host' in problems[0]
    assert (
        "@import https://fonts.googleapis.com/css?family=Roboto loads from another host"
        in problems[1]
    )


def test_outbound_links_are_not_loads(built_site):
    """DOI and PubMed links leave the site only when clicked, so they are allowed."""
    text = (built_site / "references" / "index.html").read_text(encoding="utf-8")
    assert "https://doi.org/" in text and "https://pubmed.ncbi.nlm.nih.gov/" in text
    assert third_party_loads(built_site) == []
