"""A page's own citation, AMA 11th edition for websites: title. site. updated. accessed. URL"""

from __future__ import annotations

from datetime import date

from ketamine_site.pagecitation import PageCitation, citation_html, is_preview, page_url

SITE = "How ketamine may lift depression within hours"
URL = "https://example.org/ketamine-mechanisms/mechanism/nmda-blockade/"


def test_the_citation_follows_ama_for_a_web_page():
    citation = PageCitation("NMDA receptor blockade", SITE, URL, date(2026, 12, 3))
    assert citation.text() == (
        "NMDA receptor blockade. How ketamine may lift depression within hours. Updated "
        f"December 3, 2026. Accessed [Month Day, Year]. {URL}"
    )
    assert citation.text("January 5, 2027").endswith(f"Accessed January 5, 2027. {URL}")


def test_the_home_page_is_not_named_twice_and_a_question_keeps_its_mark():
    home = PageCitation(SITE, SITE, "https://example.org/", date(2026, 12, 3))
    assert home.text().startswith(f"{SITE}. Updated December 3, 2026.")
    question = PageCitation("Do opioids matter?", SITE, URL, date(2026, 12, 3))
    assert question.text().startswith("Do opioids matter? How ketamine")


def test_the_url_is_built_from_site_url():
    assert page_url("https://example.org/k/", "mechanism/") == "https://example.org/k/mechanism/"
    assert page_url("https://example.org/k", "") == "https://example.org/k/"
    assert page_url(None, "about/") == "about/"


def test_the_block_is_escaped_plain_text_with_a_hidden_button():
    citation = PageCitation("Glia & <synapses>", SITE, URL, date(2026, 12, 3))
    block = citation_html(citation)
    assert "Glia &amp; &lt;synapses&gt;." in block
    assert "<synapses>" not in block
    assert '<h2 class="page-citation__title" id="cite-this-page">' in block
    assert '<button type="button" class="md-button page-citation__copy" hidden>' in block
    assert f'data-page-url="{URL}">{URL}</span>' in block


def test_an_address_on_this_computer_is_a_preview_and_its_block_says_so():
    assert is_preview("http://127.0.0.1:8000/ketamine-mechanisms/")
    assert is_preview("http://localhost:8001/")
    assert is_preview(None) and is_preview("")
    assert not is_preview("https://someone.github.io/ketamine-mechanisms/")
    citation = PageCitation("NMDA receptor blockade", SITE, URL, date(2026, 12, 3))
    assert "page-citation__preview" not in citation_html(citation)
    note = citation_html(citation, preview=True)
    assert '<p class="page-citation__preview"><strong>Preview: this copy of the site' in note
    assert note.index("page-citation__text") < note.index("page-citation__preview")
