"""Show a pasted text with the words each proposed target came from highlighted (`<mark>`).

The text is user input: every piece of it is escaped; only the `<mark>` tags written here are markup.
A long text is cut down to the stretches around the targets (`condense`) before it is shown and carried
to the confirm step, so that the page stays small.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

# Texts longer than this are shown as excerpts around the marks.
FULL_TEXT_CHARS = 100_000
EXCERPT_REACH = 300
# `condense` keeps this much text each side of a target: enough for its whole sentence.
CONDENSE_REACH = 700
SEPARATOR = "\n…\n"


@dataclass(frozen=True)
class Mark:
    """The range [start, end) of the text to highlight, and the row number it belongs to."""

    start: int
    end: int
    number: int


def highlight(
    text: str, marks: Sequence[Mark], full_text_chars: int = FULL_TEXT_CHARS
) -> SafeString:
    """The escaped text with `<mark id="src-N">` around each mark (overlaps clipped, bad ranges skipped).

    A text longer than `full_text_chars` is cut to the stretches around the marks, joined by `…`.
    """
    good = sorted(
        (m for m in marks if 0 <= m.start < m.end <= len(text)), key=lambda m: (m.start, m.end)
    )
    short = len(text) <= full_text_chars
    windows = [(0, len(text))] if short else _windows(good, len(text))
    parts: list[str] = []
    for index, (low, high) in enumerate(windows):
        if index or low > 0:
            parts.append('<span class="text-muted"> … </span>')
        parts.append(_render(text, low, high, [m for m in good if low <= m.start < high]))
    if windows and windows[-1][1] < len(text):
        parts.append('<span class="text-muted"> …</span>')
    return mark_safe("".join(parts))  # noqa: S308 - every piece of the text went through escape()


def _windows(marks: Sequence[Mark], length: int) -> list[tuple[int, int]]:
    """Merged stretches [start − reach, end + reach) around the marks."""
    windows: list[tuple[int, int]] = []
    for mark in marks:
        low, high = max(0, mark.start - EXCERPT_REACH), min(length, mark.end + EXCERPT_REACH)
        if windows and low <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], high))
        else:
            windows.append((low, high))
    return windows


def _render(text: str, low: int, high: int, marks: Sequence[Mark]) -> str:
    parts: list[str] = []
    cursor = low
    for mark in marks:
        start = max(mark.start, cursor)  # an overlap with the previous mark is clipped
        end = min(mark.end, high)
        if start >= end:
            continue
        parts.append(escape(text[cursor:start]))
        parts.append(
            format_html(
                '<mark class="source-span" id="src-{}" data-row="{}"><sup class="mark-number">{}</sup>{}</mark>',
                mark.number,
                mark.number,
                mark.number,
                text[start:end],
            )
        )
        cursor = end
    parts.append(escape(text[cursor:high]))
    return "".join(parts)


def condense(
    text: str,
    spans: Sequence[tuple[int, int]],
    limit: int = FULL_TEXT_CHARS,
    reach: int = CONDENSE_REACH,
) -> tuple[str, list[tuple[int, int] | None]]:
    """A text no longer than needed: itself when short, else the stretches around the spans joined by
    `…` lines, with the spans moved to where they now are (None for a span outside the text)."""
    if len(text) <= limit:
        return text, [span if 0 <= span[0] <= span[1] <= len(text) else None for span in spans]
    valid = sorted(s for s in spans if 0 <= s[0] <= s[1] <= len(text))
    windows: list[tuple[int, int]] = []
    for start, end in valid:
        low, high = max(0, start - reach), min(len(text), end + reach)
        if windows and low <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], high))
        else:
            windows.append((low, high))
    pieces: list[str] = []
    shift: list[tuple[int, int, int]] = []  # (low, high, offset of low in the condensed text)
    position = 0
    for low, high in windows:
        if pieces:
            pieces.append(SEPARATOR)
            position += len(SEPARATOR)
        shift.append((low, high, position))
        pieces.append(text[low:high])
        position += high - low
    moved: list[tuple[int, int] | None] = []
    for start, end in spans:
        found = next(((at - low) for low, high, at in shift if low <= start and end <= high), None)
        moved.append(None if found is None else (start + found, end + found))
    return "".join(pieces), moved
