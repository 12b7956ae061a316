"""Score the extractor against a corpus of sentences with their expected targets.

Pure Python. A corpus is a JSON Lines file, one object a line: `{"text": ..., "targets": [...]}` where
each expected target has at least `lower`, `upper`, `unit`, `kind`, `start_year`, `year`,
`base_year` and, optionally, `indicator_text`.

A proposed target counts as found when lower, upper, unit, kind, start_year, year and base_year all
match an expected target of the same sentence (each expected target is matched at most once).
`indicator_text` is scored apart: the share of found targets whose indicator matches too.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tongket.extraction.extractor import ExtractedTarget, extract_targets

DEFAULT_CORPUS = Path(__file__).resolve().parent / "tests" / "corpus.jsonl"
MATCH_FIELDS = ("lower", "upper", "unit", "kind", "start_year", "year", "base_year")


class CorpusError(ValueError):
    """A corpus file that cannot be read; the message is Vietnamese and names the line."""


@dataclass
class Miss:
    """One sentence where the extractor and the corpus disagree."""

    line: int
    text: str
    missing: list[dict[str, Any]]
    unexpected: list[dict[str, Any]]


@dataclass
class Score:
    """Counts and rates over a corpus."""

    sentences: int = 0
    expected: int = 0
    proposed: int = 0
    found: int = 0
    indicator_matches: int = 0
    misses: list[Miss] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Share of proposed targets that the corpus expects (1.0 when nothing was proposed)."""
        return self.found / self.proposed if self.proposed else 1.0

    @property
    def recall(self) -> float:
        """Share of expected targets that were proposed (1.0 when nothing was expected)."""
        return self.found / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def indicator_accuracy(self) -> float:
        """Share of found targets whose indicator phrase matches too."""
        return self.indicator_matches / self.found if self.found else 1.0

    def summary(self) -> str:
        """A few lines for people: counts, precision, recall, F1 and indicator accuracy."""
        return (
            f"Số câu: {self.sentences}\n"
            f"Chỉ tiêu mong đợi: {self.expected}; đề xuất: {self.proposed}; đúng: {self.found}\n"
            f"precision: {self.precision:.4f}\n"
            f"recall: {self.recall:.4f}\n"
            f"F1: {self.f1:.4f}\n"
            f"indicator_text khớp: {self.indicator_accuracy:.4f}"
        )


def _number(value: Any) -> float | None:
    if value is None:
        return None
    return round(float(value), 6)


def _norm_text(value: Any) -> str:
    text = unicodedata.normalize("NFC", str(value or ""))
    return " ".join(text.split()).casefold()


def match_key(target: dict[str, Any]) -> tuple[Any, ...]:
    """The fields that must all match for a target to count as found."""
    return (
        _number(target.get("lower")),
        _number(target.get("upper")),
        " ".join(unicodedata.normalize("NFC", str(target.get("unit") or "")).split()),
        target.get("kind") or "level",
        target.get("start_year"),
        target.get("year"),
        target.get("base_year"),
    )


def load_corpus(path: str | Path) -> list[dict[str, Any]]:
    """Read a JSON Lines corpus; refuse a malformed line with a Vietnamese message naming it."""
    entries: list[dict[str, Any]] = []
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise CorpusError(f"Không tìm thấy tệp ngữ liệu: {path}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"Không đọc được tệp ngữ liệu {path}: {exc}") from exc
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(
                f"Dòng {number} của ngữ liệu không phải JSON hợp lệ: {exc.msg}"
            ) from exc
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("text"), str)
            or not isinstance(entry.get("targets"), list)
        ):
            raise CorpusError(f'Dòng {number} của ngữ liệu thiếu "text" hoặc "targets"')
        entry["_line"] = number
        entries.append(entry)
    return entries


def score_entries(
    entries: Iterable[dict[str, Any]],
    extract: Callable[[str], list[ExtractedTarget]] = extract_targets,
) -> Score:
    """Run `extract` on every sentence and compare with the expected targets."""
    score = Score()
    for entry in entries:
        score.sentences += 1
        expected = [t for t in entry["targets"] if isinstance(t, dict)]
        proposed = [t.to_dict() for t in extract(entry["text"])]
        score.expected += len(expected)
        score.proposed += len(proposed)
        remaining = list(expected)
        unexpected: list[dict[str, Any]] = []
        for target in proposed:
            key = match_key(target)
            hit = next((e for e in remaining if match_key(e) == key), None)
            if hit is None:
                unexpected.append(target)
                continue
            remaining.remove(hit)
            score.found += 1
            if _norm_text(hit.get("indicator_text")) == _norm_text(target.get("indicator_text")):
                score.indicator_matches += 1
        if remaining or unexpected:
            score.misses.append(Miss(entry.get("_line", 0), entry["text"], remaining, unexpected))
    return score


def score_corpus(path: str | Path = DEFAULT_CORPUS) -> Score:
    """Score the extractor over the corpus file at `path` (the tests' corpus by default)."""
    return score_entries(load_corpus(path))


def format_misses(score: Score, limit: int = 50) -> str:
    """The disagreements, for a person tuning the extractor."""
    lines: list[str] = []
    for miss in score.misses[:limit]:
        lines.append(f"[dòng {miss.line}] {miss.text}")
        for target in miss.missing:
            lines.append("  thiếu:   " + json.dumps(_brief(target), ensure_ascii=False))
        for target in miss.unexpected:
            lines.append("  thừa:    " + json.dumps(_brief(target), ensure_ascii=False))
    return "\n".join(lines)


def _brief(target: dict[str, Any]) -> dict[str, Any]:
    keys = ("indicator_text", *MATCH_FIELDS)
    return {k: target.get(k) for k in keys}
