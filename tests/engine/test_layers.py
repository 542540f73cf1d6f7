"""A lesson's layers: the core, the "Go deeper" blocks, and the core's reading time."""

from __future__ import annotations

from ketamine_site import layers

PAGE = """\
---
title: T
---

# T

## In brief { #in-brief }

One two three four five.

??? note "Go deeper: the detail"

    Six seven eight.

    Nine ten.

Eleven twelve.

## Check yourself { #check-yourself }

??? question "Thirteen?"

    Fourteen.
"""


def test_the_core_leaves_out_go_deeper_blocks_and_check_yourself():
    core, deeper = layers.split(PAGE)
    assert "Six seven eight." in deeper and "Eleven" not in deeper
    assert "Six" not in core and "Thirteen" not in core and "Eleven twelve." in core
    assert layers.core_words(PAGE) == 7
    assert layers.deeper_words(PAGE) == 5


def test_reading_time_rounds_up_to_whole_minutes():
    assert [layers.minutes(n) for n in (0, 1, 200, 201, 1200)] == [1, 1, 1, 2, 6]


def test_the_reading_time_line_names_both_layers():
    assert layers.reading_time_html(PAGE) == (
        '<p class="page-reading-time">Core reading time: 1 min · '
        "“Go deeper” sections: 1 min more</p>"
    )
    assert "Go deeper" not in layers.reading_time_html("# T\n\n## In brief\n\nShort.\n")
