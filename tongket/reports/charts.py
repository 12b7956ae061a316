"""One PNG chart per indicator: the yearly figures, the target band and the target year.

matplotlib with the Agg backend (no display). Rendering is the slow part of a report, so one
figure is reused for every chart (clearing it is far cheaper than creating it), the resolution is
modest (110 dpi, enough for a printed A4 page at 15 cm wide) and the figure is closed at the end.
Labels are Vietnamese and numbers are written the Vietnamese way (`14.740`, `6,5`).
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import matplotlib

matplotlib.use("Agg")

from matplotlib import pyplot as plt  # the backend is chosen above
from matplotlib.ticker import FuncFormatter, MaxNLocator

from tongket.core.numbers import format_compact
from tongket.reports.document import ChartSeries
from tongket.reports.html_to_docx import clean_text

DPI = 110
FIGSIZE = (6.4, 3.3)  # inches: 704 x 363 px at 110 dpi, printed 15 cm wide
MAIN_COLOR = "#1f4e99"
PARENT_COLOR = "#8c8c8c"
BAND_COLOR = "#2e9d4a"
TARGET_COLOR = "#c0392b"


def _label(text: str, limit: int = 90) -> str:
    """Clean a text for matplotlib: NFC, no control characters, no mathtext (`$` escaped)."""
    text = clean_text(text).replace("\n", " ").strip()
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text.replace("$", r"\$")


def _finite(points: Iterable[tuple[int, float]]) -> list[tuple[int, float]]:
    """Keep the points with an integer year and a finite value, sorted by year."""
    kept: dict[int, float] = {}
    for point in points or ():
        try:
            year, value = int(point[0]), float(point[1])
        except (TypeError, ValueError, IndexError, OverflowError):
            continue
        if math.isfinite(value):
            kept[year] = value
    return sorted(kept.items())


def _vn_number(value: float, _pos: object = None) -> str:
    """Axis tick label in the Vietnamese way, at most two decimals."""
    if not math.isfinite(value):
        return ""
    try:
        return format_compact(value, 2)
    except (ValueError, ArithmeticError):
        return ""


def chart_title(series: ChartSeries) -> str:
    """`Tên chỉ tiêu (đơn vị)`: the title used under and inside the chart."""
    name = clean_text(series.indicator_name).strip() or clean_text(series.indicator_code).strip()
    unit = clean_text(series.unit).strip()
    return f"{name} ({unit})" if unit else name


def has_figures(series: ChartSeries) -> bool:
    """Whether the series has at least one drawable figure."""
    return bool(_finite(series.points))


class ChartRenderer:
    """Renders charts one after another on a single reused matplotlib figure."""

    def __init__(self, dpi: int = DPI, figsize: tuple[float, float] = FIGSIZE) -> None:
        self.dpi = dpi
        self.figure = plt.figure(figsize=figsize, dpi=dpi)
        # One Axes for every chart: creating an Axes (and its tick objects) costs about as much as
        # drawing it, so between charts only the data artists are removed (see `_reset`).
        ax = self.figure.add_subplot(1, 1, 1)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=12))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: str(round(v))))
        ax.yaxis.set_major_formatter(FuncFormatter(_vn_number))
        ax.set_xlabel("Năm", fontsize=8)
        ax.tick_params(labelsize=7)
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        ax.spines[["top", "right"]].set_visible(False)
        self.ax = ax

    def _reset(self) -> None:
        ax = self.ax
        for artist in [*ax.lines, *ax.patches, *ax.texts, *ax.collections, *ax.images]:
            artist.remove()
        legend = ax.get_legend()
        if legend is not None:
            legend.remove()
        ax.relim()
        ax.set_autoscale_on(True)

    def close(self) -> None:
        """Release the figure (matplotlib keeps figures alive until closed)."""
        plt.close(self.figure)

    def render(self, series: ChartSeries) -> bytes | None:
        """The PNG bytes of one chart, or None when the series has no figures to draw."""
        points = _finite(series.points)
        if not points:
            return None
        parent = _finite(series.parent_points)
        fig = self.figure
        self._reset()
        ax = self.ax
        years = [year for year, _ in points]
        values = [value for _, value in points]
        all_years = years + [year for year, _ in parent]
        if series.target_year is not None:
            all_years.append(int(series.target_year))
        self._band(ax, series)
        ax.plot(
            years,
            values,
            color=MAIN_COLOR,
            marker="o",
            linewidth=2,
            markersize=4,
            label="Thực hiện",
        )
        if len(points) <= 8:
            for year, value in points:
                ax.annotate(
                    _vn_number(value),
                    (year, value),
                    textcoords="offset points",
                    xytext=(0, 6),
                    ha="center",
                    fontsize=7,
                    color=MAIN_COLOR,
                )
        if parent:
            ax.plot(
                [y for y, _ in parent],
                [v for _, v in parent],
                color=PARENT_COLOR,
                marker="s",
                linewidth=1.4,
                markersize=3,
                linestyle="--",
                label=_label(series.parent_name, 40) or "Cả nước",
            )
        if series.target_year is not None:
            ax.axvline(
                int(series.target_year),
                color=TARGET_COLOR,
                linestyle=":",
                linewidth=1.3,
                label=f"Năm mục tiêu {int(series.target_year)}",
            )
        low, high = min(all_years), max(all_years)
        ax.relim()
        ax.autoscale_view()
        ax.set_xlim(low - 0.6, high + 0.6)
        unit = _label(series.unit, 30)
        ax.set_ylabel(unit if unit else "Giá trị", fontsize=8)
        title = textwrap.wrap(_label(chart_title(series), 150), 80, max_lines=2, placeholder=" …")
        ax.set_title("\n".join(title), fontsize=9)
        # A fixed layout below the axes: tight_layout would cost as much as the drawing itself.
        ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=4, frameon=False)
        fig.subplots_adjust(left=0.1, right=0.98, top=0.9 if len(title) < 2 else 0.85, bottom=0.27)
        if series.illustrative:
            ax.text(
                0.99,
                0.97,
                "SỐ LIỆU MINH HỌA",
                transform=ax.transAxes,
                ha="right",
                va="top",
                fontsize=8,
                color=TARGET_COLOR,
                fontweight="bold",
                zorder=5,
                bbox={
                    "facecolor": "white",
                    "edgecolor": TARGET_COLOR,
                    "alpha": 0.85,
                    "boxstyle": "round,pad=0.25",
                },
            )
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=self.dpi, pil_kwargs={"compress_level": 3})
        return buffer.getvalue()

    @staticmethod
    def _band(ax: plt.Axes, series: ChartSeries) -> None:
        lower, upper = _bound(series.target_lower), _bound(series.target_upper)
        if lower is not None and upper is not None:
            lower, upper = min(lower, upper), max(lower, upper)
            label = f"Mục tiêu {_vn_number(lower)} - {_vn_number(upper)}"
            if lower == upper:
                ax.axhline(lower, color=BAND_COLOR, linewidth=1.4, label=label)
            else:
                ax.axhspan(lower, upper, color=BAND_COLOR, alpha=0.18, label=label)
        elif lower is not None or upper is not None:
            # One-sided goal: a dashed line at the bound, "at least" or "at most".
            bound, sign = (lower, "≥") if lower is not None else (upper, "≤")
            ax.axhline(
                bound,
                color=BAND_COLOR,
                linewidth=1.4,
                linestyle="--",
                label=f"Mục tiêu {sign} {_vn_number(bound)}",
            )


def _bound(value: float | None) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


@contextmanager
def chart_renderer() -> Iterator[ChartRenderer]:
    """A renderer whose figure is closed when the block ends, even on error."""
    renderer = ChartRenderer()
    try:
        yield renderer
    finally:
        renderer.close()


def render_chart(series: ChartSeries) -> bytes | None:
    """Render one chart on its own (for previews); use `chart_renderer()` for many."""
    with chart_renderer() as renderer:
        return renderer.render(series)
