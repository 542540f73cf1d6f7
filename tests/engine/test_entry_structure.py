"""What real exports write and a reader must never see wrong: identifiers in every form (read
once, the same in every output), ISO 8601 date-times, web addresses of works without a DOI,
missing fields, and parse errors placed on the line at fault.

Every input here is a minimal case written for the test.
"""

from __future__ import annotations

import json
import re

import pytest

from ketamine_site.metadata import downloads, highwire, jsonld
from mkdocs_citations.engine import BibliographyError, parse_bibliography
from mkdocs_citations.engine.parts import to_html, to_text
from mkdocs_citations.engine.style import AMA, VANCOUVER


def _bib(entry: str):
    return parse_bibliography(entry, "refs.bib")


def _record(entry: str):
    bib = _bib(entry)
    assert len(bib) == 1
    return next(iter(bib)), bib.problems


def _html(record, style=AMA) -> str:
    return to_html(style.reference_parts(record))


def _text(record, style=AMA) -> str:
    return to_text(style.reference_parts(record))


def _every_output(record) -> str:
    """The reference in both styles, the JSON-LD, the Highwire tags and the RIS download."""
    return "\n".join(
        [
            _html(record),
            _html(record, VANCOUVER),
            json.dumps(jsonld.work(record)),
            "\n".join(f"{name}={value}" for name, value in highwire.reference_pairs(record)),
            downloads.ris([record]),
        ]
    )


ARTICLE = """@article{a2013x,
  author = {Doe, Jane},
  title = {A title},
  journal = {J Test},
  year = {2013},
  volume = {4},
  pages = {1--2},
  {field} = {{value}}
}
"""


def _article(field: str, value: str) -> str:
    return ARTICLE.replace("{field}", field).replace("{value}", value)


# ---- Identifiers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "http://doi.acm.org/10.1145/820127.820136",
        "http://dx.doi.org/10.1145/820127.820136",
        "https://doi.org/10.1145/820127.820136",
        "doi:10.1145/820127.820136",
        "DOI: 10.1145/820127.820136",
        "https://dl.acm.org/doi/10.1145/820127.820136",
    ],
)
def test_a_doi_written_as_an_address_or_with_a_prefix_is_the_bare_doi_everywhere(written):
    record, problems = _record(_article("doi", written))
    assert problems == []
    assert record.get("doi") == "10.1145/820127.820136"
    outputs = _every_output(record)
    assert "https://doi.org/10.1145/820127.820136" in outputs
    # Every DOI address is doi.org's and holds the bare DOI; the publisher's form is gone.
    assert set(re.findall(r"doi\.org/(\S{4})", outputs)) == {"10.1"}
    assert "acm.org" not in outputs and "doi:10.1145/820127.820136" in outputs
    assert "DO  - 10.1145/820127.820136" in downloads.ris([record])
    assert ("citation_doi", "10.1145/820127.820136") in highwire.reference_pairs(record)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("pmid", "123456789012"),  # twelve digits: no PMID has more than nine
        ("pmid", "PMID1"),
        ("doi", "10.1000/has space"),
        ("doi", "see the publisher"),
        ("arxiv", "0603845"),  # an old arXiv number without its archive
        ("arxiv", "preprint"),
        ("pmcid", "PMCX1"),
        ("url", "www.example.org/page"),
    ],
)
def test_an_identifier_that_cannot_be_read_is_warned_on_its_line_and_never_emitted(field, value):
    record, problems = _record(_article(field, value))
    assert [str(p) for p in problems] == [
        f"refs.bib:8: entry 'a2013x' has a malformed {field} '{value}': "
        + problems[0].message.split(": ", 1)[1]
    ]
    assert problems[0].severity == "warning" and problems[0].key == "a2013x"
    assert field not in record.fields
    assert value not in _every_output(record)


@pytest.mark.parametrize(
    ("fields", "linked"),
    [
        ("arxiv = {0603845 [cond-mat]}", "cond-mat/0603845"),
        ("arxiv = {arXiv:1501.00001v2}", "1501.00001v2"),
        ("arxiv = {1501.00001 [cs.CV]}", "1501.00001"),
        ("eprint = {0603845}, eprinttype = {arxiv}, eprintclass = {cond-mat.str-el}",
         "cond-mat/0603845"),
        ("pmid = {PMID: 20724638}", "20724638"),
        ("pmid = {https://pubmed.ncbi.nlm.nih.gov/20724638/}", "20724638"),
        ("pmcid = {3116441}", "PMC3116441"),
        ("pmcid = {https://www.ncbi.nlm.nih.gov/pmc/articles/PMC3116441/}", "PMC3116441"),
        ("url = {https://example.org/a\\_b}", "https://example.org/a_b"),
        ("url = {\\url{https://example.org/x}}", "https://example.org/x"),
    ],
)  # fmt: skip
def test_other_identifiers_are_read_in_the_forms_exporters_write(fields, linked):
    record, problems = _record(ARTICLE.replace("{field} = {{value}}", fields))
    assert problems == []
    assert 'href="https://' in _html(record)
    hrefs = re.findall(r'href="([^"]*)"', _html(record) + _html(record, VANCOUVER))
    assert hrefs and all(linked in href for href in hrefs if "doi.org" not in href), hrefs
    assert all(" " not in href and "[" not in href for href in hrefs)


def test_a_doi_link_escapes_what_an_address_cannot_hold():
    """SICI DOIs hold "<" and ">", which an address carries percent-encoded."""
    from mkdocs_citations.engine.identifiers import doi_url

    sici = "10.1002/(SICI)1096-987X(199803)19:4<377::AID-JCC1>3.0.CO;2-P"
    assert doi_url(sici) == (
        "https://doi.org/10.1002/(SICI)1096-987X(199803)19:4%3C377::AID-JCC1%3E3.0.CO;2-P"
    )
    assert doi_url("10.1000/x") == "https://doi.org/10.1000/x"


# ---- Dates and web addresses ---------------------------------------------------------------


def test_an_iso_8601_date_time_gives_the_date():
    entry = _article("url", "https://example.org/x").replace(
        "  year = {2013},\n", "  date = {2013-10-30T11:20:51-07:00},\n"
    )
    record, problems = _record(entry)
    assert problems == []
    assert (record.get("year"), record.get("month"), record.get("day")) == ("2013", "10", "30")
    assert "2013;4:1-2." in _text(record)


ONLINE_ARTICLE = """@article{a2013x,
  author = {Doe, Jane},
  title = {A title},
  journal = {J Test},
  year = {2013},
  volume = {4},
  pages = {1--2},
  url = {https://example.org/a},
  urldate = {2020-03-05}
}
"""


def test_an_article_without_a_doi_gives_its_url_and_access_date_in_ama():
    record, _ = _record(ONLINE_ARTICLE)
    assert _text(record) == (
        "Doe J. A title. J Test. 2013;4:1-2. Accessed March 5, 2020. https://example.org/a"
    )
    assert '<a href="https://example.org/a">https://example.org/a</a>' in _html(record)


def test_an_article_without_a_doi_gives_its_url_and_date_cited_in_vancouver():
    record, _ = _record(ONLINE_ARTICLE)
    assert _text(record, VANCOUVER) == (
        "Doe J. A title. J Test [Internet]. 2013 [cited 2020 Mar 5];4:1-2. "
        "Available from: https://example.org/a"
    )


def test_with_a_doi_the_url_is_left_out():
    record, _ = _record(ONLINE_ARTICLE.replace("urldate", "doi = {10.1000/x},\n  urldate"))
    for style in (AMA, VANCOUVER):
        assert "example.org" not in _text(record, style)
        assert "https://doi.org/10.1000/x" in _html(record, style)


@pytest.mark.parametrize(
    ("entry", "ama", "vancouver"),
    [
        (
            "@book{b, author = {Doe, Jane}, title = {A Book}, publisher = {P}, "
            "address = {Boston}, year = {2001}, url = {https://example.org/b}}",
            "Doe J. A Book. P; 2001. https://example.org/b",
            "Doe J. A Book [Internet]. Boston: P; 2001. Available from: https://example.org/b",
        ),
        (
            "@techreport{r, author = {Doe, Jane}, title = {A Report}, institution = {I}, "
            "year = {2001}, url = {https://example.org/r}, urldate = {2020-03-05}}",
            "Doe J. A Report. I; 2001. Accessed March 5, 2020. https://example.org/r",
            "Doe J. A Report [Internet]. I; 2001 [cited 2020 Mar 5]. "
            "Available from: https://example.org/r",
        ),
        (
            "@phdthesis{t, author = {Doe, Jane}, title = {A Thesis}, school = {U}, "
            "year = {2001}, url = {https://example.org/t}}",
            "Doe J. A Thesis. Doctoral dissertation. U; 2001. https://example.org/t",
            # Citing Medicine, ch. 23: "[dissertation on the Internet]"
            "Doe J. A Thesis [Doctoral dissertation on the Internet]. U; 2001. "
            "Available from: https://example.org/t",
        ),
    ],
)
def test_a_book_report_or_thesis_without_a_doi_gives_its_url(entry, ama, vancouver):
    record, problems = _record(entry)
    assert problems == []
    assert (_text(record), _text(record, VANCOUVER)) == (ama, vancouver)


# ---- Missing fields ------------------------------------------------------------------------


def _no_malformed_pieces(html: str) -> None:
    text = re.sub(r"<[^>]*>", "", html)
    assert ". ." not in text and ".." not in text and " ." not in text, text
    assert "<i></i>" not in html and " :" not in text, html
    assert "Published online." not in text, text


def test_an_article_without_a_journal_leaves_it_out_cleanly():
    record, problems = _record(
        "@article{a, author = {Doe, Jane}, title = {A title}, year = {2013}, volume = {4}}"
    )
    assert "journal" in problems[0].message
    for style in (AMA, VANCOUVER):
        _no_malformed_pieces(_html(record, style))
    assert _text(record) == "Doe J. A title. 2013;4."


def test_an_article_without_a_date_has_no_bare_published_online():
    record, _ = _record("@article{a, author = {Doe, Jane}, title = {A title}, journal = {J}}")
    _no_malformed_pieces(_html(record))
    assert _text(record) == "Doe J. A title. J."


def test_a_paper_without_a_booktitle_is_not_its_own_container():
    record, _ = _record(
        "@inproceedings{p, author = {Doe, Jane}, title = {A paper}, publisher = {P}, "
        "year = {2001}, pages = {3--4}}"
    )
    for style in (AMA, VANCOUVER):
        text = _text(record, style)
        assert text.count("paper") == 1, text
        assert "In:" not in text, text
        _no_malformed_pieces(_html(record, style))
    assert _text(record) == "Doe J. A paper. P; 2001:3-4."


def test_the_eventtitle_serves_where_the_booktitle_is_missing():
    record, _ = _record(
        "@inproceedings{p, author = {Doe, Jane}, title = {A paper}, "
        "eventtitle = {Meeting on Things}, publisher = {P}, year = {2001}}"
    )
    assert _text(record) == "Doe J. A paper. In: Meeting on Things. P; 2001."
    assert "<i>Meeting on Things</i>" in _html(record)
    assert _text(record, VANCOUVER) == "Doe J. A paper. In: Meeting on Things. P; 2001."


def test_a_book_without_a_title_has_no_empty_italics():
    record, _ = _record("@book{b, author = {Doe, Jane}, publisher = {P}, year = {2001}}")
    _no_malformed_pieces(_html(record))
    assert _text(record) == "Doe J. P; 2001."


# ---- Parse errors --------------------------------------------------------------------------

UNCLOSED = """@article{ok,
  author = {Doe, Jane},
  title = {Fine},
  journal = {J},
  year = {2020}
}

@article{bad,
  author = {Doe, Jane},
  journal = {J},
  title = {A {Brace left open},
  year = {2020},
}

@misc{uncited,
  title = {Lacks its url}
}
"""


def _fatal(text: str) -> BibliographyError:
    with pytest.raises(BibliographyError) as caught:
        parse_bibliography(text, "refs.bib")
    return caught.value


def test_an_unclosed_brace_is_reported_at_its_field():
    error = _fatal(UNCLOSED)
    assert [p.line for p in error.problems] == [11]
    assert "'title'" in error.problems[0].message
    assert "bad" in error.problems[0].message


def test_a_fatal_error_names_only_what_stops_the_build():
    error = _fatal(UNCLOSED)
    assert all(p.severity == "error" for p in error.problems)
    assert "uncited" not in str(error)
    assert [p.key for p in error.others] == ["uncited"]  # kept for the references.py check


# ---- Citation keys and locators, on a page -------------------------------------------------

KEYED = """@article{пункт3,
  author = {Doe, Jane},
  title = {A title},
  journal = {J Test},
  year = {2013},
  volume = {4},
  pages = {1--2}
}
"""


def _page(markdown_text: str, style=AMA):
    import markdown

    from mkdocs_citations.engine.markdown_ext import CitationExtension

    extension = CitationExtension(parse_bibliography(KEYED, "refs.bib"), style=style)
    html = markdown.markdown(markdown_text, extensions=[extension])
    return html, extension.result


def test_a_key_with_non_ascii_letters_is_cited():
    html, result = _page("Text [@пункт3].")
    assert result.problems == [] and result.cited == ["пункт3"]
    assert 'href="#ref-пункт3"' in html and "[@" not in html


@pytest.mark.parametrize("written", ["[@{пункт3}]", "[-@{пункт3}]"])
def test_a_key_in_braces_is_cited(written):
    """Pandoc's form for a key with any characters: @{…}."""
    _, result = _page(f"Text {written}.")
    assert result.problems == [] and result.cited == ["пункт3"]


@pytest.mark.parametrize("written", ["[@]", "[@ пункт3]", "[@.пункт3]", "[@{пункт 3}]"])
def test_a_bracket_that_looks_like_a_citation_but_cannot_be_read_is_a_problem(written):
    _, result = _page(f"Text {written}.")
    assert len(result.problems) == 1
    assert "looks like a citation but is not one" in result.problems[0].message


@pytest.mark.parametrize(
    ("written", "ama", "vancouver"),
    [
        ("[@пункт3, p. 33-35]", "(pp33-35)", "(1, p. 33-35)"),
        ("[@пункт3, p. 3, 5]", "(pp3,5)", "(1, p. 3,5)"),
        ("[@пункт3, p. 33]", "(p33)", "(1, p. 33)"),
    ],
)
def test_a_singular_label_with_a_range_or_list_is_several_pages(written, ama, vancouver):
    """AMA: "pp" before a range or a list, whatever label the author wrote."""
    for style, expected in ((AMA, ama), (VANCOUVER, vancouver)):
        html, _ = _page(f"Text {written}.", style)
        shown = re.sub(r'<span class="citation-tooltip">.*?</span>', "", html.split("<h2")[0])
        assert expected in re.sub(r"<[^>]*>", "", shown), shown


def test_an_unreadable_citation_fails_the_strict_build_with_its_line(tmp_path):
    from test_hook_build import make_project

    from kit.sitebuild import build_site

    page = "# Page\n\nFirst [@пункт3].\n\nThen [@ пункт3] by mistake.\n"
    project = make_project(tmp_path, {"index.md": page}, bib=KEYED)
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 1
    assert "index.md:5: '[@ пункт3]" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_the_eventtitle_is_the_container_in_the_page_metadata():
    record, _ = _record(
        "@inproceedings{p, author = {Doe, Jane}, title = {A paper}, "
        "eventtitle = {Meeting on Things}, publisher = {P}, year = {2001}}"
    )
    assert jsonld.work(record)["isPartOf"]["name"] == "Meeting on Things"
    assert ("citation_inbook_title", "Meeting on Things") in highwire.reference_pairs(record)
