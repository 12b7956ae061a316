"""Highlighting a target's words in the pasted text (no database)."""

from __future__ import annotations

from tongket.extraction.marking import Mark, condense, highlight


def test_each_mark_wraps_its_words_and_the_rest_is_escaped():
    text = "<b>x</b> GRDP đạt 14.740 USD & hơn"
    start = text.index("GRDP")
    html = str(highlight(text, [Mark(start, start + 19, 1)]))
    assert html.startswith("&lt;b&gt;x&lt;/b&gt; ")
    assert '<mark class="source-span" id="src-1" data-row="1">' in html
    assert "GRDP đạt 14.740 USD</mark> &amp; hơn" in html


def test_markup_inside_a_mark_is_escaped_too():
    html = str(highlight("<i>1%</i>", [Mark(0, 9, 1)]))
    assert "<i>" not in html
    assert "&lt;i&gt;1%&lt;/i&gt;</mark>" in html


def test_overlapping_marks_are_clipped_and_bad_ranges_skipped():
    html = str(
        highlight("abcdefghij", [Mark(0, 5, 1), Mark(3, 8, 2), Mark(7, 99, 3), Mark(4, 2, 4)])
    )
    assert html.count("<mark") == 2
    assert "abcde</mark>" in html
    assert "fgh</mark>ij" in html


def test_a_long_text_is_shown_as_excerpts_around_the_marks():
    text = "x" * 5000 + "GRDP đạt 14.740 USD" + "y" * 5000
    html = str(highlight(text, [Mark(5000, 5019, 1)], full_text_chars=1000))
    assert "GRDP đạt 14.740 USD</mark>" in html
    assert len(html) < 1000
    assert html.count("…") == 2


def test_a_short_text_is_not_condensed():
    assert condense("abc", [(0, 2), (2, 9)]) == ("abc", [(0, 2), None])


def test_a_long_text_keeps_only_the_stretches_around_its_spans():
    text = "a" * 1000 + "GRDP đạt 14.740 USD" + "b" * 5000 + "tỷ lệ hộ nghèo dưới 1%" + "c" * 1000
    first = (1000, 1019)
    second = (6019, 6041)
    short, (moved_first, moved_second) = condense(text, [first, second], limit=100, reach=10)
    assert short.startswith("a" * 10 + "GRDP")
    assert short[moved_first[0] : moved_first[1]] == "GRDP đạt 14.740 USD"
    assert short[moved_second[0] : moved_second[1]] == "tỷ lệ hộ nghèo dưới 1%"
    assert "\n…\n" in short
    assert len(short) < 100
