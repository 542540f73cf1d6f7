"""Bibliographies as people export them build, with no LaTeX reaching a reader.

For each file in tests/fixtures/bib/ (and biblatex's own examples file, when this machine has
it: see that folder's README), every entry either renders or is named, with its line, in a
problem; no reference holds a backslash command or a brace; and a real MkDocs build of a page
citing every entry succeeds, in both styles, with none in its HTML either.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_hook_build import make_project

from kit.sitebuild import build_site
from mkdocs_citations.engine import parse_bibliography
from mkdocs_citations.engine.markdown_ext import FormattedReferences
from mkdocs_citations.engine.style import AMA, VANCOUVER

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bib"


def _biblatex_examples() -> Path | None:
    """biblatex-examples.bib from $BIBLATEX_EXAMPLES, TeX Live, or fixtures/bib/external/."""
    candidates = [os.environ.get("BIBLATEX_EXAMPLES", "")]
    if shutil.which("kpsewhich"):
        found = subprocess.run(
            ["kpsewhich", "biblatex-examples.bib"], capture_output=True, text=True, check=False
        )
        candidates.append(found.stdout.strip())
    candidates.append(str(FIXTURES / "external" / "biblatex-examples.bib"))
    return next((Path(c) for c in candidates if c and Path(c).is_file()), None)


EXAMPLES = _biblatex_examples()
MISSING_EXAMPLES = (
    "biblatex-examples.bib is not on this machine: set BIBLATEX_EXAMPLES, or fetch it as .ci/run "
    "does (see tests/fixtures/bib/README.md)"
)
# In CI (CI=true) the file is required, as Chromium is: .ci/run fetches it, and a run that could
# not must fail rather than pass without it. Elsewhere its absence skips, saying so.
FILES = [
    *[pytest.param(path, id=path.name) for path in sorted(FIXTURES.glob("*.bib"))],
    pytest.param(
        EXAMPLES,
        id="biblatex-examples.bib",
        marks=pytest.mark.skipif(
            EXAMPLES is None and os.environ.get("CI") != "true", reason=MISSING_EXAMPLES
        ),
    ),
]


def _present(path: Path | None) -> Path:
    if path is None:
        pytest.fail(MISSING_EXAMPLES, pytrace=False)
    return path


# A LaTeX command (a backslash and a letter) or a brace: what must never reach a reader.
LATEX_LEFT = re.compile(r"\\[A-Za-z@]|[{}]")


@pytest.mark.parametrize("path", FILES)
@pytest.mark.parametrize("style", [AMA, VANCOUVER], ids=["ama", "vancouver"])
def test_every_entry_renders_or_is_named_with_its_line(path, style):
    path = _present(path)
    bib = parse_bibliography(path.read_text(encoding="utf-8"), path.name)
    assert len(bib) > 0
    for problem in bib.problems:
        assert problem.severity == "warning"
        assert re.fullmatch(rf"{re.escape(path.name)}:\d+", problem.where()), problem
    named = {problem.key for problem in bib.problems}
    references = FormattedReferences(bib, style)
    for record in bib:
        html, text = references.get(record.key)
        assert text or record.key in named, f"{record.key} renders nothing and is not named"
        assert not LATEX_LEFT.search(text), f"{record.key}: {text}"
        assert not LATEX_LEFT.search(re.sub(r"<[^>]*>", "", html)), f"{record.key}: {html}"


@pytest.mark.parametrize("path", FILES)
@pytest.mark.parametrize("style", ["ama", "vancouver"])
def test_a_page_citing_every_entry_builds_without_latex(tmp_path, path, style):
    """A real build: the page's reference list and the site bibliography hold no LaTeX."""
    path = _present(path)
    text = path.read_text(encoding="utf-8")
    keys = parse_bibliography(text, path.name).keys()
    page = "# Everything\n\n" + "\n\n".join(f"Cited [@{key}]." for key in keys) + "\n"
    pages = {"index.md": page, "references.md": "# References\n\n<!-- bibliography -->\n"}
    project = make_project(tmp_path, pages, bib=text, style=style)
    # Not --strict: an incomplete entry is a warning, which is the point of this build.
    result = build_site(project, tmp_path / "site", strict=False)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    listing = html[
        html.index('<ol class="references">') : html.index(
            "</ol>", html.index('<ol class="references">')
        )
    ]
    assert listing.count("<li id=") == len(keys)
    assert not LATEX_LEFT.search(re.sub(r"<[^>]*>", "", listing))
    site_list = (tmp_path / "site" / "references" / "index.html").read_text(encoding="utf-8")
    bibliography = site_list[site_list.index('<ul class="bibliography">') :]
    bibliography = bibliography[: bibliography.index("</ul>")]
    assert not LATEX_LEFT.search(re.sub(r"<[^>]*>", "", bibliography))


def test_the_better_biblatex_export_reads_as_references_bib_does():
    """The same three works, exported by Zotero's Better BibLaTeX, format as the site's own
    entries do (the export has no PMCID: Better BibTeX puts that in a note)."""
    from mkdocs_citations.engine import ama, load_bibliography
    from mkdocs_citations.engine.parts import to_text

    def format_text(record):
        return to_text(ama.reference_parts(record))

    ours = load_bibliography(Path(__file__).resolve().parents[2] / "references.bib")
    export = load_bibliography(FIXTURES / "better-biblatex.bib")
    assert export.problems == []
    pairs = {
        "liMTORDependentSynapseFormation2010": "li2010mtor",
        "jonkmanEsketamineCountersOpioidinduced2018": "jonkman2018esketamine",
        "williamsAttenuationAntidepressantEffects2018": "williams2018attenuation",
    }
    for exported, own in pairs.items():
        expected = re.sub(r" PMCID: PMC\d+", "", format_text(ours[own]))
        assert format_text(export[exported]) == expected


# An identifier link as a reader's browser and a reference manager need it: the resolver's
# address and the bare identifier, nothing else (no second scheme, space, bracket or brace).
WELL_FORMED_LINK = re.compile(
    r"https://doi\.org/10\.\d{4,9}/[^\s\"<>{}\\^`|]+"
    r"|https://pubmed\.ncbi\.nlm\.nih\.gov/[1-9]\d{0,8}/"
    r"|https://pmc\.ncbi\.nlm\.nih\.gov/articles/PMC\d+/"
    r"|https://arxiv\.org/abs/(?:\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?"
    r"|https?://[^\s\"<>{}\\^`|]+"
)


def _links(html: str) -> list[str]:
    import html as html_module

    return [html_module.unescape(href) for href in re.findall(r'href="([^"]*)"', html)]


@pytest.mark.parametrize("path", FILES)
def test_every_identifier_link_is_well_formed_in_every_output(path):
    """The reference list (both styles), the JSON-LD, the Highwire tags and the RIS download
    agree on each identifier, and each link is the resolver's address of a bare identifier."""
    import json

    from ketamine_site.metadata import downloads, highwire, jsonld

    path = _present(path)
    bib = parse_bibliography(path.read_text(encoding="utf-8"), path.name)
    ama, vancouver = FormattedReferences(bib, AMA), FormattedReferences(bib, VANCOUVER)
    for record in bib:
        for href in _links(ama.get(record.key)[0]) + _links(vancouver.get(record.key)[0]):
            assert WELL_FORMED_LINK.fullmatch(href), f"{record.key}: {href}"
            assert href.count("://") == 1, f"{record.key}: {href}"
        work = jsonld.work(record)
        for address in [*work.get("sameAs", []), *([work["url"]] if "url" in work else [])]:
            assert WELL_FORMED_LINK.fullmatch(address), f"{record.key}: {address}"
            assert address.count("://") == 1, f"{record.key}: {address}"
        pairs = dict(highwire.reference_pairs(record))
        if doi := record.get("doi"):
            assert pairs.get("citation_doi") == doi
            assert f"DO  - {doi}" in downloads.ris([record])
            assert f"/{doi}" in json.dumps(work) or "%" in json.dumps(work)


def _strings(value) -> list[str]:
    """Every string inside a JSON-LD value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    return [text for item in value for text in _strings(item)] if isinstance(value, list) else []


@pytest.mark.parametrize("path", FILES)
def test_no_latex_or_brace_reaches_the_page_metadata_or_the_ris_download(path):
    from ketamine_site.metadata import downloads, highwire, jsonld

    path = _present(path)
    bib = parse_bibliography(path.read_text(encoding="utf-8"), path.name)
    for record in bib:
        metadata = "\n".join(_strings(jsonld.work(record)))
        tags = "\n".join(value for _, value in highwire.reference_pairs(record))
        ris = downloads.ris([record])
        for where, text in (("JSON-LD", metadata), ("Highwire", tags), ("RIS", ris)):
            assert not LATEX_LEFT.search(text), f"{record.key} ({where}): {text}"


@pytest.mark.parametrize("path", FILES)
def test_downloads_are_what_bibtexparser_and_rispy_would_write(path):
    """The downloads are written directly, for speed; the libraries' own writers are the oracle:
    every entry of every real export comes out byte for byte as they would write it, and reads
    back as the entry it was."""
    import bibtexparser
    import rispy
    from bibtexparser import model
    from bibtexparser.middlewares.parsestack import default_unparse_stack
    from bibtexparser.writer import BibtexFormat

    from ketamine_site.metadata import downloads

    class RisWriter(rispy.RisWriter):
        def set_header(self, count: int) -> str:
            return ""  # no "1." line before a record: that is not RIS

    mapping, list_tags = downloads.rispy_map()
    ris_writer = RisWriter(mapping=mapping, list_tags=list_tags)
    # The tags written are rispy's for the same names; the names written as lists (one line a
    # value) are those whose tags rispy writes so, and no other.
    assert {name: tag for tag, name in mapping.items() if name in downloads.RIS_TAGS} == (
        downloads.RIS_TAGS
    )
    as_lists = {"authors", "secondary_authors", "urls", "identifiers"}
    assert {name for name, tag in downloads.RIS_TAGS.items() if tag in list_tags} == as_lists
    layout = BibtexFormat()
    layout.indent, layout.trailing_comma = "  ", True
    path = _present(path)
    bib = parse_bibliography(path.read_text(encoding="utf-8"), path.name)
    for record in bib:
        entry = model.Entry(
            record.entry_type, record.key, [model.Field(k, v) for k, v in record.fields.items()]
        )
        expected = bibtexparser.write_string(
            bibtexparser.Library([entry]),
            unparse_stack=default_unparse_stack(),
            bibtex_format=layout,
        )
        assert downloads.bibtex_entry(record) == expected, record.key
        assert downloads.ris_text(record) == ris_writer.formats([downloads.ris_record(record)])
    text = downloads.bibtex(list(bib))
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    assert [e.key for e in library.entries] == [r.key for r in bib]
    for entry in library.entries:
        assert {f.key: f.value for f in entry.fields} == dict(bib[entry.key].fields), entry.key
    assert downloads.read_ris(downloads.ris(list(bib))) == [
        downloads.ris_record(record) for record in bib
    ]
