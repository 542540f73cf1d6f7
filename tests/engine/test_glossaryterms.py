"""Glossary terms: the first use of each term on a page links to its entry, with its definition."""

from __future__ import annotations

import markdown

from ketamine_site.glossaryterms import GlossaryTerms, GlossaryTermsExtension, read_glossary

GLOSSARY = """\
# Glossary

## Receptors { #receptors }

### NMDA { #nmda }

**N-methyl-D-aspartate receptor.** A glutamate receptor [@a]. See [step 1](x.md).

### Infusion { #infusion data-aliases="drip" }

A slow drip of a drug into a vein. Second sentence [@b].

### Pyramidal neuron { #pyramidal-neuron }

The main excitatory neuron of the cortex.
"""


def convert(text: str, page: str | None = "mechanism/step.md") -> str:
    terms = GlossaryTerms(read_glossary(GLOSSARY))
    terms.set_page(page)
    md = markdown.Markdown(
        extensions=[
            "abbr",
            "admonition",
            "attr_list",
            "pymdownx.details",
            GlossaryTermsExtension(terms),
        ]
    )
    return md.convert(text)


def test_entries_are_read_with_forms_and_a_plain_definition():
    """Headings give the term and id; the definition loses citations, markup and "See" pointers."""
    nmda, infusion, pyramidal = read_glossary(GLOSSARY)
    assert (nmda.id, nmda.name, nmda.definition) == (
        "nmda",
        "NMDA",
        "N-methyl-D-aspartate receptor. A glutamate receptor.",
    )
    assert infusion.forms == ("Infusion", "drip")
    assert pyramidal.definition == "The main excitatory neuron of the cortex."


def test_only_the_first_use_on_a_page_is_linked():
    html = convert("An infusion of ketamine. Another infusion.\n\nNMDA and NMDA.")
    assert html.count('class="term-link"') == 2
    assert (
        '<a class="term-link" href="../glossary.md#infusion">infusion<span class="term-tooltip">'
        "Infusion: A slow drip of a drug into a vein. Second sentence.</span></a> of ketamine. "
        "Another infusion." in html
    )


def test_words_match_plurals_and_any_first_letter_case_but_abbreviations_keep_their_case():
    html = convert("Pyramidal neurons fire. Nmda is not NMDA.")
    assert '<a class="term-link" href="../glossary.md#pyramidal-neuron">Pyramidal neurons' in html
    assert ">Nmda" not in html and 'href="../glossary.md#nmda">NMDA<' in html


def test_an_abbreviation_with_a_hover_is_linked_at_its_first_use_and_keeps_its_hover_after():
    html = convert("NMDA here, NMDA there.\n\n*[NMDA]: N-methyl-D-aspartate")
    assert html.startswith('<p><a class="term-link" href="../glossary.md#nmda">NMDA<span')
    assert '<abbr title="N-methyl-D-aspartate">NMDA</abbr> there' in html


def test_headings_links_code_and_box_titles_are_left_alone():
    text = (
        "## Infusion { #a }\n\n[an infusion](x.md) and `infusion`.\n\n"
        '!!! note "Infusion"\n\n    Body.\n\nFinally an infusion.'
    )
    html = convert(text)
    assert html.count('class="term-link"') == 1
    assert 'Finally an <a class="term-link"' in html


def test_go_deeper_blocks_come_after_the_core():
    """A term used in a folded block and later in the core is linked in the core."""
    text = '??? note "Go deeper: details"\n\n    A drip of data.\n\nThe drip in the core.'
    html = convert(text)
    assert 'The <a class="term-link" href="../glossary.md#infusion">drip' in html
    assert "A drip of data." in html


def test_nothing_is_linked_on_the_glossary_itself_or_a_page_set_to_none():
    assert "term-link" not in convert("An infusion.", page="glossary.md")
    assert "term-link" not in convert("An infusion.", page=None)


def test_where_two_terms_start_together_the_longer_is_linked():
    glossary = GLOSSARY + "\n### Pyramidal { #pyramidal }\n\nShaped like a pyramid.\n"
    terms = GlossaryTerms(read_glossary(glossary))
    terms.set_page("page.md")
    html = markdown.Markdown(extensions=[GlossaryTermsExtension(terms)]).convert(
        "A pyramidal neuron."
    )
    assert 'href="glossary.md#pyramidal-neuron">pyramidal neuron<' in html


def test_words_inside_a_drawing_are_left_alone():
    """An SVG in a ``<figure markdown>`` keeps its labels: no link is drawn into the picture."""
    terms = GlossaryTerms(read_glossary(GLOSSARY))
    terms.set_page("page.md")
    md = markdown.Markdown(extensions=["md_in_html", GlossaryTermsExtension(terms)])
    html = md.convert(
        '<figure markdown>\n<div>\n<svg viewBox="0 0 10 10"><text x="1" y="1">an infusion'
        "</text></svg>\n</div>\n<figcaption>A caption.</figcaption>\n</figure>\n\nAn infusion."
    )
    drawing = html[html.index("<svg") : html.index("</svg>")]
    assert "term-link" not in drawing
    assert '<p>An <a class="term-link"' in html


def test_a_term_that_holds_an_abbreviation_is_linked_whole():
    """ "PCP site" is one term though "PCP" has a hover: the link wins, the hover comes later."""
    glossary = GLOSSARY + "\n### PCP site { #pcp-site }\n\nThe spot in the pore.\n"
    terms = GlossaryTerms(read_glossary(glossary))
    terms.set_page("page.md")
    md = markdown.Markdown(extensions=["abbr", GlossaryTermsExtension(terms)])
    html = md.convert("The PCP site. Then PCP alone.\n\n*[PCP]: phencyclidine")
    assert '<a class="term-link" href="glossary.md#pcp-site">PCP site<span' in html
    assert '<abbr title="phencyclidine">PCP</abbr> alone' in html
    assert "<abbr" not in html[: html.index("</a>")]
