"""Citation groups as written: keys, locators, and what is rejected with a message."""

from __future__ import annotations

import pytest

from mkdocs_citations.engine.markers import Cite, find_groups, locate, parse_group
from mkdocs_citations.engine.numbering import Numbering, compress


@pytest.mark.parametrize(
    ("body", "cites"),
    [
        ("@a", [Cite("a")]),
        ("@a; @b;@c", [Cite("a"), Cite("b"), Cite("c")]),
        ("@a, p. 33", [Cite("a", "p33")]),
        ("@a, pp. 33-35", [Cite("a", "pp33-35")]),
        ("@a, p 7", [Cite("a", "p7")]),
        ("@a, pages 3–4", [Cite("a", "pp3-4")]),
        ("-@a", [Cite("a")]),
        ("@smith:2004.x", [Cite("smith:2004.x")]),
        # A singular label with a range or a list is still several pages: AMA's "pp".
        ("@a, p. 33-35", [Cite("a", "pp33-35")]),
        ("@a, p. 33–35", [Cite("a", "pp33-35")]),
        ("@a, p. 3, 5", [Cite("a", "pp3,5")]),
        # Keys as Pandoc reads them: any letter (its own test bibliography cites @пункт3),
        # internal punctuation, a "//" as in an address.
        ("@пункт3", [Cite("пункт3")]),
        ("@Müller2010; @çelik_2019", [Cite("Müller2010"), Cite("çelik_2019")]),
        ("@пункт3, p. 4", [Cite("пункт3", "p4")]),
        ("@http://x.org/a", [Cite("http://x.org/a")]),
        ("@{https://x.org/b?n=1&y=2}, p. 4", [Cite("https://x.org/b?n=1&y=2", "p4")]),
    ],
)
def test_groups_parse(body, cites):
    """Keys and page locators are read; locators take AMA form."""
    group = parse_group(body)
    assert (group.cites, group.errors) == (cites, [])


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ("see @a", "prefix 'see'"),
        ("@a, chap. 3", "suffix ', chap. 3'"),
        ("@a; nothing here", "'nothing here' in [@a; nothing here] is not a citation"),
        ("@a; @{b c}", "'@{b c}' in [@a; @{b c}] is not a citation"),  # no space in braces
    ],
)
def test_unsupported_parts_are_reported_not_dropped(body, fragment):
    """Anything the AMA style cannot show is an error message."""
    group = parse_group(body)
    assert any(fragment in message for _, message in group.errors)


@pytest.mark.parametrize(
    "text",
    ["mail [me at a@b.org]", "@handle alone", "[@a](https://x.org)", "[@a][ref]", "[x@y]"],
)
def test_not_citations(text):
    """E-mail addresses, bare handles and links are not citation groups."""
    assert find_groups(text) == []


def test_locate_finds_the_nth_occurrence_line():
    """Problems are reported at the line of the offending citation."""
    source = "---\ntitle: x\n---\n\nOne [@k].\nTwo [@other; @k]\n"
    assert locate(source, "k", 0) == 5
    assert locate(source, "k", 1) == 6
    assert locate(source, "missing") is None


def test_locate_finds_a_braced_key():
    assert locate("x\nOne [@{k}] and [@k].\nTwo [-@{k}]\n", "k", 2) == 3


def test_locate_falls_back_to_a_bare_key():
    """A key listed without @ (front-matter sources) is still found."""
    assert locate("---\nevidence:\n  sources: [a2001x, b2002y]\n---\n", "b2002y") == 3


def test_numbering_in_order_of_first_citation():
    """A source keeps its number; group ids are remembered for back-links."""
    numbering = Numbering()
    assert [numbering.cite(k, g) for k, g in [("b", "c1"), ("a", "c1"), ("b", "c2")]] == [1, 2, 1]
    assert numbering.order == ["b", "a"]
    assert numbering.citing_groups == {"b": ["c1", "c2"], "a": ["c1"]}


@pytest.mark.parametrize(
    ("numbers", "runs"),
    [
        ([1, 2], [(1, 1), (2, 2)]),
        ([3, 1, 2, 5], [(1, 3), (5, 5)]),
        ([1, 2, 3, 4, 7, 8], [(1, 4), (7, 7), (8, 8)]),
        ([2, 2], [(2, 2)]),
    ],
)
def test_compress_joins_runs_of_three(numbers, runs):
    """1,2 stays as is; 1,2,3 becomes 1-3."""
    assert compress(numbers) == runs
