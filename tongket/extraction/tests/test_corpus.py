"""The extractor's score on the corpus of resolution sentences (tests/corpus.jsonl)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tongket.extraction.scoring import (
    DEFAULT_CORPUS,
    CorpusError,
    load_corpus,
    score_corpus,
    score_entries,
)


def test_the_corpus_has_at_least_100_sentences_with_and_without_targets() -> None:
    entries = load_corpus(DEFAULT_CORPUS)
    assert len(entries) >= 100
    assert sum(1 for e in entries if not e["targets"]) >= 10
    assert sum(len(e["targets"]) for e in entries) >= 100


def test_the_extractor_reaches_f1_of_at_least_0_97_on_the_corpus() -> None:
    score = score_corpus()
    assert score.f1 >= 0.97, score.summary()


def test_a_target_counts_only_when_every_scored_field_matches() -> None:
    entry = {
        "text": "Đến năm 2025, tỷ lệ hộ nghèo dưới 1%.",
        "targets": [
            {
                "lower": None,
                "upper": 1,
                "unit": "%",
                "kind": "level",
                "start_year": None,
                "year": 2030,
                "base_year": None,
                "indicator_text": "tỷ lệ hộ nghèo",
            }
        ],
    }
    score = score_entries([entry])
    assert (score.found, score.proposed, score.expected) == (0, 1, 1)
    entry["targets"][0]["year"] = 2025
    score = score_entries([entry])
    assert (score.found, score.precision, score.recall, score.f1) == (1, 1.0, 1.0, 1.0)


def test_the_indicator_is_scored_apart_from_the_match() -> None:
    entry = {
        "text": "Tỷ lệ hộ nghèo dưới 1%.",
        "targets": [
            {
                "lower": None,
                "upper": 1,
                "unit": "%",
                "kind": "level",
                "start_year": None,
                "year": None,
                "base_year": None,
                "indicator_text": "một chỉ số khác",
            }
        ],
    }
    score = score_entries([entry])
    assert score.found == 1
    assert score.indicator_accuracy == 0.0


def test_a_malformed_corpus_line_is_refused_with_its_line_number(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(
        json.dumps({"text": "a", "targets": []}) + "\n{không phải json\n", encoding="utf-8"
    )
    with pytest.raises(CorpusError, match="Dòng 2"):
        load_corpus(path)
