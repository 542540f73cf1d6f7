"""Text from real bibliographies that used to reach readers wrong: case that carries meaning,
LaTeX the decoder could not read, and name forms that exporters write (issue 21).

Each input is a minimal case written for this file, in the pattern the exporters write.
"""

from __future__ import annotations

import pytest

from ketamine_site.metadata import downloads, fields, highwire, jsonld
from mkdocs_citations.engine import ama, parse_bibliography
from mkdocs_citations.engine.fields import sentence_case, title_case
from mkdocs_citations.engine.latex import to_unicode
from mkdocs_citations.engine.names import format_authors, format_name
from mkdocs_citations.engine.parts import to_text
from mkdocs_citations.engine.style import VANCOUVER


def format_text(record) -> str:
    """A record's AMA reference as plain text."""
    return to_text(ama.reference_parts(record))


# ---- Case ----------------------------------------------------------------------------------


def _citeproc_case(title: str, text_case: str) -> str:
    """citeproc-py's own case change ("sentence" or "title") of a BibTeX title, braces read as
    its BibTeX source reads them (a braced group keeps its case)."""
    from citeproc.model import TextCased
    from citeproc.source.bibtex.bibtex import BibTeX

    class Cased(TextCased):
        def get(self, name, default=None):
            return text_case

    source = BibTeX.__new__(BibTeX)  # only its string parser is used: no file to read
    source.preamble_macros = {}
    return str(Cased().case(source._parse_string(title), "en"))


# Titles whose braces hold whole words, and no word that citeproc-py's rules get wrong (it
# lowercases mTOR and p53): there citeproc-py is the oracle.
CITEPROC_TITLES = [
    "Synaptic Dysfunction in Depression: Potential Therapeutic Targets",
    "Role of Neuronal {VEGF} Signaling in the Prefrontal Cortex",
    "NMDA Receptor Blockade at Rest Triggers Rapid Behavioural Antidepressant Responses",
    "Type I Error and Vitamin D in BDNF Studies",
    "{iPhone} Apps for Mood Tracking",
    "{Alzheimer} Disease and the {NMDA} Receptor",
]


@pytest.mark.parametrize("title", CITEPROC_TITLES)
def test_sentence_case_matches_citeproc(title):
    """Where citeproc-py's sentence case is right, ours is the same."""
    assert sentence_case(title) == _citeproc_case(title, "sentence")


@pytest.mark.parametrize("title", CITEPROC_TITLES)
def test_title_case_matches_citeproc(title):
    """Where citeproc-py's title case (AMA's for books and containers) is right, ours agrees."""
    assert title_case(title) == _citeproc_case(title, "title")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # JabRef's "protect capitals": a brace around the first letter only.
        ("Ecology and Power: {S}truggles over Land", "Ecology and power: Struggles over land"),
        ("A {D}ifferent {W}orld", "A Different World"),
        # Case that carries meaning, unbraced, as Zotero exports it.
        ("mTOR-Dependent Synapse Formation", "mTOR-dependent synapse formation"),
        ("p53 Mutations in Tumours", "p53 mutations in tumours"),
        ("5 nm Gate Oxides", "5 nm gate oxides"),
        ("GluN2B Subunits and the iPhone", "GluN2B subunits and the iPhone"),
        ("iPhone Use and Sleep", "iPhone use and sleep"),
        ("Gamma Waves at 40 Hz After Ketamine", "Gamma waves at 40 Hz after ketamine"),
        ("eIF4E Phosphorylation", "eIF4E phosphorylation"),
    ],
)
def test_sentence_case_keeps_case_that_carries_meaning(title, expected):
    """Braced letters, words with an inner capital or a digit, and units keep their case; the
    first letter is capitalised only where that breaks no such word."""
    assert sentence_case(title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Ecology and Power: {S}truggles over Land", "Ecology and Power: Struggles over Land"),
        ("a {D}ifferent {W}orld", "A Different World"),
        ("p53 mutations and 5 nm gate oxides", "p53 Mutations and 5 nm Gate Oxides"),
        ("signalling at 40 Hz", "Signalling at 40 Hz"),
    ],
)
def test_title_case_keeps_braced_letters_and_measured_words(title, expected):
    """A brace around a word's first letter does not make the rest a new word."""
    assert title_case(title) == expected


def test_chapter_booktitle_with_protected_capitals_renders_right():
    """The booktitle of a chapter, in AMA's title case, as JabRef writes it."""
    bib = parse_bibliography(
        "@incollection{c, author = {Doe, Jane}, title = {Land}, booktitle = {Ecology and Power:"
        " {S}truggles over Land}, publisher = {Pub}, year = {2012}}",
        "c.bib",
    )
    assert "Ecology and Power: Struggles over Land." in format_text(bib["c"])


# ---- LaTeX ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        # Math in \( \) with \mbox: a superscript, as the module writes them (Ca²⁺, x²).
        (r"Radix-2\({}^{\mbox{k}}\) FFT", "Radix-2ᵏ FFT"),
        (r"\(O(n^{\mbox{2}})\) time", "O(n²) time"),
        # An exporter that escaped an accent's backslash: the accent the writer meant.
        (r"Garc\textbackslash{}'ia", "García"),
        (r"(1\textbackslash{}times1)", "(1×1)"),
        # A backslash that escapes nothing the decoder knows stays a backslash.
        (r"The \textbackslash{}section Command", r"The \section Command"),
        # Escaped dollars are dollars; only math delimiters go.
        (r"Costs of 100\% and \$5 drugs", "Costs of 100% and $5 drugs"),
        (r"\$5 and $\alpha$", "$5 and α"),
    ],
)
def test_latex_leaves_no_command_or_brace(latex, text):
    """What the decoder cannot turn into text is dropped cleanly, never half-decoded."""
    assert to_unicode(latex) == text


# ---- Names ---------------------------------------------------------------------------------

EXTENDED = "family=Heuvel, given=Charles, prefix=van den, useprefix=false"


@pytest.mark.parametrize(
    ("raw", "ama"),
    [
        (EXTENDED, "van den Heuvel C"),
        ("family={Smith Jones}, given={Anne Marie}", "Smith Jones AM"),
        ("given=Jos{\\\"e}, family=Garc{\\'i}a, suffix=Jr.", "García J Jr"),
        ("Fulton, James E., Jr.", "Fulton JE Jr"),
        ("Fulton, James E., III", "Fulton JE III"),
        ("Fulton, Jr., James E.", "Fulton JE Jr"),
        ("James E. Fulton Jr.", "Fulton JE Jr"),
        ("Fulton Jr., James E.", "Fulton JE Jr"),
        ('M{\\"u}ller, Hans, Sr.', "Müller H Sr"),
    ],
)
def test_name_forms_in_ama(raw, ama):
    """biblatex's extended name format and suffixes written after the given name."""
    assert format_name(raw) == ama


def test_suffix_in_vancouver():
    """Citing Medicine, like AMA, puts the suffix after the initials."""
    bib = parse_bibliography(
        "@article{f, author = {Fulton, James E., Jr. and family=Heuvel, given=Charles, "
        "prefix=van den, useprefix=false}, title = {T}, journal = {J}, year = {2001}}",
        "f.bib",
    )
    text = "".join(part.text for part in VANCOUVER.reference_parts(bib["f"]))
    assert text.startswith("Fulton JE Jr, van den Heuvel C. T.")


@pytest.mark.parametrize(
    "author",
    [
        "Doe, John and",
        "and Doe, John",
        "{Doe, John and}",
        "Doe, John and and Roe, Richard",
        "Doe, John, Jr., X",
        "given=John",
    ],
)
def test_author_list_that_cannot_be_read_is_warned(author):
    """A dangling "and", an empty name or too many commas: a warning naming entry and line."""
    bib = parse_bibliography(
        f"@article{{d,\n  title = {{T}},\n  author = {{{author}}},\n  journal = {{J}},\n"
        "  year = {2001},\n}",
        "d.bib",
    )
    messages = [str(p) for p in bib.problems]
    assert len(messages) == 1, messages
    assert messages[0].startswith("d.bib:3: entry 'd': the author list")
    assert "Doe JA" not in format_text(bib["d"])


def test_a_dangling_and_names_nobody():
    """The names that are there are read; the dangling "and" adds no one."""
    assert format_authors("Doe, John and") == "Doe J"
    assert format_authors("and Doe, John") == "Doe J"


def test_readable_author_lists_are_not_warned():
    bib = parse_bibliography(
        "@article{ok, title = {T}, journal = {J}, year = {2001}, author = {Doe, John and "
        "{Barnes and Noble} and family=Heuvel, given=C. and Fulton, James, Jr. and others}}",
        "ok.bib",
    )
    assert bib.problems == []


# ---- The same text in page metadata and downloads --------------------------------------------

METADATA_BIB = r"""
@article{m,
  author  = {family=Heuvel, given=Charles, prefix=van den, useprefix=false and
             Fulton, James E., Jr.},
  title   = {Radix-2\({}^{\mbox{k}}\) for Garc\textbackslash{}'ia at \$5},
  journal = {J},
  year    = {2001},
}
"""


def test_metadata_and_downloads_get_the_same_clean_text():
    """Highwire tags, JSON-LD and the RIS file: the person and the title, no LaTeX left."""
    record = parse_bibliography(METADATA_BIB, "m.bib")["m"]
    people = [p.inverted() for p in fields.people(record.get("author"))]
    assert people == ["van den Heuvel, Charles", "Fulton, James E., Jr."]
    title = "Radix-2ᵏ for García at $5"
    pairs = highwire.reference_pairs(record)
    assert ("citation_title", title) in pairs
    assert [value for name, value in pairs if name == "citation_author"] == people
    work = jsonld.work(record)
    assert work["name"] == title
    assert [a["name"] for a in work["author"]] == ["Charles van den Heuvel", "James E. Fulton Jr."]
    (ris,) = downloads.read_ris(downloads.ris([record]))
    assert ris["title"] == title
    assert ris["authors"] == people
    texts = [value for _, value in pairs] + _strings(work) + [downloads.ris([record])]
    for text in texts:
        assert not any(char in text for char in "{}\\"), text


def _strings(value) -> list[str]:
    """Every string in a JSON-like value."""
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value
    return [text for item in items for text in _strings(item)]
