"""`tongket bundle import` of a bundle with targets of every kind, bound and direction, then `tongket assess`."""

from __future__ import annotations

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tongket.assessment import rules
from tongket.assessment.management.commands.assess import JSON_FIELDS
from tongket.assessment.services import target_spec
from tongket.figures.models import Figure, FigureStatus
from tongket.organizations.models import Area
from tongket.resolutions.models import Indicator, Resolution, Target
from tongket.reviews.models import Review

RESOLUTION = "99-NQ/TEST"


def _value(
    indicator: str, period: int, value: float, basis: str = "official", area: str = "HP"
) -> dict:
    return {
        "indicator": indicator,
        "area": area,
        "period": str(period),
        "value": value,
        "basis": basis,
    }


def bundle() -> dict:
    """Targets of every kind, bound and direction on figures of Hải Phòng (and the country beside)."""
    grdp = [
        (2015, 100000),
        (2016, 112000),
        (2017, 126000),
        (2018, 141000),
        (2019, 160000),
        (2020, 192541.5),
    ]
    values = [_value("GRDP", y, v) for y, v in grdp]
    values += [
        _value("GROWTH", y, g) for y, g in zip(range(2016, 2021), (10, 12, 14, 16, 18), strict=True)
    ]
    values += [
        _value("URBAN", 2018, 66.0),
        _value("URBAN", 2019, 69.0),
        _value("URBAN", 2020, 72.5),
    ]
    values += [
        _value("URBAN", 2020, 80.0, basis="preliminary"),
        _value("URBAN", 2020, 60.0, basis="estimate"),
    ]
    values += [_value("POVERTY", 2020, 0.8)]
    values += [
        _value("FDI", y, v)
        for y, v in zip(range(2016, 2021), (1000, 1200, 1500, 1800, 2000), strict=True)
    ]
    values += [_value("EXPORT", 2015, 10), _value("EXPORT", 2020, 25)]
    values += [_value("URBAN", 2020, 40.0, area="VN")]
    t = [
        # code, indicator, kind, lower, upper, direction, extra
        ("T01", "GRDP", "average_growth", 12, 13, "increase", {"start_year": 2016, "year": 2020}),
        (
            "T02",
            "GROWTH",
            "average_growth",
            15,
            None,
            "increase",
            {"start_year": 2016, "year": 2020},
        ),
        (
            "T03",
            "GROWTH",
            "average_growth",
            14.5,
            None,
            "increase",
            {"start_year": 2016, "year": 2020},
        ),
        ("T04", "URBAN", "level", 70, None, "increase", {"year": 2020}),
        ("T05", "URBAN", "level", 75, 75, "increase", {"year": 2020}),
        ("T06", "POVERTY", "level", None, 1, "decrease", {"year": 2020}),
        ("T07", "POVERTY", "level", 0.3, 0.5, "decrease", {"year": 2020}),
        ("T08", "POVERTY", "level", 1, 1, "decrease", {"year": 2020}),
        ("T09", "POVERTY", "level", None, 0.78, "decrease", {"year": 2020}),
        ("T10", "FDI", "cumulative", 7000, None, "increase", {"start_year": 2016, "year": 2020}),
        ("T11", "FDI", "cumulative", 8000, 9000, "increase", {"start_year": 2016, "year": 2020}),
        ("T12", "EXPORT", "ratio_to_base", 2, 2.2, "increase", {"base_year": 2015, "year": 2020}),
        ("T13", "URBAN", "level", 80, None, "increase", {"year": 2025}),
        ("T14", "GRDP", "level", 300000, None, "increase", {"year": 2021}),
        ("T15", None, "level", None, None, "increase", {}),
        ("T16", "URBAN", "level", 75, 80, "increase", {"year": 2020, "approximate": True}),
        ("T17", "POVERTY", "level", 0.5, None, "decrease", {"year": 2020}),
        ("T18", "URBAN", "level", None, 70, "increase", {"year": 2020}),
        ("T19", "EXPORT", "ratio_to_base", None, 3, "decrease", {"base_year": 2015, "year": 2020}),
        ("T20", "FDI", "cumulative", None, 7200, "decrease", {"start_year": 2016, "year": 2020}),
    ]
    targets = [
        {"code": code, "indicator": ind, "kind": kind, "lower": lo, "upper": up, "direction": d,
         "text": f"Chỉ tiêu {code}", **extra}
        for code, ind, kind, lo, up, d, extra in t
    ]  # fmt: skip
    return {
        "format": "tongket-bundle/1",
        "resolution": {"code": RESOLUTION, "title": "Nghị quyết thử nghiệm", "area": "HP"},
        "review": {"code": "tk-test", "title": "Tổng kết thử nghiệm", "tolerance": 0.05},
        "areas": [
            {"code": "VN", "name": "Việt Nam", "level": "country"},
            {"code": "HP", "name": "Thành phố Hải Phòng", "parent": "VN", "level": "province"},
        ],
        "indicators": [
            {"code": "GRDP", "name": "GRDP", "unit": "tỷ đồng", "kind": "level", "decimals": 1},
            {
                "code": "GROWTH",
                "name": "Tốc độ tăng GRDP",
                "unit": "%",
                "kind": "growth",
                "decimals": 1,
            },
            {
                "code": "URBAN",
                "name": "Tỷ lệ đô thị hóa",
                "unit": "%",
                "kind": "level",
                "decimals": 1,
            },
            {
                "code": "POVERTY",
                "name": "Tỷ lệ hộ nghèo",
                "unit": "%",
                "kind": "level",
                "decimals": 2,
            },
            {"code": "FDI", "name": "Vốn FDI", "unit": "triệu USD", "kind": "level", "decimals": 0},
            {
                "code": "EXPORT",
                "name": "Kim ngạch xuất khẩu",
                "unit": "tỷ USD",
                "kind": "level",
                "decimals": 1,
            },
        ],
        "targets": targets,
        "values": values,
    }


EXPECTED = {
    # target: (verdict, actual, basis)
    "T01": ("exceeded", 14.0, "official"),  # (192.541,5 / 100.000)^(1/5) − 1 = 14,0 %/năm > 13
    "T02": ("not_achieved", 13.96, "official"),  # geometric mean of 10..18 % < 15 · 0,95
    "T03": ("basically_achieved", 13.96, "official"),  # 14,5 · 0,95 = 13,775 ≤ 13,96 < 14,5
    "T04": (
        "achieved",
        72.5,
        "official",
    ),  # trên 70 %; official wins over preliminary 80 and estimate 60
    "T05": ("basically_achieved", 72.5, "official"),  # 71,25 ≤ 72,5 < 75
    "T06": ("achieved", 0.8, "official"),  # dưới 1 %
    "T07": ("not_achieved", 0.8, "official"),  # above 0,5 · 1,05
    "T08": ("exceeded", 0.8, "official"),  # below the single value 1 with direction decrease
    "T09": ("basically_achieved", 0.8, "official"),  # 0,78 < 0,8 ≤ 0,819
    "T10": ("achieved", 7500.0, "official"),
    "T11": ("not_achieved", 7500.0, "official"),  # 7.500 < 8.000 · 0,95
    "T12": ("exceeded", 2.5, "official"),  # 25 / 10 = 2,5 > 2,2
    "T13": ("no_data", None, None),  # 2025 not yet: projection from 2018–2020
    "T14": ("no_data", None, None),
    "T15": ("no_data", None, None),  # qualitative
    # ~75–80 %: 71,25 ≤ 72,5 < 75 (approximate changes nothing)
    "T16": ("basically_achieved", 72.5, "official"),
    # A single bound the "wrong" way is the limit in the target's direction (rules.py's docstring).
    "T17": ("not_achieved", 0.8, "official"),  # decrease, lower 0,5 alone: not to pass 0,5 · 1,05
    "T18": ("achieved", 72.5, "official"),  # increase, upper 70 alone: the level to reach
    "T19": ("achieved", 2.5, "official"),  # decrease, ratio ≤ 3
    "T20": ("basically_achieved", 7500.0, "official"),  # decrease, 7.200 < 7.500 ≤ 7.560
}


@pytest.fixture
def imported(db, tmp_path: Path):
    """The bundle imported through the command, plus a draft and a returned figure that must not count."""
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle(), ensure_ascii=False), encoding="utf-8")
    call_command("bundle", "import", str(path), stdout=StringIO())
    hp = Area.objects.get(code="HP")
    grdp = Indicator.objects.get(code="GRDP")
    Figure.objects.create(indicator=grdp, area=hp, period="2021", period_type="Y", year=2021,
                          value=999999, status=FigureStatus.DRAFT)  # fmt: skip
    Figure.objects.create(indicator=grdp, area=hp, period="2021", period_type="Y", year=2021,
                          value=999999, basis="estimate", status=FigureStatus.RETURNED)  # fmt: skip
    return Resolution.objects.get(code=RESOLUTION)


def _assess_json(*args: str) -> list[dict]:
    out = StringIO()
    call_command("assess", RESOLUTION, *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_the_json_has_exactly_the_fields_of_the_issue(imported):
    data = _assess_json()
    assert [set(item) for item in data] == [set(JSON_FIELDS)] * len(data)
    assert set(JSON_FIELDS) == {
        "target", "verdict", "actual", "basis", "lower", "upper", "unit", "year", "explanation",
        "narrative", "projection", "trend", "manual",
    }  # fmt: skip


def test_every_kind_bound_and_direction_gives_the_verdict_and_actual_of_the_rules(imported):
    data = {item["target"]: item for item in _assess_json()}
    assert set(data) == set(EXPECTED)
    for code, (verdict, actual, basis) in EXPECTED.items():
        item = data[code]
        assert (item["verdict"], item["actual"], item["basis"]) == (verdict, actual, basis), code


def test_the_command_agrees_with_rules_assess_on_every_target(imported):
    data = {item["target"]: item for item in _assess_json()}
    for target in Target.objects.filter(resolution=imported).select_related("indicator"):
        spec = target_spec(target)
        figures = Figure.objects.filter(
            indicator=target.indicator_id,
            area__code="HP",
            period_type="Y",
            status__in=["submitted", "approved"],
        ).order_by("year")
        yearly = rules.pick_yearly(rules.Observation(f.year, f.value, f.basis) for f in figures)
        want = rules.assess(spec, yearly, 0.05).to_dict()
        got = data[target.code]
        assert {k: got[k] for k in JSON_FIELDS} == {k: want[k] for k in JSON_FIELDS}, target.code


def test_a_future_target_is_projected_from_the_last_figures(imported):
    item = {i["target"]: i for i in _assess_json()}["T13"]
    assert item["verdict"] == "no_data"
    assert item["projection"] is not None
    assert item["trend"] == "on_track"  # 66 → 69 → 72,5: about 88 in 2025, above 80


def test_the_explanation_shows_the_formula(imported):
    item = {i["target"]: i for i in _assess_json()}["T01"]
    assert "(192.541,5 / 100.000)^(1/5) − 1" in item["explanation"]
    assert "14,0%/năm" in item["explanation"].replace(" %", "%")
    assert "vượt" in item["narrative"]


def test_a_draft_or_returned_figure_does_not_count(imported):
    item = {i["target"]: i for i in _assess_json()}["T14"]
    assert item["actual"] is None and item["verdict"] == "no_data"


def test_the_area_option_assesses_another_area(imported):
    item = {i["target"]: i for i in _assess_json("--area", "VN")}["T04"]
    assert (item["verdict"], item["actual"]) == ("not_achieved", 40.0)


def test_the_review_tolerance_applies(imported):
    Review.objects.filter(code="tk-test").update(tolerance=0.0)
    item = {i["target"]: i for i in _assess_json()}["T05"]
    assert item["verdict"] == "not_achieved"


def test_the_table_is_in_vietnamese(imported):
    out = StringIO()
    call_command("assess", RESOLUTION, stdout=out)
    text = out.getvalue()
    assert "Đánh giá chỉ tiêu Nghị quyết 99-NQ/TEST" in text
    assert "Cơ bản đạt" in text and "Vượt" in text and "Chưa có số liệu" in text
    assert "72,5 (chính thức)" in text


def test_an_unknown_resolution_is_a_clear_error(db):
    with pytest.raises(CommandError, match="Không tìm thấy nghị quyết có mã 'KHONG-CO'") as info:
        call_command("assess", "KHONG-CO")
    assert info.value.returncode == 1


def test_an_unknown_area_or_review_is_a_clear_error(imported):
    with pytest.raises(CommandError, match="Không tìm thấy địa bàn") as info:
        call_command("assess", RESOLUTION, "--area", "XX")
    assert info.value.returncode == 1
    with pytest.raises(CommandError, match="Không tìm thấy đợt tổng kết"):
        call_command("assess", RESOLUTION, "--review", "khong-co")


def test_several_reviews_need_the_review_option(imported):
    Review.objects.create(code="tk-test-2", resolution=imported, title="Đợt thứ hai")
    with pytest.raises(CommandError, match="tk-test, tk-test-2") as info:
        call_command("assess", RESOLUTION)
    assert info.value.returncode == 1
    assert len(_assess_json("--review", "tk-test-2")) == len(EXPECTED)


def test_a_review_of_another_resolution_is_refused(imported):
    other = Resolution.objects.create(code="1-NQ/KHAC", number="1-NQ/KHAC", title="Nghị quyết khác")
    Review.objects.create(code="tk-khac", resolution=other, title="Đợt của nghị quyết khác")
    with pytest.raises(CommandError, match="không thuộc nghị quyết"):
        call_command("assess", RESOLUTION, "--review", "tk-khac")


def test_a_usage_error_exits_with_2_and_no_traceback():
    result = subprocess.run(
        [sys.executable, "-m", "tongket.manage", "assess"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
