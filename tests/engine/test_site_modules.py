"""The engine modules the hooks call: search hiding, the site bibliography's links, the banner."""

from __future__ import annotations

import os

import pytest
from mkdocs.utils import get_relative_url

from mkdocs_citations import searchhide, serving
from mkdocs_citations.errorbanner import banner_html
from mkdocs_citations.sitebibliography import relative_url

PAGE = (
    '<p>Text.<sup class="citation" id="cite-1"><a>1</a></sup> More.</p>\n'
    '<ol class="references"><li id="ref-a">A.</li></ol>'
)


def test_search_reads_the_page_without_citations_and_references():
    assert searchhide.for_search(PAGE) == "<p>Text. More.</p>\n"
    plain = "<p>No citations.</p>"
    assert searchhide.for_search(plain) is plain  # nothing copied when nothing is hidden


def test_material_stripping_its_own_attributes_is_not_a_change():
    full = '<p data-search-exclude="true">Text.<sup class="citation" id="cite-1">1</sup></p>'
    given = searchhide.for_search(full)
    stripped = given.replace(' data-search-exclude="true"', "")
    content, changed = searchhide.after_search(given, stripped, full)
    assert not changed
    assert content == '<p>Text.<sup class="citation" id="cite-1">1</sup></p>'


def test_another_plugins_change_is_reported_and_dropped():
    given = searchhide.for_search(PAGE)
    content, changed = searchhide.after_search(given, given + "<p>stamped</p>", PAGE)
    assert changed and content == PAGE
    assert searchhide.after_search(given, given, PAGE) == (PAGE, False)


@pytest.mark.parametrize(
    ("url", "from_url"),
    [
        ("", "references/"),
        ("topic/page/", "references/"),
        ("references/", "references/"),
        ("a/b/", "a/c/d/"),
        ("index.html", "references/index.html"),
        ("topic/page.html", "references.html"),
    ],
)
def test_relative_url_is_mkdocs_own(url, from_url):
    """The same as MkDocs' get_relative_url, with a folder ending in '/'."""
    expected = get_relative_url(url, from_url)
    if url.endswith("/") or url == "":
        expected = expected.rstrip("/") + "/"
    assert relative_url(url, from_url) == expected


def test_the_banner_names_file_line_and_fix_escaped():
    html = banner_html("references.bib:3: duplicate key 'a<b>'", "references.bib")
    assert 'role="alert"' in html and "references.bib has an error" in html
    assert "references.bib:3: duplicate key &#x27;a&lt;b&gt;&#x27;" in html
    assert "Fix the line named above and save" in html


def test_an_edited_engine_file_asks_for_a_restart(tmp_path):
    hook = tmp_path / "hook.py"
    hook.write_text("x = 1\n", encoding="utf-8")
    before = serving.snapshot([hook])
    assert serving.changed_files(before) == []
    hook.write_text("x = 2  # edited\n", encoding="utf-8")
    changed = serving.changed_files(before)
    assert changed == [hook.resolve()]
    message = serving.restart_message(changed, tmp_path)
    assert message.startswith("hook.py changed since mkdocs serve started")
    assert "start mkdocs serve again" in message


def test_a_file_put_back_as_it_was_is_not_a_change(tmp_path):
    """git checkout restores the contents with a new modification time: no restart needed."""
    hook = tmp_path / "hook.py"
    hook.write_text("x = 1\n", encoding="utf-8")
    before = serving.snapshot([hook])
    hook.write_text("x = 2\n", encoding="utf-8")
    hook.write_text("x = 1\n", encoding="utf-8")
    os.utime(hook, ns=(10**18, 10**18))
    assert serving.changed_files(before) == []
