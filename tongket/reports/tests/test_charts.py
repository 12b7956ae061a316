"""Charts: one PNG per indicator, Vietnamese numbers, robust to odd series, one reused figure."""

from __future__ import annotations

import io

from matplotlib import pyplot as plt
from PIL import Image

from tongket.reports.charts import (
    ChartRenderer,
    _vn_number,
    chart_renderer,
    chart_title,
    render_chart,
)
from tongket.reports.document import ChartSeries


def series(**changes: object) -> ChartSeries:
    base = ChartSeries(
        "CT1",
        "Tốc độ tăng trưởng GRDP",
        "%/năm",
        [(2015, 10.2), (2016, 10.5), (2017, 11.39)],
        [(2015, 6.7), (2016, 6.2)],
        "Cả nước",
        12.0,
        13.0,
        2020,
        False,
    )
    for key, value in changes.items():
        setattr(base, key, value)
    return base


def test_a_series_renders_as_a_png_of_the_planned_size():
    png = render_chart(series())
    assert png is not None and png.startswith(b"\x89PNG")
    image = Image.open(io.BytesIO(png))
    assert image.size == (704, 363)


def test_a_series_without_figures_gives_no_chart():
    assert render_chart(series(points=[])) is None
    assert render_chart(series(points=[(2015, float("nan")), ("năm", 3)])) is None


def test_tick_labels_use_the_vietnamese_marks():
    assert _vn_number(14740) == "14.740"
    assert _vn_number(11.39) == "11,39"
    assert _vn_number(-0.0) == "0"
    assert _vn_number(float("nan")) == ""


def test_the_title_names_the_unit_only_when_there_is_one():
    assert chart_title(series()) == "Tốc độ tăng trưởng GRDP (%/năm)"
    assert chart_title(series(unit="")) == "Tốc độ tăng trưởng GRDP"
    assert chart_title(series(indicator_name="", unit="")) == "CT1"


def test_odd_series_still_render():
    odd = [
        series(indicator_name="Giá $ USD $x^2$", unit="$"),
        series(target_lower=None, target_upper=None, target_year=None, parent_points=[]),
        series(target_lower=13.0, target_upper=12.0),
        series(target_lower=None, target_upper=5.0),
        series(points=[(2018, 1e15)], illustrative=True),
        series(points=[(y, float(y)) for y in range(1900, 2030)]),
        series(indicator_name="x" * 500 + "\x00"),
    ]
    for one in odd:
        assert render_chart(one) is not None, one


def test_many_charts_share_one_figure_which_is_closed_afterwards():
    before = len(plt.get_fignums())
    with chart_renderer() as renderer:
        assert isinstance(renderer, ChartRenderer)
        for _ in range(5):
            assert renderer.render(series()) is not None
        assert len(plt.get_fignums()) == before + 1
    assert len(plt.get_fignums()) == before


def test_a_chart_does_not_inherit_the_scale_or_marks_of_the_previous_one():
    with chart_renderer() as renderer:
        renderer.render(
            series(
                points=[(2010, 5000.0), (2011, 9000.0)],
                target_lower=8000.0,
                target_upper=9500.0,
                illustrative=True,
            )
        )
        renderer.render(
            series(
                points=[(2016, 4.0), (2017, 6.0)],
                parent_points=[],
                target_lower=5.0,
                target_upper=None,
                target_year=None,
            )
        )
        low, high = renderer.ax.get_ylim()
        assert 3 < low < 4 and 6 < high < 7
        left, right = renderer.ax.get_xlim()
        assert 2015 < left < 2016 and 2017 < right < 2018
        # Only this chart's value labels: no leftover "SỐ LIỆU MINH HỌA" or earlier values.
        assert [t.get_text() for t in renderer.ax.texts] == ["4", "6"]
        labels = [t.get_text() for t in renderer.ax.get_legend().get_texts()]
        assert labels == ["Mục tiêu ≥ 5", "Thực hiện"]
