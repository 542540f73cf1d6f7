"""Evidence levels: one front-matter declaration → the page's boxes and the home table."""

from __future__ import annotations

import pytest

from ketamine_site.evidence import (
    EvidenceError,
    header_markdown,
    insert_after_title,
    read_declaration,
    table_markdown,
)

META = {
    "title": "AMPA receptor activation",
    "step": 3,
    "question": "Is AMPA activation needed?",
    "evidence": {"level": "Supported", "claim": "It is needed in rodents.", "sources": ["a", "b"]},
}


def test_declaration_is_read_from_front_matter():
    """Level is normalised; sources become a tuple of keys."""
    d = read_declaration(META, "mechanism/ampa.md")
    assert (d.level, d.sources, d.step, d.title) == (
        "supported",
        ("a", "b"),
        3,
        "AMPA receptor activation",
    )


def test_pages_without_a_declaration_are_skipped():
    assert read_declaration({"title": "About"}, "about.md") is None


@pytest.mark.parametrize(
    ("evidence", "message"),
    [
        (
            {"level": "strong", "claim": "c", "sources": ["a"]},
            "evidence level 'strong' is not one of",
        ),
        ({"level": "putative", "sources": ["a"]}, "needs a 'claim:'"),
        ({"level": "putative", "claim": "c"}, "needs 'sources:'"),
        ("putative", "must be a mapping"),
    ],
)
def test_bad_declarations_say_how_to_fix_them(evidence, message):
    with pytest.raises(EvidenceError, match=message):
        read_declaration({"evidence": evidence}, "page.md")


def test_header_has_question_then_evidence_with_citations_and_a_link():
    """The boxes are admonitions; the claim's sources are cited; the link is relative."""
    md = header_markdown(read_declaration(META, "mechanism/ampa.md"))
    assert md == (
        '!!! abstract "The question"\n\n    Is AMPA activation needed?\n\n'
        '!!! evidence evidence-supported "Evidence level: Supported"\n\n'
        "    It is needed in rodents. [@a; @b]\n\n"
        "    [What the levels mean](../about.md#evidence-levels)\n"
    )


def test_header_goes_right_after_the_title():
    assert insert_after_title("# Title\n\nBody.\n", "BOX\n") == "# Title\n\nBOX\n\nBody.\n"
    assert insert_after_title("No title.\n", "BOX\n") == "BOX\n\nNo title.\n"


def test_table_rows_follow_the_cascade_order_and_link_pages():
    """Steps in order, undeclared steps last; links are relative to the page holding the table."""
    first = read_declaration({**META, "step": 1, "title": "NMDA"}, "mechanism/nmda.md")
    third = read_declaration(META, "mechanism/ampa.md")
    debate = read_declaration(
        {"title": "Opioids", "evidence": {"level": "contested", "claim": "x | y", "sources": "c"}},
        "opioid-debate.md",
    )
    rows = table_markdown([debate, third, first], "index.md").splitlines()
    assert rows[2].startswith("| [1. NMDA](mechanism/nmda.md) |")
    assert rows[3].startswith("| [3. AMPA receptor activation](mechanism/ampa.md) |")
    assert rows[4] == (
        '| [Opioids](opioid-debate.md) | <span class="evidence-label evidence-label--contested">'
        "Contested</span> | x \\| y | [@c] |"
    )
