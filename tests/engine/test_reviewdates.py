"""Review dates: read from the front matter with their line, due twelve months on, build-dated."""

from __future__ import annotations

from datetime import date

import pytest

from ketamine_site.reviewdates import (
    Review,
    ReviewProblem,
    add_months,
    ama_date,
    build_date,
    is_reviewed_page,
    read_review,
    review_html,
)

PAGE = """---
title: A page
description: What it is about.
reviewed: {value}
---

# A page
"""


def test_the_review_date_and_its_line_are_read():
    review = read_review(PAGE.format(value="2026-12-03"))
    assert review == Review(date(2026, 12, 3), 4)
    assert review.due == date(2027, 12, 3)


def test_a_quoted_date_is_accepted():
    assert read_review(PAGE.format(value='"2026-12-03"')) == Review(date(2026, 12, 3), 4)


@pytest.mark.parametrize(
    ("value", "words"),
    [("2026-1-3", "is not a date"), ("3 December 2026", "is not a date"),
     ("2026-02-30", "not a real day"), ("", "is not a date")],
)  # fmt: skip
def test_a_malformed_date_is_reported_on_its_line(value, words):
    problem = read_review(PAGE.format(value=value))
    assert isinstance(problem, ReviewProblem)
    assert problem.line == 4
    assert words in problem.message
    assert "reviewed: YYYY-MM-DD" in problem.message  # the fix


def test_a_page_without_a_review_date_is_reported():
    problem = read_review("---\ntitle: A page\n---\n\n# A page\n")
    assert isinstance(problem, ReviewProblem)
    assert "no 'reviewed:'" in problem.message
    assert read_review("# No front matter\n").line is None


def test_a_review_date_outside_the_front_matter_does_not_count():
    text = "---\ntitle: A page\n---\n\nreviewed: 2026-12-03\n"
    assert isinstance(read_review(text), ReviewProblem)


def test_twelve_months_on_keeps_the_day_or_takes_the_months_last():
    assert add_months(date(2026, 12, 3), 12) == date(2027, 12, 3)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)


def test_a_page_is_overdue_only_after_its_due_day():
    review = Review(date(2025, 12, 3), 4)
    assert not review.overdue(date(2026, 12, 3))
    assert review.overdue(date(2026, 12, 4))


def test_the_build_date_follows_source_date_epoch():
    assert build_date({"SOURCE_DATE_EPOCH": "1000000000"}) == date(2001, 9, 9)
    assert build_date({}) >= date(2026, 1, 1)


def test_contributing_pages_and_the_changelog_carry_no_review_date():
    assert is_reviewed_page("index.md")
    assert is_reviewed_page("mechanism/nmda-blockade.md")
    assert not is_reviewed_page("contributing/adding-a-page.md")
    assert not is_reviewed_page("changelog.md")


def test_dates_are_written_as_ama_writes_them():
    assert ama_date(date(2026, 12, 3)) == "December 3, 2026"


def test_the_line_under_the_title():
    review = Review(date(2026, 12, 3), 4)
    assert review_html(review, date(2026, 12, 3), "cite-this-page") == (
        '<p class="page-review">Last reviewed <time datetime="2026-12-03">December 3, 2026'
        '</time> · Next review due <time datetime="2027-12-03">December 3, 2027</time> · '
        '<a href="#cite-this-page">Cite this page</a></p>'
    )
    assert "(overdue)" in review_html(review, date(2028, 1, 1))
