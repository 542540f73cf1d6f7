"""Review dates: each content page says when it was last checked against its sources.

A content page declares ``reviewed: YYYY-MM-DD`` in its front matter. Readers see the date near
the title with the date the next review is due (twelve months on); a page whose due date has
passed by the build date is reported, so a strict build fails until someone re-reads it.

The build date is the day of ``SOURCE_DATE_EPOCH`` when it is set (reproducible builds, the
reproducible-builds.org convention MkDocs follows for its sitemap), otherwise today in UTC.
The line is read from the source text, not from MkDocs' parsed metadata, because a warning must
name the line to change, and YAML would accept forms (``2026-1-3``, a bare year) we reject.
"""

from __future__ import annotations

import calendar
import html
import os
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from ketamine_site import frontmatter

REVIEW_MONTHS = 12
# Pages about the site rather than about ketamine: they are not reviewed against sources.
NOT_REVIEWED = ("contributing/", "changelog.md")

_REVIEWED_LINE = re.compile(r"^reviewed:[ \t]*(.*?)[ \t]*(?:#.*)?$", re.MULTILINE)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_FIX = "write the day you last checked the page against its sources as reviewed: YYYY-MM-DD"


@dataclass(frozen=True)
class Review:
    reviewed: date
    line: int  # 1-based line of `reviewed:` in the page's file

    @property
    def due(self) -> date:
        return add_months(self.reviewed, REVIEW_MONTHS)

    def overdue(self, today: date) -> bool:
        return today > self.due


@dataclass(frozen=True)
class ReviewProblem:
    line: int | None
    message: str


def build_date(environ: dict | None = None) -> date:
    """The build's day: SOURCE_DATE_EPOCH's (UTC) when set, else today's (UTC)."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return datetime.fromtimestamp(int(epoch), UTC).date()
    return datetime.now(UTC).date()


def is_reviewed_page(src_uri: str) -> bool:
    """Whether a page (path under docs/, with forward slashes) must carry a review date."""
    return not any(
        src_uri.startswith(prefix) if prefix.endswith("/") else src_uri == prefix
        for prefix in NOT_REVIEWED
    )


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the month's last day when it has no such day (29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def read_review(source: str) -> Review | ReviewProblem:
    """The page's review date, or why it has none usable (with the line to fix, if any)."""
    block = frontmatter.split(source)
    if not block.found:
        return ReviewProblem(None, f"no front matter with a review date: {_FIX}")
    found = _REVIEWED_LINE.search(block.yaml)
    if not found:
        return ReviewProblem(2, f"no 'reviewed:' in the front matter: {_FIX}")
    line = block.yaml.count("\n", 0, found.start()) + 2  # +1 for '---', +1 for 1-based
    value = found.group(1).strip("\"'")
    if not _ISO_DAY.fullmatch(value):
        return ReviewProblem(line, f"'reviewed: {found.group(1)}' is not a date: {_FIX}")
    try:
        return Review(date.fromisoformat(value), line)
    except ValueError:
        return ReviewProblem(line, f"'reviewed: {value}' is not a real day: {_FIX}")


def overdue_message(review: Review, today: date) -> str:
    return (
        f"last reviewed {review.reviewed.isoformat()}, more than {REVIEW_MONTHS} months before "
        f"this build ({today.isoformat()}); its review was due {review.due.isoformat()}. Re-read "
        "the page against its sources, correct what has changed (and add a changelog entry), "
        "then set reviewed: to that day"
    )


def ama_date(day: date) -> str:
    """'December 3, 2026': AMA style's form, used on the page too, so that the review line and
    the citation beneath it give the same day the same way (the site is in American English)."""
    return f"{calendar.month_name[day.month]} {day.day}, {day.year}"


def _time(day: date) -> str:
    return f'<time datetime="{day.isoformat()}">{ama_date(day)}</time>'


def review_html(review: Review, today: date, cite_anchor: str | None = None) -> str:
    """The line shown under the page's title: last reviewed, next review due, a link to cite."""
    parts = [f"Last reviewed {_time(review.reviewed)}", f"Next review due {_time(review.due)}"]
    if review.overdue(today):
        parts[1] += ' <strong class="page-review__overdue">(overdue)</strong>'
    if cite_anchor:
        parts.append(f'<a href="#{html.escape(cite_anchor)}">Cite this page</a>')
    return '<p class="page-review">' + " · ".join(parts) + "</p>"
