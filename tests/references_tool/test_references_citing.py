"""Which keys count as cited: [@key] groups in prose and evidence sources in front matter."""

from __future__ import annotations

from ketamine_site.bibtools.citing import cited_keys, page_keys

PAGE = """\
---
title: A page
evidence:
  level: supported
  claim: Something.
  sources: [li2010mtor, "@maeng2008cellular"]
---

# A page

Ketamine does this [@zanos2016nmdar; @zanos2018ketamine, p. 621] and
that [see @berman2000antidepressant].

??? question "An admonition's body"

    Answer [@autry2011nmda].

        Indented code in it: [@indented2000nested]

Indented code, as Python-Markdown reads it:

    [@indented2000code]

<pre>
[@raw2000html]
</pre>

Not citations: an e-mail [me@example.org], a link [@handle](https://x.org),
an escaped \\[@escaped2000key], code `[@inline2000code]` and:

```markdown
[@fenced2000code]
```

<!-- [@commented2000out] -->
"""


def test_page_keys_cover_groups_and_evidence_sources():
    """Group keys (also with locators or bad prefixes) and front-matter sources count."""
    assert page_keys(PAGE) == {
        "li2010mtor",
        "maeng2008cellular",
        "zanos2016nmdar",
        "zanos2018ketamine",
        "berman2000antidepressant",
        "autry2011nmda",
    }


def test_single_source_string_counts():
    """'sources: key' (a string, not a list) is one source."""
    assert page_keys("---\nevidence:\n  sources: li2010mtor\n---\nText.\n") == {"li2010mtor"}


def test_broken_front_matter_is_left_to_the_build():
    """Invalid YAML does not crash the check; the page body is still scanned."""
    assert page_keys("---\nevidence: [unclosed\n---\nText [@li2010mtor].\n") == {"li2010mtor"}


def test_cited_keys_reads_every_page_below_docs(tmp_path):
    """Pages in subfolders count; other files do not."""
    (tmp_path / "mechanism").mkdir()
    (tmp_path / "index.md").write_text("See [@a2000x].\n", encoding="utf-8")
    (tmp_path / "mechanism" / "step.md").write_text("See [@b2001y].\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("See [@c2002z].\n", encoding="utf-8")
    assert cited_keys(tmp_path) == {"a2000x", "b2001y"}
