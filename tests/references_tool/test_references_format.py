"""`references.py format`: one canonical layout, lossless, idempotent, refusing broken input."""

from __future__ import annotations

import stat

import bibtexparser
import pytest
import references
from bibcases import GOOD, REAL_BIB

from ketamine_site.bibtools import bibformat
from ketamine_site.bibtools.bibformat import content, format_text
from ketamine_site.bibtools.source import read_blocks
from mkdocs_citations.engine import BibliographyError, parse_bibliography

# Every construct, written untidily: comments with blank runs and trailing spaces, @string in
# both delimiters, @preamble, @comment, an indented entry with odd spacing and capitals, quoted
# values, bare numbers, string references, '#' concatenation, a two-line value, unknown fields,
# two entries on one line, an entry without fields, a comment touching an entry's end.
SYNTHETIC = """\
% A header comment
%   indented, with trailing spaces\x20\x20\x20


% after two blank lines
@STRING{jneuro = "Journal of Neuroscience"}
@string( yr = 2000 )
@preamble{ "\\newcommand{\\noopsort}[1]{}" }
@comment{ an explicit {braced} comment }
   @Article{odd2000spacing ,   Title="Quoted {Title} here" ,
  AUTHOR = {Odd, Olive and van der Berg, Bram},YEAR=yr,
      journal=jneuro, month = jan, Volume = 12,
  pages = {1--2} # { and } # "3",
  Note = {A note
     over two lines},
  zzz = {last}, abstract = {An abstract}
}
% seen: a comment touching the next entry
@misc{web2001page, title = {Web}, url = {https://x.org/a%20b}}@misc{web2002other,title={Two},howpublished={Print}}



@misc{bare2003entry}
% a comment touching the end of the entry above
"""

EXPECTED = """\
% A header comment
%   indented, with trailing spaces\x20\x20\x20

% after two blank lines
@STRING{jneuro = "Journal of Neuroscience"}
@string( yr = 2000 )
@preamble{ "\\newcommand{\\noopsort}[1]{}" }
@comment{ an explicit {braced} comment }
@article{odd2000spacing,
  author   = {Odd, Olive and van der Berg, Bram},
  title    = "Quoted {Title} here",
  journal  = jneuro,
  year     = yr,
  volume   = 12,
  pages    = {1--2} # { and } # "3",
  note     = {A note
     over two lines},
  abstract = {An abstract},
  month    = jan,
  zzz      = {last},
}
% seen: a comment touching the next entry
@misc{web2001page,
  title = {Web},
  url   = {https://x.org/a%20b},
}

@misc{web2002other,
  title        = {Two},
  howpublished = {Print},
}

@misc{bare2003entry,
}
% a comment touching the end of the entry above
"""


def records(text: str) -> list[tuple[str, str, dict[str, str]]]:
    """What the site's engine reads from a valid file: key, type and every field's value."""
    return [(r.key, r.entry_type, dict(r.fields)) for r in parse_bibliography(text)]


def parsed(text: str) -> list[tuple[str, str, dict[str, str]]]:
    """What bibtexparser's default reading (strings resolved, braces removed) gives, any file."""
    library = bibtexparser.parse_string(text)
    return [
        (e.key, e.entry_type, {f.key.lower(): f.value for f in e.fields}) for e in library.entries
    ]


def test_synthetic_file_gets_the_canonical_layout():
    """Fields ordered and aligned, values verbatim, comments, strings and preambles in place."""
    assert format_text(SYNTHETIC) == EXPECTED


def test_synthetic_file_keeps_every_block_field_and_value():
    """Entries, fields, values, comments, @string, @preamble and @comment survive, in order."""
    before, after = content(SYNTHETIC), content(format_text(SYNTHETIC))
    assert after == before
    assert [item[0] for item in after] == [
        "comment",
        "string",
        "string",
        "preamble",
        "@comment",
        "entry",
        "comment",
        "entry",
        "entry",
        "entry",
        "comment",
    ]
    assert [item[2] for item in after if item[0] == "entry"] == [
        "odd2000spacing",
        "web2001page",
        "web2002other",
        "bare2003entry",
    ]
    assert after[1:4] == [
        ("string", "jneuro", '"Journal of Neuroscience"'),
        ("string", "yr", "2000"),
        ("preamble", ' "\\newcommand{\\noopsort}[1]{}" '),
    ]
    fields = dict(after[5][3])
    assert fields["title"] == '"Quoted {Title} here"'  # quoted, kept quoted
    assert fields["year"] == "yr"  # a @string reference, kept unresolved
    assert fields["volume"] == "12"  # a bare number, kept bare
    assert fields["pages"] == '{1--2} # { and } # "3"'  # a concatenation, kept whole
    assert fields["note"] == "{A note\n     over two lines}"  # the line break inside kept


def test_parser_reads_the_same_values_after_formatting():
    """bibtexparser's default reading gives identical entries before and after, strings resolved."""
    assert parsed(format_text(SYNTHETIC)) == parsed(SYNTHETIC)
    assert parsed(format_text(SYNTHETIC))[0][2]["year"] == "2000"
    assert parsed(format_text(SYNTHETIC))[0][2]["journal"] == "Journal of Neuroscience"


def test_real_references_bib_round_trips():
    """references.bib itself: same content and records after formatting, and already formatted."""
    text = REAL_BIB.read_text(encoding="utf-8")
    formatted = format_text(text)
    assert content(formatted) == content(text)
    assert records(formatted) == records(text)
    assert sum(1 for p in read_blocks(text) if p.entry) == len(records(text)) > 20
    assert formatted == text, "references.bib is not formatted: run scripts/references.py format"


@pytest.mark.parametrize("text", [SYNTHETIC, GOOD, "", "% only a comment\n"])
def test_formatting_twice_gives_the_same_bytes(text):
    """Idempotent: formatting formatted text changes nothing."""
    once = format_text(text)
    assert format_text(once) == once


def test_real_file_is_idempotent():
    """The real bibliography formats to itself twice over."""
    once = format_text(REAL_BIB.read_text(encoding="utf-8"))
    assert format_text(once) == once


def test_blank_line_between_entries_is_exactly_one():
    """Entries on one line, or far apart, end up one blank line apart."""
    two = GOOD + "\n\n\n\n" + GOOD.replace("good2001fine", "good2001two")
    assert format_text(two) == GOOD + "\n" + GOOD.replace("good2001fine", "good2001two")


def test_format_refuses_broken_input(write_bib, capsys):
    """A file with a syntax error is refused with its problems, and its bytes are unchanged."""
    broken = GOOD.replace("{Fine}", "{Fine") + "\n" + GOOD.replace("good2001fine", "good2001two")
    path = write_bib(broken)
    before = path.read_bytes()
    assert references.main(["format", str(path)]) == 1
    assert path.read_bytes() == before
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{path}:4: unbalanced braces in '@article{{good2001fine': the '{{' on this line is still "
        "open where the field 'journal' starts (line 5): add the matching '}'",
        f"{path}: not formatted, the file is unchanged: fix the errors above first",
    ]


@pytest.mark.parametrize(
    "broken",
    [
        GOOD + "\n" + GOOD,  # duplicate key
        GOOD.replace("  year    = {2001},", "  Year = {2001},\n  year = {2002},"),  # field twice
        "Not a comment line.\n" + GOOD,  # stray text
    ],
)
def test_format_text_refuses_what_it_cannot_read_as_written(broken):
    """Duplicate keys, repeated fields and stray text stop the formatter too."""
    with pytest.raises(BibliographyError):
        format_text(broken)


def test_lossy_result_is_never_written(write_bib, monkeypatch, capsys):
    """The safety net: if the layout ever changed content, nothing is written."""
    path = write_bib(GOOD.replace("  author  =", "author="))
    before = path.read_bytes()
    monkeypatch.setattr(bibformat, "format_block", lambda block: "% lost")
    assert references.main(["format", str(path)]) == 1
    assert path.read_bytes() == before
    assert "formatting would change the file's content" in capsys.readouterr().out


def test_format_rewrites_and_keeps_permissions(write_bib, capsys):
    """format lays out an untidy file in place and keeps its mode (references.bib is read-only)."""
    path = write_bib(GOOD.replace("  author  = ", "author=").replace("}\n", "}"))
    path.chmod(0o444)
    assert references.main(["format", str(path)]) == 0
    assert path.read_text(encoding="utf-8") == GOOD
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    assert capsys.readouterr().out == f"{path}: formatted (1 entry laid out anew)\n"


def test_check_flag_names_the_entries_that_differ(write_bib, capsys):
    """--check writes nothing and exits 1, naming each unformatted entry and spacing hunk."""
    second = GOOD.replace("good2001fine", "good2001two").replace("  title   =", "  title=")
    path = write_bib(GOOD + "\n\n" + second)
    before = path.read_bytes()
    assert references.main(["format", "--check", str(path)]) == 1
    assert path.read_bytes() == before
    hint = "run `.venv/bin/python scripts/references.py format`"
    assert capsys.readouterr().out.splitlines() == [
        f"{path}:10: blank lines or comments here are not in the canonical layout: {hint}",
        f"{path}:12: entry 'good2001two' is not in the canonical layout: {hint}",
        f"{path}: not formatted",
    ]
    assert references.main(["format", str(path)]) == 0
    capsys.readouterr()
    assert references.main(["format", "--check", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: already formatted\n"


def test_format_reports_spacing_only_changes(write_bib, capsys):
    """When only blank lines change, the message says so."""
    path = write_bib(GOOD + "\n\n\n" + GOOD.replace("good2001fine", "good2001two"))
    assert references.main(["format", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: formatted (spacing only)\n"
    assert path.read_text(encoding="utf-8") == GOOD + "\n" + GOOD.replace(
        "good2001fine", "good2001two"
    )
