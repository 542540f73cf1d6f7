"""The citation plugin with this site's hooks in real builds of a small project: errors, warnings,
the site bibliography."""

from __future__ import annotations

import hashlib
import json
import shutil
import textwrap
from pathlib import Path

import pytest

from kit.sitebuild import ROOT, build_site
from mkdocs_citations import bibcache, sitebibliography

BIB = (Path(__file__).parent / "golden" / "golden.bib").read_text(encoding="utf-8")


def make_project(
    tmp_path: Path, pages: dict[str, str], bib: str = BIB, style: str | None = None
) -> Path:
    project = tmp_path / "project"
    style_line = f"\n                  style: {style}" if style else ""
    (project / "docs").mkdir(parents=True)
    (project / "references.bib").write_text(bib, encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        textwrap.dedent(
            f"""\
            site_name: Test
            theme:
              name: material
              font: false
            plugins:
              - search
              - citations:
                  bibliography: references.bib{style_line}
            hooks:
              - {ROOT / "scripts" / "evidence_hooks.py"}
              - {ROOT / "scripts" / "link_hooks.py"}
            markdown_extensions:
              - admonition
              - attr_list
              - toc
              - pymdownx.details
              - pymdownx.superfences
              - pymdownx.tabbed:
                  alternate_style: true
            """
        ),
        encoding="utf-8",
    )
    for name, text in pages.items():
        path = project / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return project


PAGES = {
    "index.md": """\
        # Home

        Cited here [@alpha2001first; @beta2002second].
        """,
    "topic/page.md": """\
        ---
        title: A topic
        ---

        # A topic

        Again [@beta2002second]. And `[@nosuchkey]` in code is ignored.
        """,
    "references.md": """\
        # References

        <!-- bibliography -->
        """,
}


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return digest.hexdigest()


def test_clean_project_builds_strict_with_site_bibliography(tmp_path):
    """A site-wide bibliography lists each cited source once, anchored by key, with back-links."""
    project = make_project(tmp_path, PAGES)
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "references" / "index.html").read_text(encoding="utf-8")
    assert html.count('<li id="alpha2001first">') == 1
    assert html.count('<li id="beta2002second">') == 1
    assert 'href="../#ref-alpha2001first">Home</a>' in html
    assert 'href="../topic/page/#ref-beta2002second">A topic</a>' in html
    assert "gamma2003third" not in html  # never cited
    assert "<!-- bibliography -->" not in html


def test_uncited_entries_are_reported_at_info_level(tmp_path):
    """Entries that no page cites are listed once, as information."""
    project = make_project(tmp_path, PAGES)
    result = build_site(project, tmp_path / "site")
    assert (
        "INFO    -  references.bib: 10 entries are not cited by any page: gamma2003third,"
        in result.stderr
    )


def test_unknown_key_warns_with_page_line_and_suggestion(tmp_path):
    """An unknown key fails --strict with the page, the line and the closest keys."""
    pages = {**PAGES, "index.md": "# Home\n\nText.\n\nCited [@alpha2001frist].\n"}
    project = make_project(tmp_path, pages)
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 1
    assert (
        "WARNING -  index.md:5: unknown citation key 'alpha2001frist': did you mean "
        "alpha2001first? Add the entry to references.bib or correct the key."
    ) in result.stderr
    assert "Aborted with 1 warnings in strict mode!" in result.stdout + result.stderr


def test_unknown_key_shows_a_visible_marker_without_strict(tmp_path):
    """Without --strict (as in mkdocs serve) the page builds and shows [?key] where it was."""
    pages = {**PAGES, "index.md": "# Home\n\nCited [@alpha2001frist].\n"}
    project = make_project(tmp_path, pages)
    result = build_site(project, tmp_path / "site", strict=False)
    assert result.returncode == 0
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<span class="citation-unresolved">[?alpha2001frist]</span>' in html


def test_incomplete_cited_entry_renders_and_fails_strict_with_its_line(tmp_path):
    """An entry lacking a field no longer stops every page: it renders with what it has and
    is a warning with file:line and the fix, so --strict still fails."""
    bib = BIB.replace("pmid         = {11111111}", "pmid = {PMID1}")
    bib = bib.replace("  journal      = {Journal of Testing},\n", "", 1)
    assert bib != BIB
    project = make_project(tmp_path, PAGES, bib=bib)
    strict = build_site(project, tmp_path / "strict")
    assert strict.returncode == 1
    assert "WARNING -  references.bib:" in strict.stderr
    assert "@article{alpha2001first} lacks the required field journal" in strict.stderr
    assert "malformed pmid 'PMID1'" in strict.stderr
    assert "Traceback" not in strict.stderr
    lenient = build_site(project, tmp_path / "site", strict=False)
    assert lenient.returncode == 0, lenient.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<li id="ref-alpha2001first">' in html


def test_incomplete_uncited_entry_is_never_fatal(tmp_path):
    """An incomplete entry no page cites is information, even under --strict."""
    bib = BIB + "\n@article{lonely2001entry,\n  title = {Only a title},\n}\n"
    project = make_project(tmp_path, PAGES, bib=bib)
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "INFO    -  references.bib:" in result.stderr
    assert "@article{lonely2001entry} lacks the required field author" in result.stderr


@pytest.mark.parametrize(
    ("bib", "message"),
    [
        (BIB + BIB.split("\n", 1)[1].split("@article{beta")[0], "duplicate key 'alpha2001first'"),
        ("@article{bad, title = {unbalanced\n", "entry 'bad': the value of 'title' opens a brace"),
        (
            BIB.replace("{2001},", "{2001}", 1),
            "entry 'alpha2001first': missing comma after field 'year'?",
        ),
    ],
)
def test_broken_bibliography_stops_the_build_without_traceback(tmp_path, bib, message):
    """A bad bibliography is one clear error naming file and line, and no traceback."""
    project = make_project(tmp_path, PAGES, bib=bib)
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 1
    assert "ERROR   -  Bibliography error:\nreferences.bib:" in result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_build_never_writes_into_docs_or_the_bibliography(tmp_path):
    """Sources are read, never written."""
    project = make_project(tmp_path, PAGES)
    before = tree_digest(project / "docs"), (project / "references.bib").read_bytes()
    assert build_site(project, tmp_path / "site").returncode == 0
    assert (tree_digest(project / "docs"), (project / "references.bib").read_bytes()) == before


def test_citations_in_code_stay_untouched_in_the_real_theme(tmp_path):
    """Code in the built page still shows the literal marker."""
    project = make_project(tmp_path, PAGES)
    assert build_site(project, tmp_path / "site").returncode == 0
    html = (tmp_path / "site" / "topic" / "page" / "index.html").read_text(encoding="utf-8")
    assert "<code>[@nosuchkey]</code>" in html
    assert '<h2 id="references">References' in html


def test_bibliography_is_parsed_once_and_again_only_when_changed(tmp_path, monkeypatch):
    """mkdocs serve reuses the parsed file until it changes on disk."""
    calls = []
    real = bibcache.load_bibliography
    monkeypatch.setattr(
        bibcache, "load_bibliography", lambda p, name=None: calls.append(p) or real(p, name)
    )
    cache = bibcache.BibliographyCache()
    bib = tmp_path / "references.bib"
    shutil.copy(Path(__file__).parent / "golden" / "golden.bib", bib)
    first = cache.load(bib, "references.bib")
    assert cache.load(bib, "references.bib") == first
    assert len(calls) == 1
    bib.write_text(BIB + "\n% edited\n", encoding="utf-8")
    cache.load(bib, "references.bib")
    assert len(calls) == 2


def test_a_broken_bibliography_keeps_the_last_good_one_with_the_error(tmp_path):
    """For mkdocs serve: the error comes back with the last parse that worked, until fixed."""
    cache = bibcache.BibliographyCache()
    bib = tmp_path / "references.bib"
    bib.write_text(BIB, encoding="utf-8")
    good = cache.load(bib, "references.bib")
    assert not good.error and "alpha2001first" in good.bibliography
    bib.write_text(BIB + "\n@article{alpha2001first, title = {Again}}\n", encoding="utf-8")
    broken = cache.load(bib, "references.bib")
    assert "duplicate key 'alpha2001first'" in broken.error
    assert broken.error.startswith("references.bib:")
    assert broken.bibliography is good.bibliography
    assert cache.load(bib, "references.bib").error == broken.error  # not parsed again
    bib.unlink()
    assert "references.bib: bibliography not found" in cache.load(bib, "references.bib").error
    bib.write_text(BIB, encoding="utf-8")
    assert not cache.load(bib, "references.bib").error


def test_a_bibliography_broken_from_the_start_gives_an_empty_one_with_the_error(tmp_path):
    bib = tmp_path / "references.bib"
    bib.write_text("@article{bad, title = {unbalanced\n", encoding="utf-8")
    loaded = bibcache.BibliographyCache().load(bib, "references.bib")
    assert "entry 'bad': the value of 'title' opens a brace" in loaded.error
    assert list(loaded.bibliography.records) == []


def test_citations_and_reference_lists_are_kept_out_of_the_search_index(tmp_path):
    """The index has the prose, not tooltips or reference lists; the page keeps all its markup."""
    project = make_project(tmp_path, PAGES)
    assert build_site(project, tmp_path / "site").returncode == 0
    index = json.loads((tmp_path / "site" / "search" / "search_index.json").read_text("utf-8"))
    home = " ".join(d["text"] for d in index["docs"] if d["location"].split("#")[0] == "")
    assert "Cited here" in home
    assert "First finding" not in home and "<sup>" not in home
    assert not any(d["location"] == "#references" and d["text"] for d in index["docs"])
    bibliography = " ".join(
        d["text"] for d in index["docs"] if d["location"].startswith("references/")
    )
    assert "First finding" in bibliography  # the site-wide list stays searchable...
    assert "Cited on" not in bibliography  # ...without its links to the citing pages
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<sup class="citation" id="cite-1"><a class="citation-link"' in html
    assert "First finding" in html.split('<span class="citation-tooltip">')[1].split("</span>")[0]
    # Every piece search did not see is back: one group of two sources, a list of two.
    article = html.split('<article class="md-content__inner md-typeset">')[1].split("</article>")[0]
    assert article.count('<sup class="citation"') == 1
    assert article.count('<a class="citation-link"') == 2
    references = article.split('<ol class="references">')[1].split("</ol>")[0]
    assert references.count('<li id="ref-') == 2
    assert "\x02" not in html and "wzxcite" not in html  # no citation placeholder left over
    listing = (tmp_path / "site" / "references" / "index.html").read_text(encoding="utf-8")
    assert "in the cortex. <i>J Test</i>. 2001;10(2):100-110. <a href=" in listing
    assert '<span class="bibliography-cited-on">Cited on: <a href="../#ref-' in listing
    assert sitebibliography.PLACEHOLDER not in listing
    assert listing.count('<ul class="bibliography">') == 1


def test_a_citation_in_a_heading_stays_out_of_its_anchor_title_and_contents(tmp_path):
    """The heading shows its superscript; its id, the page title and the sidebar do not."""
    pages = {
        "mood.md": """\
            # Ketamine and mood [@alpha2001first]

            ## Rapid effects [@beta2002second]

            Text [@alpha2001first].
            """
    }
    project = make_project(tmp_path, pages)
    assert build_site(project, tmp_path / "site").returncode == 0
    html = (tmp_path / "site" / "mood" / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="rapid-effects">Rapid effects<sup class="citation" id="cite-2">' in html
    assert "<title>Ketamine and mood - Test</title>" in html
    sidebar = html.split('<nav class="md-nav md-nav--secondary"')[1].split("</nav>")[0]
    assert 'href="#rapid-effects"' in sidebar and "Rapid effects" in sidebar
    assert "Second finding" not in sidebar and "citation" not in sidebar
    title = html.split('<h1 id="ketamine-and-mood">')[1].split("</h1>")[0]
    assert title.startswith("Ketamine and mood") and '<sup class="citation" id="cite-1">' in title
    assert "wzxcite" not in html  # the placeholders dropped from the toc and title, not leaked


def test_a_citation_in_alt_text_is_reported_with_its_line(tmp_path):
    """Alt text cannot hold a superscript: the build names the page and line, and --strict fails."""
    pages = {"index.md": "# Home\n\nText.\n\n![A figure [@alpha2001first]](figure.png)\n"}
    project = make_project(tmp_path, pages)
    (project / "docs" / "figure.png").write_bytes(b"")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert (
        "index.md:5: [@alpha2001first] stands inside an image's alt text or a link's title"
    ) in result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'alt="A figure"' in html and "wzxcite" not in html


def test_a_plugin_that_edits_the_page_during_search_is_reported(tmp_path):
    """Search reads a copy without citations; a change made to that copy cannot be merged back."""
    project = make_project(tmp_path, PAGES)
    (project / "stamp.py").write_text(
        "def on_page_context(context, page, config, nav):\n"
        "    page.content += '<p>stamped</p>'\n"
        "    return context\n",
        encoding="utf-8",
    )
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("hooks:\n", "hooks:\n  - stamp.py\n"), encoding="utf-8")
    result = build_site(project, tmp_path / "site", strict=False)
    assert result.returncode == 0
    assert (
        "index.md: a plugin changed the page's content during page_context, between the "
        "citation plugin's two steps"
    ) in result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<sup class="citation" id="cite-1">' in html and '<ol class="references">' in html


def test_citations_in_an_element_excluded_from_search_build_strict(tmp_path):
    """Material's search plugin strips data-search-exclude; that is not a plugin's change."""
    pages = {
        **PAGES,
        "index.md": '# Home\n\nCited here [@alpha2001first].\n{ data-search-exclude="true" }\n\n'
        "Searchable text [@beta2002second].\n",
    }
    project = make_project(tmp_path, pages)
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "a plugin changed the page's content" not in result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    # The attribute is gone from the page, as Material's search plugin leaves it without the hook.
    assert '<p>Cited here.<sup class="citation" id="cite-1">' in html
    assert '<sup class="citation" id="cite-2">' in html and '<ol class="references">' in html
    index = json.loads((tmp_path / "site" / "search" / "search_index.json").read_text("utf-8"))
    home = " ".join(d["text"] for d in index["docs"] if d["location"].split("#")[0] == "")
    assert "Searchable text" in home and "Cited here" not in home


def test_an_unknown_evidence_source_is_reported_at_its_front_matter_line(tmp_path):
    """The evidence box cites its sources first: its unknown key is at the front matter's line."""
    page = """\
        ---
        title: A topic
        evidence:
          level: supported
          claim: Something.
          sources: [alpha2001first, nosuch2001key]
        ---

        # A topic

        Body [@nosuch2001key].
        """
    project = make_project(tmp_path, {**PAGES, "topic/page.md": page})
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 1
    warnings = [line for line in result.stderr.splitlines() if "nosuch2001key" in line]
    assert [w.split(": unknown citation key")[0] for w in warnings] == [
        "WARNING -  topic/page.md:6",
        "WARNING -  topic/page.md:11",
    ], result.stderr


def test_links_to_a_pages_reference_list_entries_validate(tmp_path):
    """A Markdown link to page#ref-key passes anchor validation; a wrong key still warns."""
    pages = {
        **PAGES,
        "about.md": "# About\n\n[Second](topic/page.md#ref-beta2002second), [x](index.md#ref-x).\n",
    }
    project = make_project(tmp_path, pages)
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("validation:\n  links:\n    anchors: warn\n")
    result = build_site(project, tmp_path / "site", strict=False)
    assert result.returncode == 0
    assert "ref-beta2002second" not in result.stderr
    assert "about.md:3: link to 'index.md#ref-x': that page has no section with this id" in (
        result.stderr
    )
    # MkDocs' own warning for the same link is dropped: each broken link is reported once.
    assert "contains a link 'index.md#ref-x'" not in result.stderr


def test_a_link_to_a_missing_page_names_the_line_and_the_page_meant(tmp_path):
    pages = {**PAGES, "topic/other.md": "# Other\n\nBack to [the topic](pag.md).\n"}
    result = build_site(make_project(tmp_path, pages), tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert (
        "topic/other.md:3: link to 'pag.md': no such file in docs/; did you mean 'page.md'?"
    ) in output
    assert "contains a link 'pag.md'" not in output  # MkDocs' second report of it is dropped
    assert "Aborted with 1 warnings in strict mode!" in output


def test_links_in_indented_code_or_raw_html_are_not_checked(tmp_path):
    """Only links that Markdown renders are checked; examples in code and <pre> are left alone."""
    page = "# Other\n\nProse.\n\n    [x](missing.md)\n\n<pre>\n[y](missing.md)\n</pre>\n"
    pages = {**PAGES, "topic/other.md": page}
    result = build_site(make_project(tmp_path, pages), tmp_path / "site")
    assert result.returncode == 0, result.stderr


def test_a_link_to_a_missing_section_names_the_line_and_the_id_meant(tmp_path):
    pages = {**PAGES, "topic/other.md": "# Other\n\n## Details { #details }\n\n[x](#detail).\n"}
    result = build_site(make_project(tmp_path, pages), tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert (
        "topic/other.md:5: link to '#detail': that page has no section with this id; "
        "did you mean '#details'?"
    ) in output


def test_citation_style_is_chosen_in_mkdocs_yml(tmp_path):
    """The plugin's `style: vancouver` switches references and labels to Vancouver."""
    project = make_project(tmp_path, PAGES, style="vancouver")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'Cited here <sup class="citation" id="cite-1" data-label="inline">(<a' in html
    assert "J Test. 2001;10(2):100-10." in html  # NLM: journal not in italics, short end page


def test_an_unknown_citation_style_is_a_clear_error(tmp_path):
    project = make_project(tmp_path, PAGES, style="harvard")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 1
    assert "Plugin 'citations' option 'style'" in result.stderr
    assert "'harvard'" in result.stderr and "'ama', 'vancouver'" in result.stderr
    assert "Traceback" not in result.stderr
