"""The cascade diagram on the home page: each step's link opens the page about that step."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

STOPWORDS = {"step", "the", "and", "a", "an", "of", "in", "on", "by", "with", "to", "from", "for"}


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOPWORDS and len(w) > 1}


def step_number(text: str) -> str | None:
    match = re.search(r"\bstep\s+(\d+)|^\s*(\d+)[.:]", text, re.IGNORECASE)
    return (match.group(1) or match.group(2)) if match else None


def test_each_diagram_step_opens_its_page(site, page):
    """Every link in the home page's diagram loads (HTTP 200) a page whose h1 names that step."""
    page.goto(site.url(""))
    links = page.locator("figure.diagram svg a")
    assert links.count() > 0, "the home page has no linked diagram (figure.diagram svg a)"
    steps = links.evaluate_all(
        """els => els.map(a => ({
            href: new URL(a.getAttribute('href') ?? a.getAttribute('xlink:href'), location).href,
            label: a.getAttribute('aria-label') || a.textContent.replace(/\\s+/g, ' ').trim()}))"""
    )
    problems = []
    for step in steps:
        response = page.goto(step["href"])
        if response is None or response.status != 200:
            status = response.status if response else "no response"
            problems.append(f"{step['label']!r} → {step['href']}: HTTP {status}")
            continue
        h1 = page.locator("article h1").first.inner_text().replace("¶", "").strip()
        title = page.title()
        number, target_number = step_number(step["label"]), step_number(h1)
        if number and target_number and number != target_number:
            problems.append(f"{step['label']!r} → {step['href']}: the page is step {target_number}")
        elif not words(step["label"]) & (words(h1) | words(title.split(" - ")[0])):
            problems.append(f"{step['label']!r} → {step['href']}: lands on {h1!r}, another subject")
    assert not problems, "diagram links that do not lead to their step:\n" + "\n".join(problems)
