"""The citation plugin on its own: another MkDocs site installs it by name, and nothing else.

The site here is made from scratch: the plain ``mkdocs`` theme, no front matter, no nav, none of
this site's hooks or rules (review dates, evidence boxes). It reaches the plugin only through its
entry point (``plugins: - citations``), as any site would after ``pip install``.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import markdown
import pytest

from kit.sitebuild import ROOT, build_site

PACKAGE = ROOT / "scripts" / "mkdocs_citations"

REFS = textwrap.dedent(
    """\
    @article{adams2001alpha,
      author  = {Adams, Ann and Brown, Bo and Clark, Cy and Young, Yu and Evans, Eve
                 and Ford, Fay and Gray, Gus},
      title   = {Alpha waves in the cortex},
      journal = {J Test},
      year    = {2001},
      volume  = {10},
      number  = {2},
      pages   = {100--110}
    }
    @article{adams2002zeta,
      author  = {Adams, Ann and Brown, Bo and Clark, Cy and Fox, Flo},
      title   = {Zeta rhythms},
      journal = {J Test},
      year    = {2002},
      volume  = {11},
      pages   = {1--9}
    }
    """
)


def make_site(tmp_path: Path, options: str = "bibliography: refs.bib") -> Path:
    project = tmp_path / "other-site"
    (project / "docs").mkdir(parents=True)
    (project / "refs.bib").write_text(REFS, encoding="utf-8")
    (project / "docs" / "index.md").write_text(
        "# Another site\n\nFirst [@adams2001alpha]. Then both [@adams2002zeta; @adams2001alpha].\n",
        encoding="utf-8",
    )
    (project / "docs" / "references.md").write_text(
        "# Bibliography\n\n<!-- bibliography -->\n", encoding="utf-8"
    )
    options = textwrap.indent(options, " " * 6)
    (project / "mkdocs.yml").write_text(
        f"site_name: Another site\ntheme:\n  name: mkdocs\nplugins:\n  - citations:\n{options}\n",
        encoding="utf-8",
    )
    return project


def _listing(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end, html.index(start))]


def test_another_site_gets_ama_citations_from_the_plugin_by_name(tmp_path):
    project = make_site(tmp_path)
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'First.<sup class="citation" id="cite-1"><a class="citation-link"' in html
    assert '<h2 id="references">References</h2>' in html
    references = _listing(html, '<ol class="references">', "</ol>")
    assert references.count('<li id="ref-') == 2
    assert "Adams A, Brown B, Clark C, et al. Alpha waves in the cortex. <i>J Test</i>." in html
    # Its stylesheet comes with it, linked from the page and copied into the site.
    assert 'href="assets/stylesheets/citations.css"' in html
    css = tmp_path / "site" / "assets" / "stylesheets" / "citations.css"
    assert css.read_bytes() == (PACKAGE / "assets" / "citations.css").read_bytes()
    # The site-wide bibliography, alphabetical by the AMA text: "et al." before "Fox".
    listing = (tmp_path / "site" / "references" / "index.html").read_text(encoding="utf-8")
    bibliography = _listing(listing, '<ul class="bibliography">', "</ul>")
    assert bibliography.index('id="adams2001alpha"') < bibliography.index('id="adams2002zeta"')


def test_another_site_gets_vancouver_citations_and_order(tmp_path):
    project = make_site(tmp_path, "bibliography: refs.bib\nstyle: vancouver")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'First <sup class="citation" id="cite-1" data-label="inline">(<a' in html
    assert "Adams A, Brown B, Clark C, Young Y, Evans E, Ford F, et al. Alpha waves" in html
    # Vancouver lists six authors, so "Fox" now sorts before "Young": the order is the style's.
    listing = (tmp_path / "site" / "references" / "index.html").read_text(encoding="utf-8")
    bibliography = _listing(listing, '<ul class="bibliography">', "</ul>")
    assert bibliography.index('id="adams2002zeta"') < bibliography.index('id="adams2001alpha"')


def test_a_bad_style_is_a_configuration_error_naming_the_option(tmp_path):
    project = make_site(tmp_path, "bibliography: refs.bib\nstyle: harvard")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 1
    assert "Plugin 'citations' option 'style': Expected one of: ('ama', 'vancouver')" in (
        result.stderr
    )
    assert "but received: 'harvard'" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_bibliography_is_a_configuration_error_naming_the_file(tmp_path):
    project = make_site(tmp_path, "bibliography: missing.bib")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 1
    assert "Plugin 'citations' option 'bibliography': the bibliography file 'missing.bib'" in (
        result.stderr
    )
    assert str(project / "missing.bib") in result.stderr
    assert "Traceback" not in result.stderr


def test_the_bibliography_option_is_required(tmp_path):
    project = make_site(tmp_path, "style: ama")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 1
    assert "Plugin 'citations' option 'bibliography': Required configuration not provided" in (
        result.stderr
    )


def test_plain_python_markdown_uses_the_extension_by_name(tmp_path):
    (tmp_path / "refs.bib").write_text(REFS, encoding="utf-8")
    html = markdown.markdown(
        "Cited [@adams2002zeta].",
        extensions=["mkdocs_citations"],
        extension_configs={
            "mkdocs_citations": {"bibliography": str(tmp_path / "refs.bib"), "style": "vancouver"}
        },
    )
    assert 'Cited <sup class="citation" id="cite-1" data-label="inline">' in html
    assert "Adams A, Brown B, Clark C, Fox F. Zeta rhythms. J Test. 2002;11:1-9." in html
    with pytest.raises(KeyError, match="bibliography"):
        markdown.markdown("x", extensions=["mkdocs_citations"])


# ---- The import graph ----------------------------------------------------------------------------


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, by its full dotted name."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return found


def test_only_the_plugin_and_its_config_import_mkdocs_and_nothing_imports_the_site():
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 20  # the engine's modules are there to check
    for module in modules:
        imports = _imports(module)
        name = module.relative_to(PACKAGE).as_posix()
        site = {m for m in imports if m.split(".")[0] in ("ketamine_site", "kit")}
        assert not site, f"{name} imports this site's code: {site}"
        if name not in ("plugin.py", "config.py"):
            mkdocs = {m for m in imports if m.split(".")[0] == "mkdocs"}
            assert not mkdocs, f"{name} imports MkDocs: {mkdocs}"


def test_the_site_hooks_are_wiring_only():
    """Each hook file binds events to an instance from ketamine_site.hooks, and does no more."""
    hooks = sorted((ROOT / "scripts").glob("*_hooks.py"))
    assert len(hooks) >= 6
    for hook in hooks:
        tree = ast.parse(hook.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
                continue  # the docstring
            assert isinstance(node, ast.ImportFrom | ast.Assign), (
                f"{hook.name}:{node.lineno}: logic in a hook file (move it to ketamine_site.hooks)"
            )
            if isinstance(node, ast.Assign):
                value = node.value
                assert isinstance(value, ast.Call | ast.Attribute), f"{hook.name}:{node.lineno}"


# ---- The wheel ---------------------------------------------------------------------------------


def test_the_wheel_holds_the_plugin_its_stylesheet_and_the_site_package_only(tmp_path):
    """No test kit, tools or hook files in what `pip install .` would install (pip builds it as
    for an install: setuptools in an isolated environment, as pyproject.toml asks)."""
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path)]
    result = subprocess.run(
        [*command, str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    packages = {name.split("/")[0] for name in names if not name.split("/")[0].endswith("info")}
    assert packages == {"mkdocs_citations", "ketamine_site"}
    assert "mkdocs_citations/assets/citations.css" in names
    assert "mkdocs_citations/plugin.py" in names and "ketamine_site/hooks/pages.py" in names
    for kit_or_tool in ("sitebuild", "sitecheck", "browsing", "readability", "benchmark"):
        assert not [name for name in names if kit_or_tool in name], kit_or_tool
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[mkdocs.plugins]\ncitations = mkdocs_citations.plugin:CitationsPlugin" in text
