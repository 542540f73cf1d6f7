"""Page metadata and reference downloads: the engine's pieces, and a real build with hostile text.

The hostile bibliography has a title with ``<``, ``&``, ``"`` and even ``</script>``: it must stay
text in the meta tags and in the JSON-LD, never markup, and LaTeX must not reach the RIS file.
"""

from __future__ import annotations

import textwrap

import bibtexparser
import extruct
import lxml.html
import pytest

from ketamine_site.metadata import downloads, fields, highwire, jsonld
from ketamine_site.metadata.page import PageInfo, Site
from kit.sitebuild import ROOT, build_site
from mkdocs_citations.engine import names, parse_bibliography
from mkdocs_citations.engine.markdown_ext import FormattedReferences

HOSTILE_TITLE = 'Glutamate <b>bursts</b> & "rapid" relief </script> <!- x'
HOSTILE_BIB = textwrap.dedent(
    r"""
    % seen: made up for this test
    @article{mueller2020glutamate,
      author       = {M{\"u}ller, J{\"o}rg and {\O}stergaard, Anne
                      and de la Cruz, Jr., Pedro and others},
      title        = {Glutamate <b>bursts</b> \& "rapid" relief </script> <!- x},
      journal      = {Journal of {NMDA} Studies},
      shortjournal = {J NMDA Stud},
      year         = {2020},
      volume       = {7},
      number       = {3},
      pages        = {100--110},
      doi          = {10.1000/x.2020},
      pmid         = {12345678},
      pmcid        = {PMC1234567},
    }

    @misc{web2021page,
      title        = {A {Web} page},
      url          = {https://example.org/page},
      howpublished = {Example site},
    }
    """
)
SITE = Site("Site & Co", "https://example.org/site/", "en", "https://example.org/licence")


@pytest.fixture(scope="module")
def bib():
    return parse_bibliography(HOSTILE_BIB, "test.bib")


def _page(records, **changes) -> PageInfo:
    values = dict(
        title="A <page> & more",
        description='Says "hi"',
        url="https://example.org/site/a/",
        reviewed="2026-12-03",
        is_home=False,
        records=records,
        site=SITE,
    )
    return PageInfo(**{**values, **changes})


def test_names_are_split_and_decoded(bib):
    people = fields.people(bib["mueller2020glutamate"].get("author"))
    assert [p.inverted() for p in people] == [
        "Müller, Jörg",
        "Østergaard, Anne",
        "de la Cruz, Pedro, Jr.",
    ]
    assert people[0].natural() == "Jörg Müller"


def test_pages_split_into_first_and_last(bib):
    assert fields.page_range(bib["mueller2020glutamate"]) == ("100", "110")
    assert fields.page_range(bib["web2021page"]) == ("", "")


def test_citation_reference_lists_only_fields_the_record_has(bib):
    content = highwire.reference_content(bib["mueller2020glutamate"])
    assert content == (
        f"citation_title={HOSTILE_TITLE}; citation_author=Müller, Jörg; "
        "citation_author=Østergaard, Anne; citation_author=de la Cruz, Pedro, Jr.; "
        "citation_journal_title=Journal of NMDA Studies; citation_publication_date=2020; "
        "citation_volume=7; citation_issue=3; citation_firstpage=100; citation_lastpage=110; "
        "citation_doi=10.1000/x.2020; citation_pmid=12345678"
    )
    assert highwire.reference_content(bib["web2021page"]) == "citation_title=A Web page"


def test_json_ld_cannot_be_closed_by_bibliographic_text(bib):
    script = jsonld.script(_page(list(bib)))
    body = script.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in body and ">" not in body and "&" not in body
    data = extruct.extract(f"<html><head>{script}</head></html>", syntaxes=["json-ld"])
    (page,) = data["json-ld"]
    assert page["name"] == "A <page> & more"
    assert page["citation"][0]["name"] == HOSTILE_TITLE
    assert page["citation"][0]["identifier"][1] == {
        "@type": "PropertyValue",
        "propertyID": "PMID",
        "value": "12345678",
    }
    assert page["citation"][1] == {
        "@type": "CreativeWork",
        "name": "A Web page",
        "isPartOf": {"@type": "CreativeWork", "name": "Example site"},
        "url": "https://example.org/page",
    }


def test_without_a_review_date_or_site_url_nothing_is_guessed(bib):
    page = _page(list(bib), reviewed="", url="", site=Site("S", "", "", ""))
    data = jsonld.document(page)
    assert {"lastReviewed", "url", "license", "inLanguage"}.isdisjoint(data)
    names = [tag.split('"')[1] for tag in highwire.tags(page)]
    assert "citation_publication_date" not in names and "citation_public_url" not in names


def test_bibtex_download_holds_the_entries_exactly_and_no_comments(bib):
    text = downloads.bibtex(list(bib))
    assert "% seen" not in text
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    assert [e.key for e in library.entries] == ["mueller2020glutamate", "web2021page"]
    for entry in library.entries:
        assert {f.key: f.value for f in entry.fields} == dict(bib[entry.key].fields)


def test_ris_download_is_decoded_text_with_doi_and_pmid(bib):
    text = downloads.ris(list(bib))
    assert "{" not in text and "\\" not in text
    assert not text.startswith("1.")  # rispy's counter lines are not RIS
    first, second = downloads.read_ris(text)
    assert first["type_of_reference"] == "JOUR"
    assert first["authors"] == ["Müller, Jörg", "Østergaard, Anne", "de la Cruz, Pedro, Jr."]
    assert first["title"] == HOSTILE_TITLE
    assert first["secondary_title"] == "Journal of NMDA Studies"
    assert first["alternate_title1"] == "J NMDA Stud"
    assert (first["start_page"], first["end_page"]) == ("100", "110")
    assert first["doi"] == "10.1000/x.2020"
    assert first["identifiers"] == ["PMID: 12345678", "PMCID: PMC1234567"]
    assert "M2  - PMID: 12345678" in text.splitlines()
    assert second == {
        "type_of_reference": "ELEC",
        "title": "A Web page",
        "secondary_title": "Example site",
        "urls": ["https://example.org/page"],
    }


@pytest.mark.parametrize(
    ("dest", "expected"),
    [
        ("index.html", "references.bib"),
        ("mechanism/nmda-blockade/index.html", "mechanism/nmda-blockade/references.bib"),
        ("mechanism/page.html", "mechanism/page.references.bib"),
    ],
)
def test_page_download_names_sit_beside_the_page(dest, expected):
    assert downloads.page_files(dest)[".bib"] == expected


def test_download_links_are_relative_to_the_page():
    html = downloads.links_html(
        "mechanism/x/index.html", downloads.site_files("references/index.html"), "Download"
    )
    links = lxml.html.fromstring(html).xpath("//a/@href")
    assert links == [
        "../../references/ketamine-references.bib",
        "../../references/ketamine-references.ris",
    ]


# ---- A real build ------------------------------------------------------------------------------


def _project(tmp_path):
    project = tmp_path / "project"
    (project / "docs" / "topic").mkdir(parents=True)
    (project / "references.bib").write_text(HOSTILE_BIB, encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        textwrap.dedent(
            f"""\
            site_name: Test & "site"
            site_url: https://example.org/test/
            theme:
              name: material
              custom_dir: {ROOT / "overrides"}
              font: false
            plugins:
              - citations:
                  bibliography: references.bib
            hooks:
              - {ROOT / "scripts" / "metadata_hooks.py"}
            """
        ),
        encoding="utf-8",
    )
    (project / "docs" / "index.md").write_text("# Home\n\nNothing cited.\n", encoding="utf-8")
    (project / "docs" / "topic" / "page.md").write_text(
        textwrap.dedent(
            """\
            ---
            title: Bursts <i>&</i> "relief"
            description: A page & its <sources>
            reviewed: 2026-12-03
            ---

            # Bursts

            Cited [@mueller2020glutamate; @web2021page].
            """
        ),
        encoding="utf-8",
    )
    (project / "docs" / "references.md").write_text(
        "# References\n\n<!-- bibliography -->\n", encoding="utf-8"
    )
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("metadata")
    project = _project(tmp_path)
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    return tmp_path / "site"


def test_hostile_titles_stay_text_in_meta_tags_and_json_ld(built):
    raw = (built / "topic" / "page" / "index.html").read_text(encoding="utf-8")
    # Only the hook's block: Material writes <title> and the description meta tag itself.
    ours = raw[raw.index('<meta name="citation_title"') : raw.index("</head>")]
    assert "<b>" not in ours and "<i>" not in ours and "<sources>" not in ours
    assert ours.count("</script>") == ours.count("<script") == 1  # nothing closed it early
    tree = lxml.html.fromstring(raw)
    assert tree.xpath('//meta[@name="citation_title"]/@content') == ['Bursts <i>&</i> "relief"']
    (reference, _) = tree.xpath('//meta[@name="citation_reference"]/@content')
    assert reference.startswith(f"citation_title={HOSTILE_TITLE}; citation_author=Müller, Jörg")
    assert tree.xpath('//meta[@name="citation_publication_date"]/@content') == ["2026/12/03"]
    data = extruct.extract(raw, syntaxes=["json-ld", "opengraph"], uniform=True)
    (page,) = data["json-ld"]
    assert page["name"] == 'Bursts <i>&</i> "relief"'
    assert page["description"] == "A page & its <sources>"
    assert page["url"] == "https://example.org/test/topic/page/"
    assert page["lastReviewed"] == "2026-12-03"
    assert page["isPartOf"] == {
        "@type": "WebSite",
        "name": 'Test & "site"',
        "url": "https://example.org/test/",
    }
    assert [c["name"] for c in page["citation"]] == [HOSTILE_TITLE, "A Web page"]
    (og,) = data["opengraph"]
    assert og["og:title"] == 'Bursts <i>&</i> "relief"'
    assert og["og:site_name"] == 'Test & "site"'


def test_a_page_without_references_gets_tags_but_no_downloads(built):
    raw = (built / "index.html").read_text(encoding="utf-8")
    assert 'name="citation_title" content="Home"' in raw
    assert 'name="citation_reference"' not in raw and "reference-downloads" not in raw
    assert not (built / "references.bib").exists()


def test_downloads_are_written_for_the_page_and_the_site(built):
    page_bib = (built / "topic" / "page" / "references.bib").read_text(encoding="utf-8")
    site_ris = (built / "references" / "ketamine-references.ris").read_text(encoding="utf-8")
    assert [e.key for e in bibtexparser.parse_string(page_bib).entries] == [
        "mueller2020glutamate",
        "web2021page",
    ]
    assert [r["title"] for r in downloads.read_ris(site_ris)] == ["A Web page", HOSTILE_TITLE]


def test_a_reviewed_value_that_is_no_date_fails_the_strict_build_with_its_line(tmp_path):
    """One reader of `reviewed:` (reviewdates), reported once, by the pages hook; the metadata
    then has no date rather than a guess."""
    project = _project(tmp_path)
    config = project / "mkdocs.yml"
    hooks = f"hooks:\n  - {ROOT / 'scripts' / 'page_hooks.py'}\n"
    config.write_text(config.read_text().replace("hooks:\n", hooks), encoding="utf-8")
    page = project / "docs" / "topic" / "page.md"
    page.write_text(page.read_text().replace("2026-12-03", "yesterday"), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 1
    assert "WARNING -  topic/page.md:4: 'reviewed: yesterday' is not a date" in result.stderr
    assert result.stderr.count("'reviewed: yesterday' is not a date") == 1


def test_each_record_is_described_once_per_build_whoever_asks(bib, monkeypatch):
    """The references, the citation tags, the JSON-LD and both downloads of every page share one
    reading of each record: its names are parsed once, not once per page and format."""
    parsed = []
    for reader in ("_parsed_person", "_plain_person"):
        real = getattr(names, reader)
        monkeypatch.setattr(names, reader, lambda raw, real=real: parsed.append(raw) or real(raw))
    references = FormattedReferences(bib)  # a new bibliography: the name caches start empty
    fields.clear()
    record = bib["mueller2020glutamate"]
    for _page in range(3):
        references.get(record.key)
        highwire.reference_content(record)
        jsonld.work(record)
        downloads.ris([record])
        downloads.bibtex([record])
    assert len(parsed) == 3  # Müller, Østergaard, de la Cruz: once each
    FormattedReferences(bib)  # the next build reads its bibliography afresh
    fields.clear()
    highwire.reference_content(record)
    assert len(parsed) == 6
