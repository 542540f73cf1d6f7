"""Links to missing files are found in the Markdown source, with their line and a suggestion."""

from __future__ import annotations

from ketamine_site.pagelinks import BrokenLink, broken_anchors, broken_links, link_targets

FILES = {
    "index.md",
    "glossary.md",
    "mechanism/index.md",
    "mechanism/glutamate-surge.md",
    "mechanism/ampa-activation.md",
    "assets/cascade.svg",
}


def test_a_misspelt_page_is_reported_with_line_and_the_page_meant():
    text = "# Title\n\nSee [the surge](glutamate-surges.md#the-model) for more.\n"
    assert broken_links(text, "mechanism/ampa-activation.md", FILES) == [
        BrokenLink(3, "glutamate-surges.md#the-model", "glutamate-surge.md")
    ]


def test_existing_targets_pass_in_every_form():
    text = (
        "[a](glutamate-surge.md) [b](../glossary.md#nmda) [c](./) [d](../index.md)\n"
        "![diagram](../assets/cascade.svg) [e](#local) [f](https://doi.org/10.1/x)\n"
        "[g](mailto:a@b.org) [h](<glutamate-surge.md> 'title')\n"
        "[ref]: ampa-activation.md\n"
    )
    assert broken_links(text, "mechanism/index.md", FILES) == []


def test_a_path_written_from_the_wrong_folder_suggests_the_right_one():
    [link] = broken_links("[g](glossary.md)\n", "mechanism/index.md", FILES)
    assert (link.line, link.suggestion) == (1, "../glossary.md")
    assert "did you mean '../glossary.md'?" in link.message()


def test_reference_definitions_are_checked():
    [link] = broken_links("Text [ref].\n\n[ref]: ../glosary.md\n", "mechanism/index.md", FILES)
    assert (link.line, link.target) == (3, "../glosary.md")


def test_links_in_code_and_comments_are_not_links():
    text = (
        "```markdown\n[x](missing.md)\n```\n"
        "Inline `[y](missing.md)` code.\n"
        "<!-- [z](missing.md) -->\n"
        "~~~\n[w](missing.md)\n~~~\n"
    )
    assert broken_links(text, "index.md", FILES) == []


def test_no_suggestion_when_nothing_is_close():
    [link] = broken_links("[x](zzzz-qqqq.md)\n", "index.md", FILES)
    assert link.suggestion is None
    assert "did you mean" not in link.message()


def test_a_citation_ending_a_line_with_a_colon_is_not_a_definition():
    text = "Its main findings were these\n[@deyama2019role]:\n\n- one\n"
    assert broken_links(text, "mechanism/index.md", FILES) == []


IDS = {
    "about.md": {"evidence-levels", "established", "references"},
    "mechanism/index.md": {"the-six-steps", "how-to-use-these-pages"},
    "mechanism/glutamate-surge.md": {"the-disinhibition-model"},
}


def test_a_missing_section_is_reported_with_line_and_the_id_meant():
    text = (
        "# T\n\nSee [levels](../about.md#evidence-level) and [model](glutamate-surge.md#model).\n"
    )
    [first, second] = broken_anchors(text, "mechanism/index.md", IDS)
    assert (first.line, first.target, first.suggestion) == (
        3,
        "../about.md#evidence-level",
        "evidence-levels",
    )
    assert "did you mean '#evidence-levels'?" in first.message()
    assert second.target == "glutamate-surge.md#model"


def test_sections_on_the_same_page_and_folder_indexes_are_checked():
    text = "[a](#the-six-steps) [b](#six-steps) [c](./#how-to-use-these-pages) [d](../about.md)\n"
    broken = broken_anchors(text, "mechanism/index.md", IDS)
    assert [b.target for b in broken] == ["#six-steps"]


def test_existing_sections_and_unknown_pages_pass():
    text = "[a](../about.md#established) [b](../missing.md#x) [c](https://example.org/#x)\n"
    assert broken_anchors(text, "mechanism/index.md", IDS) == []


def test_targets_found_once_give_the_same_reports_as_a_fresh_scan():
    text = (
        "# T\n\n[a](../about.md#evidence-level) [b](glutamate-surges.md)\n\n"
        "```\n[not a link](nowhere.md)\n```\n\n[ref]: ../about.md#establishd\n"
    )
    targets = link_targets(text)
    assert [line for line, _ in targets] == [3, 3, 9]  # the fenced one is not a link
    page = "mechanism/index.md"
    assert broken_links(text, page, FILES, targets=targets) == broken_links(text, page, FILES)
    assert broken_anchors(text, page, IDS, targets=targets) == broken_anchors(text, page, IDS)
    assert len(broken_anchors(text, page, IDS)) == 2


def test_a_page_without_links_has_no_targets_even_with_code_in_it():
    assert link_targets("Text with `code` and\n\n```\nmore code\n```\n[@key] and [x].\n") == []


def test_links_in_indented_code_and_raw_html_blocks_are_not_links():
    """Python-Markdown leaves these as they are, so they are not links to check."""
    text = (
        "Some prose.\n\n    [x](missing.md)\n\n"
        "- A list item\n\n        [y](missing.md)\n\n"
        '<pre class="example">\n[z](missing.md)\n</pre>\n\n'
        "<div>\n<div>\n[w](missing.md)\n</div>\n[v](missing.md)\n</div>\n"
    )
    assert broken_links(text, "index.md", FILES) == []


def test_links_in_an_admonition_or_a_markdown_html_block_are_checked():
    text = (
        '!!! note "A note"\n\n    See [x](missin.md).\n\n'
        '<div class="card" markdown>\n\n[y](glosary.md)\n\n</div>\n'
    )
    assert [link.line for link in broken_links(text, "index.md", FILES)] == [3, 7]
