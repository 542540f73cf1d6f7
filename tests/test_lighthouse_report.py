"""scripts/lighthouse.py reads a real Lighthouse report: the scores, the metrics behind the
performance score, and which script keeps the main thread busiest."""

import json
from pathlib import Path

from lighthouse import _metrics_line, busiest_scripts, metrics, summary

REPORT = json.loads(
    (Path(__file__).parent / "fixtures" / "lighthouse" / "home-report.json").read_text()
)
BASE = REPORT["requestedUrl"]


def test_the_scores_are_percentages_and_the_bytes_whole():
    s = summary(REPORT)
    assert (s["performance"], s["accessibility"], s["best-practices"], s["seo"]) == (
        98,
        100,
        100,
        100,
    )
    assert s["bytes"] == 181496
    assert s["cpu"] == 3706.5


def test_the_five_metrics_come_from_their_audits():
    m = metrics(REPORT)
    assert list(m) == ["FCP", "LCP", "SI", "TBT", "CLS"]
    assert round(m["FCP"]) == 1706 and round(m["LCP"]) == 1781 and round(m["TBT"]) == 120
    assert m["CLS"] == 0


def test_the_theme_script_is_named_first_and_relative_to_the_site():
    ranked = busiest_scripts(REPORT, BASE)
    assert [url for url, _ in ranked] == [
        "assets/javascripts/bundle.a5f9d56c.min.js",
        "Unattributable",
        "(the page)",
    ]
    assert ranked[0][1] > ranked[1][1] > ranked[2][1]


def test_a_report_without_an_audit_shows_a_question_mark_not_a_crash():
    partial = {"audits": {"first-contentful-paint": {"numericValue": 900.0}}}
    assert metrics(partial)["TBT"] is None
    assert busiest_scripts(partial, BASE) == []
    line = _metrics_line("", partial, BASE)
    assert line.split()[1:3] == ["900", "?"]
