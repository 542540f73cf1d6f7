"""`references.py check`: every check's exact message, with file and line, on small bad files."""

from __future__ import annotations

import pytest
from bibcases import GOOD, good_copy

from ketamine_site.bibtools.lint import check_text


def messages(text: str, cited: set[str] | None = None) -> list[str]:
    return [str(p) for p in check_text(text, "refs.bib", cited)]


def entry(key: str, fields: str, comment: str = "% seen: PubMed 1.") -> str:
    body = "\n".join(f"  {line.strip()}," for line in fields.strip().splitlines())
    return f"{comment}\n@article{{{key},\n{body}\n}}\n"


BASE = """author = {Good, Gail}
title = {Fine}
journal = {J Test}
year = {2001}
doi = {10.1000/good.2001}"""
BASE_WITHOUT_DOI = BASE.replace("\ndoi = {10.1000/good.2001}", "")


def test_good_entry_has_no_problems():
    """An entry with its comment, its fields and a conventional key passes."""
    assert messages(GOOD) == []


def test_duplicate_key_names_both_lines():
    """A second entry with the same key is reported at its line, naming the first."""
    assert messages(GOOD + "\n" + GOOD) == [
        "refs.bib:11: duplicate key 'good2001fine' (first defined at line 2): "
        "rename one entry or delete the copy"
    ]


def test_duplicate_field_is_reported():
    """The same field twice in one entry is an error, not a silent overwrite."""
    assert messages(entry("good2001fine", BASE + "\ntitle = {Again}")) == [
        "refs.bib:2: entry 'good2001fine' has the field title more than once: keep one"
    ]


def test_field_repeated_in_another_case_is_reported():
    """'Title' and 'title' are one field to the engine, so writing both is an error too."""
    assert messages(entry("good2001fine", BASE + "\nTitle = {Again}")) == [
        "refs.bib:2: entry 'good2001fine' has the field title more than once "
        "(as title and Title): keep one"
    ]


def test_missing_required_field_names_it():
    """An article without a journal is reported with what to add."""
    fields = BASE.replace("journal = {J Test}\n", "")
    assert messages(entry("good2001fine", fields)) == [
        "refs.bib:2: @article{good2001fine} lacks the required field journal (or journaltitle): "
        "add it from the public record (PubMed, the publisher)"
    ]


@pytest.mark.parametrize(
    ("field", "value", "hint"),
    [
        ("doi", "https://doi.org/10.1000/xyz",
         "a DOI looks like 10.1234/abc (no https://doi.org/ prefix)"),
        ("pmid", "PMID 123", "a PMID is digits only, e.g. 20724638"),
        ("pmcid", "3116441", "a PMCID looks like PMC3116441"),
    ],
)  # fmt: skip
def test_malformed_identifier_is_reported_with_the_expected_form(field, value, hint):
    """DOI, PMID and PMCID are checked against the engine's own patterns."""
    fields = "\n".join(line for line in BASE.splitlines() if not line.startswith(f"{field} ="))
    assert messages(entry("good2001fine", f"{fields}\n{field} = {{{value}}}")) == [
        f"refs.bib:2: entry 'good2001fine' has a malformed {field} '{value}': {hint}"
    ]


def test_malformed_year_is_reported_once():
    """A year with text after it is a format error; the key check then waits for a real year."""
    fields = BASE.replace("{2001}", "{2001 journal}")
    assert messages(entry("good2001fine", fields)) == [
        "refs.bib:2: entry 'good2001fine' has a malformed year '2001 journal': "
        "a year is four digits; more text after it often means a missing comma"
    ]


def test_same_doi_in_two_entries_is_reported_at_the_second_doi():
    """One DOI in two entries (in any case) is one work entered twice."""
    first = entry("good2001fine", BASE_WITHOUT_DOI + "\ndoi = {10.1000/abc}")
    second = entry("good2001again", BASE_WITHOUT_DOI + "\ndoi = {10.1000/ABC}")
    assert messages(first + "\n" + second) == [
        "refs.bib:16: entry 'good2001again' has the same DOI as 'good2001fine' (line 2): "
        "one work entered twice? keep one entry and cite its key everywhere"
    ]


@pytest.mark.parametrize(
    ("key", "suggestion"),
    [
        ("Good2001Fine", "good2001fine"),  # capitals
        ("good-2001-fine", "good2001fine"),  # other characters
        ("good2001", "good2001fine"),  # no word
        ("gail2001fine", "good2001fine"),  # given name instead of family name
        ("good2002fine", "good2001fine"),  # wrong year
        ("good2001_fine", "good2001fine"),  # underscore inside the word
    ],
)
def test_key_off_the_convention_gets_a_suggested_key(key, suggestion):
    """Keys are firstauthorYEARword; the message says which key to use instead."""
    (message,) = messages(entry(key, BASE))
    if key == key.lower() and "-" not in key:
        assert message == (
            f"refs.bib:2: key '{key}' does not follow firstauthorYEARword ('good2001' and a "
            f"word): rename it to '{suggestion}' and update the pages that cite it"
        )
    else:
        assert message == (
            f"refs.bib:2: key '{key}' has characters other than lowercase letters, digits and "
            f"underscores: rename it to '{suggestion}' and update the pages that cite it"
        )


@pytest.mark.parametrize(
    ("author", "key"),
    [
        ("van Rijnsoever, E. and Jonkman, K.", "rijnsoever2001fine"),  # lowercase particle dropped
        ("Van Nueten, Luc", "vannueten2001fine"),  # capitalised: part of the family name
        ('M{\\"u}ller, Hans', "muller2001fine"),  # accent decoded, then stripped
        ("D'Souza, Deepak Cyril", "dsouza2001fine"),  # apostrophe dropped
        ("Zarate, Jr., C. A.", "zarate2001fine"),  # Jr dropped
        ("Hans Gro{\\ss}", "gross2001fine"),  # "First Last" form; ß → ss
        ("{World Health Organization}", "worldhealthorganization2001fine"),  # corporate, whole
    ],
)
def test_family_name_rules_for_keys(author, key):
    """The documented rules for particles, accents, Jr and corporate authors are accepted."""
    assert messages(entry(key, BASE.replace("Good, Gail", author))) == []


def test_key_of_an_entry_without_author_needs_only_lowercase_characters():
    """A commentary without a known author keeps a descriptive key like mdedge_commentary."""
    misc = "% seen: the web page.\n@misc{mdedge_commentary,\n  title = {T},\n  url = {https://x.org},\n}\n"
    assert messages(misc) == []
    assert messages(misc.replace("mdedge_commentary", "MDEdge-Commentary")) == [
        "refs.bib:2: key 'MDEdge-Commentary' has characters other than lowercase letters, "
        "digits and underscores: rename it to 'mdedge_commentary' and update the pages that cite it"
    ]


def test_suggested_key_uses_the_first_title_word_that_is_not_a_small_word():
    """'The neurobiology of ...' suggests ...neurobiology; braces and case are ignored."""
    fields = BASE.replace("{Fine}", "{The {NMDA} receptor}")
    assert messages(entry("good2001", fields)) == [
        "refs.bib:2: key 'good2001' does not follow firstauthorYEARword ('good2001' and a word): "
        "rename it to 'good2001nmda' and update the pages that cite it"
    ]


MISSING_SEEN = (
    "entry 'good2001fine' has no '% seen:' comment right above it: add one naming the public "
    "record you checked (PubMed, PMC, the publisher), with no blank line between it and the entry"
)


@pytest.mark.parametrize(
    "comment",
    [
        "",  # no comment at all
        "% seen: PubMed 1.\n",  # separated from the entry by a blank line
        "% seen: PubMed 1.\n\n% Another paragraph.",  # not in the block right above
        "% Only a note.",  # a comment without the audit trail
    ],
)
def test_entry_without_audit_trail_comment_is_an_error(comment):
    """Each entry needs a '% seen:' line in the comment block touching it."""
    text = "% file header\n\n" + entry("good2001fine", BASE, comment=comment).lstrip("\n")
    line = text.splitlines().index("@article{good2001fine,") + 1
    assert messages(text) == [f"refs.bib:{line}: {MISSING_SEEN}"]


def test_secondary_comment_counts_as_audit_trail():
    """'% secondary:' (fields seen only in other papers' reference lists) is an audit trail too."""
    text = entry("good2001fine", BASE, comment="% ---- Section\n% secondary: a reference list.")
    assert messages(text) == []


def no_doi(key: str) -> str:
    return (
        f"article '{key}' has no doi: copy it from the record you checked (PubMed shows it "
        "under the title), as doi = {10.…}; if you could not verify one, say so above the "
        "entry: '% not verified, left out: DOI.'"
    )


def test_article_without_doi_is_an_error_at_its_entry():
    """A journal article needs its DOI; the message says where to find it and what to do."""
    text = GOOD + "\n" + entry("good2001other", BASE_WITHOUT_DOI.replace("{Fine}", "{Other}"))
    assert messages(text) == [f"refs.bib:11: {no_doi('good2001other')}"]


def test_article_whose_comment_says_the_doi_was_not_verified_passes():
    """'% not verified, left out: ... DOI.' in the comment block above excuses the missing DOI."""
    comment = "% seen: PubMed 1.\n% not verified, left out: issue, DOI."
    assert messages(entry("good2001fine", BASE_WITHOUT_DOI, comment=comment)) == []


@pytest.mark.parametrize(
    "comment",
    [
        "% seen: PubMed 1.\n% not verified, left out: issue.",  # the DOI is not named
        "% not verified, left out: DOI.\n\n% seen: PubMed 1.",  # not in the block right above
    ],
)
def test_not_verified_note_must_name_the_doi_right_above_the_entry(comment):
    """Only a note naming the DOI, in the comment paragraph touching the entry, counts."""
    text = entry("good2001fine", BASE_WITHOUT_DOI, comment=comment)
    line = text.splitlines().index("@article{good2001fine,") + 1
    assert messages(text) == [f"refs.bib:{line}: {no_doi('good2001fine')}"]


def test_book_without_doi_is_fine():
    """Only journal articles need a DOI; a book without one passes."""
    book = (
        "% seen: the publisher's page.\n@book{good2001fine,\n  author = {Good, Gail},\n"
        "  title = {Fine},\n  publisher = {Test Press},\n  year = {2001},\n}\n"
    )
    assert messages(book) == []


def test_unclosed_field_brace_is_reported_at_its_own_line():
    """The brace that is never closed is named, not only the entry that failed."""
    text = GOOD.replace("{Fine}", "{Fine {NMDA}") + "\n" + good_copy("good2001two")
    # Once, where the brace is still open: the engine's own report of it is this one's repeat.
    assert messages(text) == [
        "refs.bib:4: unbalanced braces in '@article{good2001fine': the '{' on this line is still "
        "open where the field 'journal' starts (line 5): add the matching '}'"
    ]


def test_entry_without_closing_brace_is_reported_at_the_entry():
    """An entry whose final '}' is missing is named, with where the next one starts."""
    text = GOOD.replace("\n}\n", "\n") + "\n" + good_copy("good2001two")
    assert messages(text)[1:] == [
        "refs.bib:2: '@article{good2001fine' has no closing '}' before line 10: "
        "add it after its last field"
    ]


def test_unclosed_brace_at_the_end_of_the_file():
    """The last entry's missing brace is reported too, at the brace that is left open."""
    assert messages(GOOD.replace("{Fine}", "{Fine")) == [
        "refs.bib:4: unbalanced braces in '@article{good2001fine': the '{' on this line is still "
        "open where the field 'journal' starts (line 5): add the matching '}'"
    ]
    text = GOOD.replace("},\n}", "},\n  note = {open\n}")
    assert messages(text) == [
        "refs.bib:8: unbalanced braces in '@article{good2001fine': the '{' on this line is still "
        "open at the entry's last line (line 9): add the matching '}'"
    ]


def test_balanced_entry_with_a_value_left_open_is_reported():
    """A value brace closed only later swallows the next fields even though the count balances."""
    text = GOOD.replace("{Fine},", "{Fine,").replace("{2001},", "{2001}},")
    assert messages(text) == [
        "refs.bib:2: @article{good2001fine} lacks the required field journal (or journaltitle): "
        "add it from the public record (PubMed, the publisher)",
        "refs.bib:2: @article{good2001fine} lacks the required field year (or date): "
        "add it from the public record (PubMed, the publisher)",
        "refs.bib:4: unbalanced braces in '@article{good2001fine': the '{' on this line is still "
        "open where the field 'journal' starts (line 5): add the matching '}'",
    ]


def test_extra_closing_brace_is_reported_where_it_ends_the_entry():
    """An extra '}' ends the entry early; what follows is outside it and the line is named."""
    text = GOOD.replace("{Fine},", "{Fine}},")
    assert messages(text) == [
        "refs.bib:2: @article{good2001fine} lacks the required field journal (or journaltitle): "
        "add it from the public record (PubMed, the publisher)",
        "refs.bib:2: @article{good2001fine} lacks the required field year (or date): "
        "add it from the public record (PubMed, the publisher)",
        f"refs.bib:2: {no_doi('good2001fine')}",
        "refs.bib:4: ',' is outside any entry: the '}' on line 4 ended '@article{good2001fine' "
        "early; remove the extra '}' (or start the line with % if it is a note)",
    ]


def test_text_outside_entries_must_be_a_comment():
    """Outside entries only % comment lines are expected."""
    assert messages("A note without a percent sign.\n\n" + GOOD) == [
        "refs.bib:1: 'A note without a percent sign.' is outside any entry: start comment "
        "lines with %, or move the text into an entry"
    ]


def test_uncited_entry_is_a_warning():
    """Entries that no page cites are warnings; cited ones are not mentioned."""
    text = GOOD + "\n" + good_copy("good2001other")
    problems = check_text(text, "refs.bib", cited={"good2001fine"})
    assert [(p.severity, str(p)) for p in problems] == [
        (
            "warning",
            "refs.bib:11: entry 'good2001other' is not cited on any page: cite it with "
            "[@good2001other], or delete it if no page needs it",
        )
    ]


def test_every_problem_is_reported_at_once_in_file_order():
    """One run lists all problems, sorted by line, not just the first."""
    text = (
        entry("Bad2001Fine", BASE + "\npmid = {x1}")
        + "\n"
        + entry(
            "good2001fine",
            BASE.replace("journal = {J Test}\n", "").replace("good.2001", "good.2001b"),
            comment="% note",
        )
    )
    assert messages(text) == [
        "refs.bib:2: key 'Bad2001Fine' has characters other than lowercase letters, digits and "
        "underscores: rename it to 'good2001fine' and update the pages that cite it",
        "refs.bib:8: entry 'Bad2001Fine' has a malformed pmid 'x1': "
        "a PMID is up to nine digits, e.g. 20724638 (left out of the reference and the page's "
        "metadata)",
        "refs.bib:12: @article{good2001fine} lacks the required field journal (or journaltitle): "
        "add it from the public record (PubMed, the publisher)",
        f"refs.bib:12: {MISSING_SEEN}",
    ]


def test_prose_with_an_equals_sign_inside_a_value_is_not_a_field():
    """A two-line value whose second line reads 'n = 12 ...' is not mistaken for a new field."""
    text = GOOD.replace("{Fine},", "{Fine\n    n = 12 patients)},")
    assert messages(text) == []


def test_braces_in_comments_strings_and_preambles_are_fine():
    """Only unbalanced braces count; % comment lines outside entries are not scanned for them."""
    text = (
        "% a stray { in a comment line\n"
        "@string{jt = {J {T}est}}\n"
        '@preamble{ "\\newcommand{\\noopsort}[1]{}" }\n'
        "@comment{ a {braced} comment }\n" + GOOD
    )
    assert messages(text) == []


def test_parenthesised_entry_without_its_closing_parenthesis():
    """@article( ... ) entries are followed too."""
    text = GOOD.replace("@article{good2001fine,", "@article(good2001fine,").replace("\n}\n", "\n")
    text += "\n" + good_copy("good2001two")
    assert messages(text)[1:] == [
        "refs.bib:2: '@article(good2001fine' has no closing ')' before line 10: "
        "add it after its last field"
    ]


@pytest.mark.parametrize("year", ["{2001}", "2001"])
def test_missing_comma_between_fields_is_reported_at_the_field(year):
    """bibtexparser would read 'journal = ...' into the year: the check names the year line."""
    text = entry("good2001fine", BASE.replace("year = {2001}", "journal = {J Test}")).replace(
        "  journal = {J Test},\n  journal = {J Test},", f"  year = {year}\n  journal = {{J Test}},"
    )
    assert messages(text) == [
        "refs.bib:5: entry 'good2001fine': missing comma after field 'year'? Its value runs on "
        "into 'journal =' on the next line: end the year line with a comma"
    ]
