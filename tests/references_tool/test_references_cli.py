"""scripts/references.py run as a user runs it: a new process, its output and its exit code."""

from __future__ import annotations

import re

from bibcases import GOOD, REAL_BIB, good_copy

BAD = (
    GOOD
    + """
% seen: PubMed 2.
@article{Good2001Other,
  author  = {Good, Gail},
  title   = {Other},
  journal = {J Test},
  year    = {2001},
  doi     = {doi:10.1000/xyz},
}

% seen: PubMed 3.
@article{good2001fine,
  author  = {Good, Gail},
  title   = {Copy},
  journal = {J Test},
  year    = {2001},
  doi     = {10.1000/copy.2001},
}
"""
)


def test_check_passes_on_the_real_references_bib(run_cli):
    """The project's own bibliography has no errors (uncited entries may be warned about)."""
    result = run_cli("check")
    assert result.returncode == 0, result.stdout
    *lines, summary = result.stdout.splitlines()
    assert all(": warning: " in line for line in lines), lines
    assert re.fullmatch(r"references\.bib: \d+ entries, 0 errors, \d+ warnings?", summary)


def test_real_references_bib_is_formatted(run_cli):
    """format --check passes on the committed file (what the pre-commit hook runs)."""
    result = run_cli("format", "--check")
    assert (result.returncode, result.stdout) == (0, "references.bib: already formatted\n")


def test_check_lists_every_error_and_exits_1(run_cli, write_bib):
    """A bad file: every problem on its own file:line line, a summary, exit code 1."""
    path = write_bib(BAD)
    result = run_cli("check", "refs.bib", cwd=path.parent)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "refs.bib:11: entry 'Good2001Other' has a malformed doi 'doi:10.1000/xyz': "
        "a DOI looks like 10.1234/abc (no https://doi.org/ prefix)",
        "refs.bib:11: key 'Good2001Other' has characters other than lowercase letters, digits "
        "and underscores: rename it to 'good2001other' and update the pages that cite it",
        "refs.bib:20: duplicate key 'good2001fine' (first defined at line 2): "
        "rename one entry or delete the copy",
        "refs.bib: 3 entries, 3 errors, 0 warnings",
    ]
    assert result.stderr == ""


def test_uncited_entries_are_warnings_and_keep_exit_code_0(run_cli, write_bib):
    """Keys cited in docs/ (text or evidence sources) count; the rest are warnings only."""
    path = write_bib(GOOD + "\n" + good_copy("good2001other"))
    docs = path.parent / "docs" / "mechanism"
    docs.mkdir(parents=True)
    (docs / "page.md").write_text(
        "---\nevidence:\n  sources: [good2001fine]\n---\n\n# Page\n\n`[@good2001other]`\n",
        encoding="utf-8",
    )
    result = run_cli("check", "refs.bib", cwd=path.parent)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "refs.bib:11: warning: entry 'good2001other' is not cited on any page: "
        "cite it with [@good2001other], or delete it if no page needs it",
        "refs.bib: 2 entries, 0 errors, 1 warning",
    ]


def test_docs_option_points_at_another_folder(run_cli, write_bib, tmp_path):
    """--docs names the pages to scan when they are not beside the file."""
    path = write_bib(GOOD)
    pages = tmp_path / "elsewhere"
    pages.mkdir()
    (pages / "p.md").write_text("Cited [@good2001fine].\n", encoding="utf-8")
    result = run_cli("check", str(path), "--docs", str(pages))
    assert (result.returncode, result.stdout) == (0, f"{path}: 1 entry, 0 errors, 0 warnings\n")


def test_missing_file_is_an_error(run_cli, tmp_path):
    """A wrong path says so, with exit code 1, for both commands."""
    for command in ("check", "format"):
        result = run_cli(command, "nope.bib", cwd=tmp_path)
        assert result.returncode == 1
        assert result.stdout.splitlines()[0] == (
            "nope.bib: bibliography file not found: create it or fix the path"
        )


def test_format_refuses_a_broken_file_and_leaves_it_untouched(run_cli, write_bib):
    """Exit 1, the problems listed, the file's bytes unchanged."""
    path = write_bib(GOOD.replace("\n}\n", "\n") + "\n" + GOOD.replace("good2001fine", "x2001y"))
    before = path.read_bytes()
    result = run_cli("format", "refs.bib", cwd=path.parent)
    assert result.returncode == 1
    assert path.read_bytes() == before
    assert result.stdout.splitlines()[1:] == [
        "refs.bib:2: '@article{good2001fine' has no closing '}' before line 10: "
        "add it after its last field",
        "refs.bib: not formatted, the file is unchanged: fix the errors above first",
    ]


def test_format_check_then_format_then_check(run_cli, write_bib):
    """--check fails on an untidy file and writes nothing; format fixes it; --check then passes."""
    untidy = GOOD.replace("  journal = {J Test},\n", "").replace(
        "{2001},", "{2001}, journal={J Test},"
    )
    path = write_bib(untidy)
    result = run_cli("format", "--check", "--diff", "refs.bib", cwd=path.parent)
    assert result.returncode == 1
    assert path.read_text(encoding="utf-8") == untidy
    assert "+  journal = {J Test},\n" in result.stdout
    assert result.stdout.splitlines()[-2:] == [
        "refs.bib:2: entry 'good2001fine' is not in the canonical layout: "
        "run `.venv/bin/python scripts/references.py format`",
        "refs.bib: not formatted",
    ]
    assert run_cli("format", "refs.bib", cwd=path.parent).returncode == 0
    assert path.read_text(encoding="utf-8") == GOOD
    assert run_cli("format", "--check", "refs.bib", cwd=path.parent).returncode == 0


def test_default_file_is_the_repository_references_bib(run_cli, tmp_path):
    """Run from anywhere, the commands read references.bib at the repository root."""
    result = run_cli("format", "--check", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, f"{REAL_BIB}: already formatted\n")


def test_no_command_is_a_usage_error(run_cli):
    """argparse's usage message and exit code 2."""
    result = run_cli()
    assert result.returncode == 2
    assert "usage: references.py" in result.stderr


def test_check_and_format_stop_on_a_missing_comma(run_cli, write_bib):
    """`check` names the field and line; `format` refuses rather than write the merged field."""
    path = write_bib(GOOD.replace("  year    = {2001},", "  year    = {2001}\n  volume  = {1},"))
    before = path.read_bytes()
    expected = (
        "refs.bib:6: entry 'good2001fine': missing comma after field 'year'? Its value runs on "
        "into 'volume =' on the next line: end the year line with a comma"
    )
    check = run_cli("check", "refs.bib", "--docs", str(path.parent), cwd=path.parent)
    assert check.returncode == 1
    assert expected in check.stdout.splitlines()
    result = run_cli("format", "refs.bib", cwd=path.parent)
    assert result.returncode == 1
    assert path.read_bytes() == before
    assert result.stdout.splitlines()[0] == expected
