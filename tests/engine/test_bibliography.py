"""A .bib file → records, and every way a bibliography can be unusable, with file and line."""

from __future__ import annotations

import pytest

from citations import BibliographyError, load_bibliography, parse_bibliography

GOOD = """@article{good2001entry,
  author = {Good, Gail},
  title = {Fine},
  journal = {J Test},
  year = {2001}
}
"""


def messages(text: str) -> list[str]:
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
    assert message.startswith(
        "refs.bib:8: cannot parse the entry starting '@article{broken, title = {unbalanced'"
    )
    assert message.endswith(
        "(check for an unbalanced brace or quote, or a missing comma between fields)"
    )


@pytest.mark.parametrize(
    ("field", "expected"),
    [("author", "author"), ("title", "title"), ("journal", "journal"), ("year", "year")],
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


@pytest.mark.parametrize(
    ("field", "value", "hint"),
    [
        (
            "doi",
            "https://doi.org/10.1000/x",
            "a DOI looks like 10.1234/abc (no https://doi.org/ prefix)",
        ),
        ("doi", "10.1000/has space", "a DOI looks like 10.1234/abc (no https://doi.org/ prefix)"),
        ("pmid", "PMID12345", "a PMID is digits only, e.g. 20724638"),
        ("pmcid", "3116441", "a PMCID looks like PMC3116441"),
        (
            "year",
            "2001 volume = {3}",
            "a year is four digits; more text after it often means a missing comma",
        ),
    ],
)
def test_malformed_identifiers(field, value, hint):
    """DOI, PMID, PMCID and year must be well formed."""
    text = GOOD.replace("  year = {2001}", f"  year = {{2001}},\n  {field} = {{{value}}}")
    if field == "year":
        text = GOOD.replace("year = {2001}", f"year = {{{value}}}")
    assert messages(text) == [
        f"refs.bib:1: entry 'good2001entry' has a malformed {field} '{value}': {hint}"
    ]


def test_all_problems_reported_at_once():
    """A maintainer sees every problem in one run, not one per build."""
    text = GOOD + GOOD + "@article{x, title={T}}\n"
    found = messages(text)
    assert [m.split(":")[1] for m in found] == ["7", "13", "13", "13"]
    assert "duplicate key" in found[0]
    assert [m.split("required field ")[1].split(":")[0] for m in found[1:]] == [
        "author",
        "journal",
        "year",
    ]


def test_missing_file_is_a_clear_error(tmp_path):
    """A missing bibliography is named, not a traceback."""
    with pytest.raises(BibliographyError, match="bibliography file not found"):
        load_bibliography(tmp_path / "nope.bib")


def test_project_bibliography_is_valid():
    """The site's own references.bib passes every check."""
    from pathlib import Path

    bib = load_bibliography(Path(__file__).resolve().parents[2] / "references.bib")
    assert len(bib) > 0
