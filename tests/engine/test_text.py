"""LaTeX → Unicode, names → AMA author lists, and AMA sentence case."""

from __future__ import annotations

import itertools

import pytest

from mkdocs_citations.engine import names, textcase
from mkdocs_citations.engine.ama import sentence_case
from mkdocs_citations.engine.latex import to_unicode
from mkdocs_citations.engine.names import format_authors, format_name


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"M{\"u}ller", "Müller"),
        (r"G\"odel", "Gödel"),
        (r"Fran\c{c}ois", "François"),
        (r"{\'E}mile", "Émile"),
        (r"\'{e}t\'{e}", "été"),
        (r"Dvo\v{r}\'ak", "Dvořák"),
        (r"Sk{\l}odowska", "Skłodowska"),
        (r"{\o}stergaard", "østergaard"),
        (r"Pharmacology \& Therapeutics", "Pharmacology & Therapeutics"),
        ("pages 12--34", "pages 12–34"),
        ("a---b", "a—b"),
        ("Part~2", "Part\u00a02"),
        (r"\emph{in vivo}", "in vivo"),
        (r"{BDNF} and {VEGF}", "BDNF and VEGF"),
        (r"50\% of", "50% of"),
        (r"$\alpha$-amino", "α-amino"),
    ],
)
def test_latex_becomes_unicode(latex, text):
    """Accents, escapes, dashes and braces decode to plain Unicode."""
    assert to_unicode(latex) == text


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        # The defects: the command's name used to reach the reader.
        (r"Ca\textsuperscript{2+} influx", "Ca²⁺ influx"),
        (r"see \url{https://example.org/a_b%20c~d}", "see https://example.org/a_b%20c~d"),
        (r"H\textsubscript{2}O", "H₂O"),
        (r"the 5\textsuperscript{th} edition", "the 5ᵗʰ edition"),
        (r"$\alpha_2$-adrenergic", "α₂-adrenergic"),
        (r"$x^{2}$ and $\mathrm{CO}_2$", "x² and CO₂"),
        (r"\mkbibquote{Quoted} and \mkbibemph{emphasised}", "“Quoted” and emphasised"),
        (r"\textit{In vivo} \& \textbf{in vitro}", "In vivo & in vitro"),
        (r"\href{https://example.org}{the site}", "the site"),
        (r"The \LaTeX{} Companion, \TeX\ book", "The LaTeX Companion, TeX book"),
        (r"Ca\textsuperscript{2+} and {\"O}zkal \'e", "Ca²⁺ and Özkal é"),
        (r"\unknowncommand{Kept text}", "Kept text"),
        (r"10\textsuperscript{\(\mu\)}", "10μ"),  # no superscript μ in Unicode: left on the line
    ],
)
def test_latex_beyond_the_fast_path_reaches_no_reader(latex, text):
    """Commands the fast decoder does not know go to pylatexenc; no name or brace is left."""
    assert to_unicode(latex) == text


def test_a_superscript_keeps_the_case_of_what_follows_in_a_title():
    """Text around a pylatexenc-decoded command keeps its braces' case protection."""
    assert sentence_case(r"{Ca}\textsuperscript{2+} Signalling in {BDNF} Neurons") == (
        "Ca²⁺ signalling in BDNF neurons"
    )


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "Synaptic Dysfunction in Depression: Potential Therapeutic Targets",
            "Synaptic dysfunction in depression: potential therapeutic targets",
        ),
        ("{mTOR}-Dependent Synapse Formation", "mTOR-dependent synapse formation"),
        ("Role of Neuronal {VEGF} Signaling", "Role of neuronal VEGF signaling"),
        ("NMDAR Inhibition and {Alzheimer} Disease", "NMDAR inhibition and Alzheimer disease"),
        ("Is it glutamate? Yes", "Is it glutamate? yes"),
        ("{de novo} Synthesis", "de novo synthesis"),
    ],
)
def test_sentence_case_keeps_braces_and_acronyms(title, expected):
    """AMA titles are in sentence case; braced text and acronyms keep their case."""
    assert sentence_case(title) == expected


@pytest.mark.parametrize(
    ("raw", "ama"),
    [
        ("Duman, Ronald S.", "Duman RS"),
        ("Ronald S. Duman", "Duman RS"),
        ("Zarate, Jr., C. A.", "Zarate CA Jr"),
        ("van Rijnsoever, E.", "van Rijnsoever E"),
        ("Ludwig van Beethoven", "van Beethoven L"),
        ("van der Berg, Jan", "van der Berg J"),
        ("Van Nueten, Luc", "Van Nueten L"),
        ("Cheng, Peng-fei", "Cheng PF"),
        ("D'Souza, Deepak Cyril", "D'Souza DC"),
        (r"M{\"u}ller, J{\"o}rg", "Müller J"),
        ("{World Health Organization}", "World Health Organization"),
    ],
)
def test_names_in_ama_form(raw, ama):
    """Family name, then initials without periods; particles and suffixes survive."""
    assert format_name(raw) == ama


def test_six_authors_are_all_listed():
    """Up to six authors, AMA lists them all."""
    six = " and ".join(f"Author{i}, A." for i in range(6))
    assert format_authors(six) == ", ".join(f"Author{i} A" for i in range(6))


def test_seven_authors_become_three_and_et_al():
    """Seven or more: the first three, then et al."""
    seven = " and ".join(f"Author{i}, A." for i in range(7))
    assert format_authors(seven) == "Author0 A, Author1 A, Author2 A, et al"


def test_and_others_means_et_al():
    """BibTeX's 'and others' marks an incomplete list."""
    assert format_authors("Heifets, B. D. and others") == "Heifets BD, et al"
    assert (
        format_authors("A, A. and B, B. and C, C. and D, D. and others") == "A A, B B, C C, et al"
    )


def test_and_inside_braces_does_not_split():
    """A braced corporate name containing 'and' is one author."""
    assert format_authors("{Research and Development Group} and Smith, J.") == (
        "Research and Development Group, Smith J"
    )


@pytest.mark.parametrize(
    "field",
    ["Duman, R. S. and\n    Aghajanian, G. K.", 'Duman, R. S.\tand M{\\"u}ller,\n J.'],
)
def test_names_split_across_lines(field):
    """BibTeX reads a line break around "and" as a space: a long author list may wrap."""
    first, second = format_authors(field).split(", ")
    assert first == "Duman RS" and second in ("Aghajanian GK", "Müller J")


def test_plain_name_shortcut_agrees_with_the_general_parser():
    """Names with nothing to decode skip the general parser; both must give the same result."""
    tokens = ["Smith", "van", "der", "Jr.", "J.", "A.-M.", "Peng-fei", "o'Brien", "C.A.", ","]
    checked = 0
    for size in (1, 2, 3, 4):
        for words in itertools.product(tokens, repeat=size):
            raw = " ".join(words)
            if names._PLAIN_NAME.fullmatch(raw):
                assert names._plain_person(raw) == names._parsed_person(raw), raw
                checked += 1
    assert checked > 5000  # the shortcut is taken, not skipped


def test_ascii_title_shortcut_agrees_with_word_by_word_lowering():
    """ASCII titles are lowered in one pass with the kept words put back; the result must be the
    word-by-word rule's, for every combination of awkward words."""
    tokens = [
        "Ketamine",
        "NMDA",
        "mTOR",
        "McCammon",
        "a",
        "A",
        "(Ketamine",
        "5-HT",
        "p<0.05",
        "O'Neil",
        "12",
        "and/or",
        "Glu/GABA",
        "IL-6",
        "TrkB",
        "aB",
        "1a",
        "x-Ray",
        "\t",
        "I",
        "D,",
        "(A)",
        "(A",
        "Hz",
        "eIF4E",
    ]
    checked = 0
    for size in (1, 2, 3):
        for words in itertools.product(tokens, repeat=size):
            text = " ".join(words)
            assert textcase._lower_words(text) == textcase._lower_words_one_by_one(text), text
            checked += 1
    assert checked > 6000
