"""Evidence levels: one front-matter declaration → the page's boxes and the home table."""

from __future__ import annotations

import pytest

from ketamine_site.evidence import (
    EvidenceError,
    citation_line,
    header_markdown,
    insert_after_summary,
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


def test_header_is_one_box_with_question_claim_citations_and_a_link():
    """One evidence admonition: the question, the claim with its sources cited, a relative link."""
    md = header_markdown(read_declaration(META, "mechanism/ampa.md"))
    assert md == (
        '!!! evidence evidence-supported "Evidence level: Supported"\n\n'
        "    **The question:** Is AMPA activation needed?\n\n"
        "    **The claim:** It is needed in rodents. [@a; @b]\n\n"
        "    [What the levels mean](../about.md#evidence-levels)\n"
    )


def test_header_goes_right_after_the_title():
    assert insert_after_title("# Title\n\nBody.\n", "BOX\n") == "# Title\n\nBOX\n\nBody.\n"
    assert insert_after_title("No title.\n", "BOX\n") == "BOX\n\nNo title.\n"


def test_header_closes_the_summary():
    """The box follows "In brief", before the next heading; without a summary, the title."""
    page = "# T\n\n## In brief { #in-brief }\n\nShort.\n\n## Next { #next }\n\nMore.\n"
    assert insert_after_summary(page, "BOX\n") == (
        "# T\n\n## In brief { #in-brief }\n\nShort.\n\nBOX\n\n## Next { #next }\n\nMore.\n"
    )
    assert insert_after_summary("# T\n\nBody.\n", "BOX\n") == "# T\n\nBOX\n\nBody.\n"


def test_a_citation_is_located_before_in_and_after_the_box():
    """Rendered order is summary, box (front matter), body: each occurrence maps to its line."""
    source = (
        "---\nevidence:\n  level: supported\n  claim: c\n  sources: [a]\n---\n"
        "# T\n\n## In brief { #in-brief }\n\nOne [@a].\n\n## Next { #next }\n\nTwo [@a].\n"
    )
    declaration = read_declaration(
        {"evidence": {"level": "supported", "claim": "c", "sources": ["a"]}}, "p.md"
    )
    lines = [citation_line(source, "a", n, declaration) for n in range(3)]
    assert lines == [11, 5, 15]


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
