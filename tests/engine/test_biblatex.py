"""biblatex and what the exporters write (Zotero, Better BibTeX, JabRef, doi.org), read as the
styles need it: dates, journaltitle, eprints, @string and month macros, concatenation, crossref
and xdata, corporate authors, and every common entry type in AMA and Vancouver form."""

from __future__ import annotations

import pytest

from mkdocs_citations.engine import parse_bibliography
from mkdocs_citations.engine.ama import reference_parts
from mkdocs_citations.engine.biblatex import parse_date
from mkdocs_citations.engine.bibliography import Record
from mkdocs_citations.engine.markdown_ext import FormattedReferences
from mkdocs_citations.engine.parts import to_text
from mkdocs_citations.engine.style import VANCOUVER


def format_text(record: Record) -> str:
    """A record's AMA reference as plain text."""
    return to_text(reference_parts(record))


def ama(text: str, key: str) -> str:
    bib = parse_bibliography(text, "refs.bib")
    return format_text(bib[key])


def vancouver(text: str, key: str) -> str:
    bib = parse_bibliography(text, "refs.bib")
    return to_text(VANCOUVER.reference_parts(bib[key]))


# An entry as Zotero's Better BibLaTeX exports it (the values are references.bib's li2010mtor).
BETTER_BIBLATEX = """@article{liMTORDependentSynapseFormation2010,
  title = {{{mTOR}}-Dependent Synapse Formation Underlies the Rapid Antidepressant
    Effects of {{NMDA}} Antagonists},
  author = {Li, Nanxin and Lee, Boyoung and Liu, Rong-Jian and Banasr, Mounira},
  date = {2010},
  journaltitle = {Science},
  shortjournal = {Science},
  volume = {329},
  number = {5994},
  pages = {959--964},
  doi = {10.1126/science.1190287},
  eprint = {20724638},
  eprinttype = {pmid},
  langid = {english},
  abstract = {Not read.},
  keywords = {Ketamine},
  file = {/home/reader/Zotero/storage/X/Li.pdf}
}
"""


def test_a_better_biblatex_article_is_complete_and_formats():
    """date, journaltitle, shortjournal and eprint + eprinttype = {pmid} stand for year,
    journal, the abbreviation and pmid: no problem, and the AMA reference is whole."""
    bib = parse_bibliography(BETTER_BIBLATEX, "refs.bib")
    assert bib.problems == []
    record = bib["liMTORDependentSynapseFormation2010"]
    assert (record.get("year"), record.get("journal"), record.get("pmid")) == (
        "2010",
        "Science",
        "20724638",
    )
    assert format_text(record) == (
        "Li N, Lee B, Liu RJ, Banasr M. mTOR-dependent synapse formation underlies the rapid "
        "antidepressant effects of NMDA antagonists. Science. 2010;329(5994):959-964. "
        "doi:10.1126/science.1190287 PMID: 20724638"
    )


@pytest.mark.parametrize(
    ("date", "parts"),
    [
        ("2018", ("2018", "", "", "")),
        ("2018-06", ("2018", "6", "", "")),
        ("2018-06-05", ("2018", "6", "5", "")),
        ("2017/2018", ("2017", "", "", "2018")),
        ("2018-06-05/2018-06-07", ("2018", "6", "5", "")),
        ("2018/", ("2018", "", "", "")),
        ("../2018", ("2018", "", "", "")),
        ("2018~", ("2018", "", "", "")),
        ("2018-06-05T10:00:00Z", ("2018", "6", "5", "")),
    ],
)
def test_iso_dates(date, parts):
    assert tuple(parse_date(date)) == parts


@pytest.mark.parametrize("date", ["June 2018", "18", "2018-6-5x", ""])
def test_what_is_not_an_iso_date(date):
    assert parse_date(date) is None


def test_a_malformed_date_is_a_warning_with_the_form_expected():
    text = "@article{a2018x, author={A, B}, title={T}, journaltitle={J}, date={June 2018}}\n"
    bib = parse_bibliography(text, "refs.bib")
    assert [str(p) for p in bib.problems] == [
        "refs.bib:1: @article{a2018x} lacks the required field year (or date): add it from the "
        "public record (PubMed, the publisher)",
        "refs.bib:1: entry 'a2018x' has a malformed date 'June 2018': a date is ISO 8601: 2018, "
        "2018-06, 2018-06-05, or a range such as 2017/2018",
    ]


def test_a_date_range_is_printed_as_a_range():
    text = (
        "@book{k, author={Knuth, Donald E.}, title={Computers}, publisher={AW}, date={1984/1986}}"
    )
    assert ama(text, "k") == "Knuth DE. Computers. AW; 1984-1986."


def test_an_article_ahead_of_print_gives_its_online_date():
    text = "@article{a, author={A, B}, title={T}, journaltitle={J}, date={2018-06-05}}"
    assert ama(text, "a") == "A B. T. J. Published online June 5, 2018."


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ("eprint={20724638}, eprinttype={pmid}", "PMID: 20724638"),
        ("eprint={20724638}, eprinttype={pubmed}", "PMID: 20724638"),
        ("eprint={PMC3116441}, eprinttype={pmcid}", "PMCID: PMC3116441"),
        ("eprint={3116441}, eprinttype={pmc}", "PMCID: PMC3116441"),
        ("eprint={1008.2849v1}, eprinttype={arxiv}", "arXiv:1008.2849v1"),
        ("eprint={1008.2849v1}, archiveprefix={arXiv}", "arXiv:1008.2849v1"),
        ("pmid={20724638}", "PMID: 20724638"),
        ("doi={https://doi.org/10.1126/science.1190287}", "doi:10.1126/science.1190287"),
    ],
)
def test_identifiers_from_eprints_and_fields(fields, expected):
    text = f"@article{{a, author={{A, B}}, title={{T}}, journal={{J}}, year={{2010}}, {fields}}}"
    assert ama(text, "a").endswith(expected)


def test_string_macros_concatenation_and_month_macros():
    """@string macros (bibtexparser's middleware), a # concatenation of a macro and a braced
    value (ours: bibtexparser 2 keeps it raw), and month macros (its MonthIntMiddleware)."""
    text = """@string{dtv = {Deutscher Taschenbuch-Verlag}}
@string{jchph = {J.~Chem. Phys.}}
@book{b, author = {Nietzsche, Friedrich}, title = {Werke},
  publisher = dtv # { and Walter de Gruyter}, year = 1988, langid = {german}}
@article{c, author = {Kastenholz, M. A.}, title = {Computation}, journal = jchph, year = 2006,
  month = feb, volume = 124}
@article{d, author = {A, B}, title = {T}, journal = {J}, year = 2006, month = {June}}
"""
    bib = parse_bibliography(text, "refs.bib")
    assert bib.problems == []
    assert format_text(bib["b"]) == (
        "Nietzsche F. Werke. Deutscher Taschenbuch-Verlag and Walter de Gruyter; 1988."
    )
    assert format_text(bib["c"]) == "Kastenholz MA. Computation. J.\u00a0Chem. Phys. 2006;124."
    assert to_text(VANCOUVER.reference_parts(bib["c"])) == (
        "Kastenholz MA. Computation. J.\u00a0Chem. Phys. 2006 Feb;124."
    )
    assert to_text(VANCOUVER.reference_parts(bib["d"])).endswith("J. 2006 Jun.")


def test_crossref_gives_a_chapter_its_books_fields():
    """biber's inheritance: the book's title becomes the chapter's booktitle; editor,
    publisher and date are copied; the child's own fields win."""
    text = """@incollection{part, author = {Westfahl, Gary}, title = {The True Frontier},
  pages = {55-65}, crossref = {book}}
@collection{book, editor = {Westfahl, Gary}, title = {Space and Beyond}, publisher = {Greenwood},
  location = {Westport, Conn.}, date = {2000}}
"""
    bib = parse_bibliography(text, "refs.bib")
    assert bib.problems == []
    assert format_text(bib["part"]) == (
        "Westfahl G. The true frontier. In: Westfahl G, ed. Space and Beyond. Greenwood; "
        "2000:55-65."
    )
    assert to_text(VANCOUVER.reference_parts(bib["part"])) == (
        "Westfahl G. The true frontier. In: Westfahl G, editor. Space and Beyond. Westport, "
        "Conn.: Greenwood; 2000. p. 55-65."
    )


def test_xdata_fields_are_taken_and_xdata_entries_are_not_references():
    text = """@xdata{gw, publisher = {Greenwood}, location = {Westport}}
@book{b, author = {A, B}, title = {Title}, date = {2000}, xdata = {gw}}
"""
    bib = parse_bibliography(text, "refs.bib")
    assert bib.keys() == ["b"]
    assert format_text(bib["b"]) == "A B. Title. Greenwood; 2000."


def test_a_missing_crossref_parent_is_a_warning_at_its_field():
    text = "@incollection{part, author={A, B}, title={T},\n  crossref={nowhere}}\n"
    bib = parse_bibliography(text, "refs.bib")
    assert (
        "refs.bib:2: entry 'part' takes fields from crossref 'nowhere', which is missing: add an "
        "entry with that key, or correct the crossref field"
    ) in [str(p) for p in bib.problems]


def test_a_crossref_cycle_ends():
    text = "@book{a, title={A}, crossref={b}}\n@book{b, title={B}, crossref={a}}\n"
    bib = parse_bibliography(text, "refs.bib")
    assert any("cycle" in p.message for p in bib.problems)


@pytest.mark.parametrize(
    ("entry", "expected_ama", "expected_vancouver"),
    [
        (
            "@online{w, organization = {World Health Organization}, title = {Depression},"
            " date = {2023-03-31}, url = {https://www.who.int/news-room/fact-sheets/detail/"
            "depression}, urldate = {2024-05-01}}",
            "World Health Organization. Depression. Published March 31, 2023. Accessed May 1, "
            "2024. https://www.who.int/news-room/fact-sheets/detail/depression",
            "World Health Organization. Depression [Internet]. 2023 Mar 31 [cited 2024 May 1]. "
            "Available from: https://www.who.int/news-room/fact-sheets/detail/depression",
        ),
        (
            "@thesis{t, author = {Autry, Anita E.}, title = {Ketamine and protein synthesis},"
            " type = {phdthesis}, institution = {University of Texas}, date = {2012}}",
            "Autry AE. Ketamine and Protein Synthesis. Doctoral dissertation. University of "
            "Texas; 2012.",
            "Autry AE. Ketamine and protein synthesis [Doctoral dissertation]. University of "
            "Texas; 2012.",
        ),
        (
            "@mastersthesis{m, author = {Doe, Jane}, title = {Ketamine in rats},"
            " school = {Yale University}, address = {New Haven}, year = {2015}}",
            "Doe J. Ketamine in Rats. Master's thesis. Yale University; 2015.",
            "Doe J. Ketamine in rats [Master's thesis]. New Haven: Yale University; 2015.",
        ),
        (
            "@techreport{r, institution = {World Health Organization}, title = {Depression"
            " and other common mental disorders}, number = {WHO/MSD/MER/2017.2},"
            " address = {Geneva}, year = {2017}}",
            "World Health Organization. Depression and Other Common Mental Disorders. World "
            "Health Organization; 2017.",
            "World Health Organization. Depression and other common mental disorders. Geneva: "
            "World Health Organization; 2017. Report WHO/MSD/MER/2017.2.",
        ),
        (
            "@inproceedings{p, author = {Smith, Anne}, title = {A talk on ketamine},"
            " booktitle = {Proceedings of the annual meeting}, editor = {Jones, Bob},"
            " publisher = {Society Press}, location = {Boston}, date = {2019}, pages = {5--9}}",
            "Smith A. A talk on ketamine. In: Jones B, ed. Proceedings of the Annual Meeting. "
            "Society Press; 2019:5-9.",
            "Smith A. A talk on ketamine. In: Jones B, editor. Proceedings of the annual "
            "meeting. Boston: Society Press; 2019. p. 5-9.",
        ),
        (
            "@book{e, editor = {Charney, Dennis S. and Nestler, Eric J.}, title = {Neurobiology"
            " of mental illness}, edition = {2}, publisher = {Oxford University Press},"
            " location = {Oxford}, date = {2004}}",
            "Charney DS, Nestler EJ, eds. Neurobiology of Mental Illness. 2nd ed. Oxford "
            "University Press; 2004.",
            "Charney DS, Nestler EJ, editors. Neurobiology of mental illness. 2nd ed. Oxford: "
            "Oxford University Press; 2004.",
        ),
    ],
)
def test_entry_types_in_both_styles(entry, expected_ama, expected_vancouver):
    """Corporate authors, theses, reports, conference papers and edited books."""
    key = entry.split("{", 1)[1].split(",", 1)[0]
    bib = parse_bibliography(entry, "refs.bib")
    assert bib.problems == []
    assert format_text(bib[key]) == expected_ama
    assert to_text(VANCOUVER.reference_parts(bib[key])) == expected_vancouver


def test_titles_not_in_english_keep_their_case():
    """AMA's case rules are English ones; biblatex also changes the case of English only."""
    text = (
        '@book{g, author = {von Brandt, A.}, title = {Die nordischen L{\\"a}nder von der Mitte},'
        " publisher = {Klett-Cotta}, year = {1987}, langid = {german}}"
    )
    assert ama(text, "g") == "von Brandt A. Die nordischen Länder von der Mitte. Klett-Cotta; 1987."


def test_a_set_renders_its_members():
    text = """@set{both, entryset = {a,b}}
@article{a, author = {A, B}, title = {First}, journal = {J}, year = {2001}, volume = {1}}
@article{b, author = {C, D}, title = {Second}, journal = {J}, year = {2002}, volume = {2}}
"""
    bib = parse_bibliography(text, "refs.bib")
    assert FormattedReferences(bib).get("both")[1] == (
        "A B. First. J. 2001;1. C D. Second. J. 2002;2."
    )


def test_check_accepts_a_valid_biblatex_entry():
    """references.py check must not call a Better BibLaTeX entry incomplete."""
    from ketamine_site.bibtools.lint import engine_problems

    assert engine_problems(BETTER_BIBLATEX, "refs.bib") == []
