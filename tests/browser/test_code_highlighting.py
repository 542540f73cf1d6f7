"""Highlighted code is readable: every Pygments token colour passes WCAG contrast in each palette.

The pages may hold little highlighted code (most blocks are ```text), so the test brings its own:
a sample in several languages, rendered by the same Markdown extensions as the site, covering
every colour group Material's stylesheet gives tokens (--md-code-hl-*-color), on plain lines,
on highlighted lines (a tinted background) and inside an admonition. It is put into a real page
and axe-core checks its contrast, in light, dark, and dark printed (print forces light colours).
"""

from __future__ import annotations

import markdown
import pytest

from kit.browsing import DESKTOP, block_other_hosts, describe_violations, preload_axe

pytestmark = pytest.mark.browser

FENCE = "```"
SAMPLE = f"""
{FENCE}python hl_lines="2 4"
@decorator
def parse(path: str, limit=0x1F, *, strict=True) -> dict:  # a comment
    \"\"\"A docstring.\"\"\"
    text = open(path).read().replace("\\t", " ")  # highlighted line
    return {{"n": len(text) * 2.5, "ok": None or strict, "name": __name__}}

class Reader(Base):
    pass
{FENCE}

{FENCE}yaml hl_lines="2"
site_name: Example  # comment
theme: {{name: material, features: [toc.follow]}}
nav:
  - Home: index.md
{FENCE}

{FENCE}bash
# install, then build
export NO_MKDOCS_2_WARNING=1
.venv/bin/mkdocs build --strict -d "$HOME/site" 2>&1 | tail -n 5
{FENCE}

{FENCE}console
$ mkdocs build --strict
INFO    -  Documentation built in 1.20 seconds
{FENCE}

{FENCE}diff
--- a/references.bib
+++ b/references.bib
@@ -1,3 +1,3 @@
-  year = {{2018}},
+  year = {{2019}},
{FENCE}

{FENCE}html
<figure class="diagram" id="x"><!-- a comment --><a href="#step-1">&amp; Step 1</a></figure>
{FENCE}

!!! note "Inside an admonition"

    {FENCE}json hl_lines="1"
    {{"key": "value", "count": 3, "flag": false, "none": null}}
    {FENCE}
"""

# Material's colour groups for Pygments tokens: one class from each must be in the sample.
GROUPS = {
    "comment": "c1",
    "keyword": "k",
    "string": "s2",
    "number": "mh",
    "name": "n",
    "constant": "nb",
    "function": "nf",
    "variable": "nv",
    "operator": "o",
    "punctuation": "p",
    "special": "se",
    "generic": "gp",
    "deleted": "gd",
    "inserted": "gi",
}

MODES = {
    "light": {"color_scheme": "light", "media": "screen"},
    "dark": {"color_scheme": "dark", "media": "screen"},
    "dark-print": {"color_scheme": "dark", "media": "print"},
}


def sample_html() -> str:
    html = markdown.markdown(
        SAMPLE, extensions=["admonition", "pymdownx.details", "pymdownx.superfences"]
    )
    return f'<div id="code-sample">{html}</div>'


def test_the_sample_covers_every_token_colour():
    """The sample really holds a token of each colour group, on and off highlighted lines."""
    html = sample_html()
    missing = [group for group, cls in GROUPS.items() if f'class="{cls}"' not in html]
    assert not missing, f"the code sample has no token for: {', '.join(missing)}"
    assert 'class="hll"' in html and 'class="admonition note"' in html, html[:500]


@pytest.mark.parametrize("mode", MODES)
def test_code_token_colours_have_enough_contrast(site, browser, mode):
    """axe-core's color-contrast finds nothing in the sample's code, on a real page of the site."""
    settings = MODES[mode]
    context = browser.new_context(viewport=DESKTOP, color_scheme=settings["color_scheme"])
    block_other_hosts(context, site.base)
    preload_axe(context)
    page = context.new_page()
    page.emulate_media(media=settings["media"])
    page.goto(site.url("contributing/"), wait_until="load")
    page.locator("article").evaluate(
        "(a, html) => a.insertAdjacentHTML('beforeend', html)", sample_html()
    )
    # The site's stylesheet must actually colour the tokens, or there is nothing to check.
    colours = page.evaluate(
        """classes => classes.map(c => {
            const el = document.querySelector(`#code-sample .highlight .${c}`);
            return el ? getComputedStyle(el).color : null; })""",
        list(GROUPS.values()),
    )
    by_group = dict(zip(GROUPS, colours, strict=True))
    assert None not in colours, f"tokens missing from the page: {by_group}"
    assert len(set(colours)) >= 6, f"code tokens are barely coloured: {by_group}"
    result = page.evaluate(
        """() => axe.run({include: [['#code-sample']]},
                         {runOnly: {type: 'rule', values: ['color-contrast']}})"""
    )
    context.close()
    checked = len(result["passes"][0]["nodes"]) if result["passes"] else 0
    assert checked >= 20, f"axe checked only {checked} code elements: is the sample on the page?"
    report = describe_violations(result["violations"], "contributing/", f"code, {mode}", most=20)
    assert not report, "\n".join(report)
