"""The benchmark data set is deterministic and national: 34 provinces, 300 indicators, every target kind."""

from __future__ import annotations

import json

from tongket.figures import benchdata


def test_the_same_seed_writes_the_same_files(tmp_path):
    first = benchdata.generate(5000, 7, tmp_path / "a")
    second = benchdata.generate(5000, 7, tmp_path / "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert (tmp_path / "a" / "bundle.json").read_bytes() == (
        tmp_path / "b" / "bundle.json"
    ).read_bytes()
    assert sum(len(p.read_text().splitlines()) - 1 for p in first) == 5000


def test_the_bundle_is_national_with_targets_of_every_kind(tmp_path):
    benchdata.generate(10, 1, tmp_path)
    bundle = json.loads((tmp_path / "bundle.json").read_text())
    assert bundle["format"] == "tongket-bundle/1"
    assert len([a for a in bundle["areas"] if a.get("level") == "province"]) == 34
    assert len(bundle["indicators"]) == 300
    assert {i["kind"] for i in bundle["indicators"]} == {"level", "growth"}
    assert {t["kind"] for t in bundle["targets"]} == {
        "level",
        "average_growth",
        "cumulative",
        "ratio_to_base",
    }
    assert any(t["indicator"] is None for t in bundle["targets"])  # a qualitative target


def test_ten_million_values_fit_in_the_generated_key_space():
    assert benchdata.capacity() >= 10_000_000
