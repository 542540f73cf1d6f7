"""A .bib file → records, and every way a bibliography can be unusable, with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmark import make_bibliography

from mkdocs_citations.engine import (
    BibliographyError,
    bibliography,
    bibtexreader,
    load_bibliography,
    parse_bibliography,
)

GOOD = """@article{good2001entry,
  author = {Good, Gail},
  title = {Fine},
  journal = {J Test},
  year = {2001}
}
"""


def messages(text: str) -> list[str]:
    """Every problem, fatal (raised) or not (kept on the bibliography), as ``file:line: ...``."""
    try:
        problems = parse_bibliography(text, "refs.bib").problems
    except BibliographyError as error:
        problems = error.problems + error.others
    return [str(p) for p in sorted(problems, key=lambda p: p.line or 0)]


def fatal(text: str) -> list[str]:
    with pytest.raises(BibliographyError) as caught:
        parse_bibliography(text, "refs.bib")
    return [str(p) for p in caught.value.problems]


def test_valid_file_gives_records_in_file_order():
    """Records keep their key, lowercase type, raw field values and 1-based line."""
    bib = parse_bibliography(
        "% a comment\n" + GOOD + "\n@misc{web, title={T}, url={https://x.org}}"
    )
    assert bib.keys() == ["good2001entry", "web"]
    record = bib["good2001entry"]
    assert (record.entry_type, record.line, record.get("title")) == ("article", 2, "Fine")
    assert bib["web"].line == 9


def test_duplicate_key_names_both_lines():
    """A second entry with the same key is an error naming where the first one is."""
    assert messages(GOOD + GOOD.replace("Fine", "Other")) == [
        "refs.bib:7: duplicate key 'good2001entry' (first defined at line 1): "
        "rename one entry or delete the copy"
    ]


def test_duplicate_field_is_an_error():
    """The same field twice in one entry is an error, not a silent overwrite."""
    text = GOOD.replace("  year = {2001}", "  year = {2001},\n  title = {Again}")
    assert messages(text) == [
        "refs.bib:1: entry 'good2001entry' has the field title more than once: keep one"
    ]


def test_unparsable_entry_is_reported_with_its_line():
    """An unbalanced brace stops the build with the entry's line and a hint."""
    text = (
        GOOD + "\n@article{broken, title = {unbalanced\n\n" + GOOD.replace("good2001entry", "after")
    )
    (message,) = messages(text)
    assert message == (
        "refs.bib:8: entry 'broken': the value of 'title' opens a brace that is never closed, "
        "so it runs on into the fields after it: close the brace in this field"
    )


def test_an_unparsable_entry_without_an_open_field_keeps_the_general_hint():
    text = GOOD + '\n@article{broken, title = "unbalanced\n\n' + GOOD.replace("good2001entry", "x")
    (message,) = messages(text)
    assert message.startswith("refs.bib:8: cannot parse the entry starting '@article{broken")
    assert message.endswith(
        "(check for an unbalanced brace or quote, or a missing comma between fields)"
    )


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("author", "author"),
        ("title", "title"),
        ("journal", "journal (or journaltitle)"),
        ("year", "year (or date)"),
    ],
)
def test_article_lacking_a_required_field(field, expected):
    """An article needs author, title, journal and year."""
    text = "\n".join(line for line in GOOD.splitlines() if not line.strip().startswith(field))
    assert messages(text) == [
        f"refs.bib:1: @article{{good2001entry}} lacks the required field {expected}: "
        "add it from the public record (PubMed, the publisher)"
    ]


def test_book_needs_author_or_editor():
    """Alternatives are named together."""
    assert messages("@book{b, title={T}, publisher={P}, year={2000}}") == [
        "refs.bib:1: @book{b} lacks the required field author or editor: "
        "add it from the public record (PubMed, the publisher)"
    ]


LEFT_OUT = " (left out of the reference and the page's metadata)"


@pytest.mark.parametrize(
    ("field", "value", "hint", "line"),
    [
        ("doi", "10.1000/has space", "a DOI looks like 10.1234/abc, or "
         "https://doi.org/10.1234/abc" + LEFT_OUT, 6),
        ("pmid", "PMID12345", "a PMID is up to nine digits, e.g. 20724638" + LEFT_OUT, 6),
        ("pmcid", "PMC 31x", "a PMCID looks like PMC3116441" + LEFT_OUT, 6),
        ("year", "2001 volume = {3}",
         "a year is four digits; more text after it often means a missing comma", 1),
    ],
)  # fmt: skip
def test_malformed_identifiers(field, value, hint, line):
    """DOI, PMID, PMCID and year must be well formed; an identifier is reported on its line."""
    text = GOOD.replace("  year = {2001}", f"  year = {{2001}},\n  {field} = {{{value}}}")
    if field == "year":
        text = GOOD.replace("year = {2001}", f"year = {{{value}}}")
    assert messages(text) == [
        f"refs.bib:{line}: entry 'good2001entry' has a malformed {field} '{value}': {hint}"
    ]


@pytest.mark.parametrize(
    ("field", "value", "bare"),
    [("doi", "https://doi.org/10.1000/x", "10.1000/x"), ("pmcid", "3116441", "PMC3116441")],
)
def test_identifiers_in_an_exporters_form_are_read_bare(field, value, bare):
    text = GOOD.replace("  year = {2001}", f"  year = {{2001}},\n  {field} = {{{value}}}")
    bib = parse_bibliography(text, "refs.bib")
    assert bib.problems == []
    assert bib["good2001entry"].get(field) == bare


def test_all_problems_reported_at_once():
    """A maintainer sees every problem in one run, not one per build."""
    text = GOOD + GOOD + "@article{x, title={T}}\n"
    found = messages(text)
    assert [m.split(":")[1] for m in found] == ["7", "13", "13", "13"]
    assert "duplicate key" in found[0]
    assert [m.split("required field ")[1].split(":")[0] for m in found[1:]] == [
        "author",
        "journal (or journaltitle)",
        "year (or date)",
    ]


def test_missing_file_is_a_clear_error(tmp_path):
    """A missing bibliography is named, not a traceback."""
    with pytest.raises(BibliographyError, match="bibliography file not found"):
        load_bibliography(tmp_path / "nope.bib")


def test_project_bibliography_is_valid():
    """The site's own references.bib passes every check."""
    bib = load_bibliography(Path(__file__).resolve().parents[2] / "references.bib")
    assert len(bib) > 0


# ---- A missing comma between fields ---------------------------------------------------------

MISSING_COMMA = """@article{li2010mtor,
  author = {Li, N},
  title = {Synapse formation},
  journal = {Science},
  year = {2010},
  volume = VOLUME
  number = {5994},
  pages = {959--964},
}
"""


@pytest.mark.parametrize("volume", ["{329}", "329", '"329"'])
def test_missing_comma_between_fields_is_an_error_at_the_field(volume):
    """bibtexparser reads the next field into the value; the build names the field and line."""
    assert messages(MISSING_COMMA.replace("VOLUME", volume)) == [
        "refs.bib:6: entry 'li2010mtor': missing comma after field 'volume'? Its value runs on "
        "into 'number =' on the next line: end the volume line with a comma"
    ]


def test_missing_comma_is_reported_in_a_file_that_needs_the_full_parser():
    """The same message when the file is not in the plain form (a quoted value elsewhere)."""
    text = MISSING_COMMA.replace("VOLUME", "{329}").replace("{Science}", '"Science"')
    assert messages(text) == [
        "refs.bib:6: entry 'li2010mtor': missing comma after field 'volume'? Its value runs on "
        "into 'number =' on the next line: end the volume line with a comma"
    ]


def test_a_line_like_a_field_inside_braces_is_prose():
    """'n = 12' on its own line inside one pair of braces is part of the value."""
    text = GOOD.replace("{Fine}", "{Fine\n    n = 12 patients)}")
    assert parse_bibliography(text)["good2001entry"].get("title") == "Fine\n    n = 12 patients)"


# ---- The plain form is read without bibtexparser, with the same result ------------------------

ROOT = Path(__file__).resolve().parents[2]


def full_parser_records(text: str) -> list[tuple]:
    problems: list = []
    records = bibtexreader.read(text, "refs.bib", problems)
    assert problems == []
    return [as_tuple(r) for r in records]


def as_tuple(record) -> tuple:
    return (
        record.key,
        record.entry_type,
        dict(record.fields),
        record.line,
        dict(record.field_lines),
        record.enclosed,
    )


PLAIN_TEXTS = {
    "good": GOOD,
    "comments and blank lines": "% a comment\n\n" + GOOD + "\n% another\n\n"
    "@Misc{web,\n  Title = {T},\n  url={https://x.org}}\n",
    "numbers and trailing comma": "@book{b, title = {T}, year = 2001, publisher = {P},}",
    "deep braces": '@article{d,\n  title = {A {B {C {D} C} B} A},\n  author = {M{\\"u}ller, J},\n'
    "  journal = {J}, year = {2001}}\n",
    "value over lines": "@article{m,\n  title = {One\n    two},\n  note = {x = 1\n  y},\n}\n",
    "synthetic": "\n".join(e.bibtex for e in make_bibliography(200, seed=3)),
}


@pytest.mark.parametrize("name", [*PLAIN_TEXTS, "project", "golden"])
def test_plain_form_reads_as_bibtexparser_reads_it(name):
    """Same keys, types, values, lines and enclosings as bibtexparser's reading."""
    paths = {"project": ROOT / "references.bib", "golden": ROOT / "tests/engine/golden/golden.bib"}
    text = PLAIN_TEXTS[name] if name in PLAIN_TEXTS else paths[name].read_text(encoding="utf-8")
    plain = bibliography._read_plain(text)
    assert plain is not None, "expected the plain form"
    assert [as_tuple(r) for r in plain] == full_parser_records(text)


@pytest.mark.parametrize(
    "text",
    [
        "@string{jn = {J Test}}\n@article{a, title = {T}, journal = jn}",
        '@article{a, title = "Quoted"}',
        "@article{a, title = {A} # {B}}",
        "@article{a, title = {T}, month = jan}",
        "@article{a, title = {T}, title = {U}}",
        "@article{a, title = {T}, Title = {U}}",
        "@article{a, title = {T}}\n@article{a, title = {U}}",
        "@article{a, note = {mail x@y.org}}",
        "@comment{x}\n@article{a, title = {T}}",
        "@article(a, title = {T})",
        "@article{a, title = {\\{ escaped}}",
        "@article{a, title = {T}",
        "@article{a, title = {T} note = {N}}",
        "@article{a}",
        "see @article{a, title = {T}} and x@y",
    ],
)
def test_anything_else_goes_to_bibtexparser(text):
    """Outside the plain form the whole file is read by bibtexparser, whose messages count."""
    assert bibliography._read_plain(text) is None


def test_both_readings_give_the_same_bibliography_for_a_file_with_a_string():
    """A file that needs bibtexparser still gives records with lines and enclosings."""
    text = '@string{jn = {J Test}}\n\n@misc{a2001b,\n  title = "T",\n  journal = jn,\n}\n'
    record = parse_bibliography(text.replace("journal", "url = {https://x.org},\n  journal"))[
        "a2001b"
    ]
    assert (record.get("journal"), record.line, record.field_lines["journal"]) == ("J Test", 3, 6)
    assert sorted(record.enclosed) == ["journal", "title", "url"]  # jn is {J Test}
