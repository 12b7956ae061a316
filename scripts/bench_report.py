"""Benchmark the review report builder: 300 targets, 50 charts, a 2,000-row figures appendix.

Usage: .venv/bin/python scripts/bench_report.py [--targets 300] [--charts 50] [--appendix 2000]
       [--repeat 3] [--out /tmp/bench_report.docx] [--no-naive] [--naive-appendix 0]

Prints the seconds taken by `build_report` on the full synthetic report and, as the baseline in
the same run, by a naive python-docx build (`doc.add_table(rows, cols)` then
`table.cell(r, c).text = …` in a loop, which is quadratic; a new figure with `tight_layout` per
chart) next to `build_report` on exactly the same subset. The naive build leaves the appendix
out by default: at 2,000 rows its cell loop would take hours. Not a timed test: the numbers depend
on the machine and its load (printed) and go into docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import docx
from docx.shared import Mm
from matplotlib import pyplot as plt

import tongket.reports.charts  # noqa: F401  (selects the Agg backend before pyplot draws)
from tongket.core.numbers import format_compact, format_number
from tongket.reports.document import (
    AppendixRow,
    AssessmentRow,
    ChartSeries,
    PolicyRow,
    ReportData,
    ReportHeader,
    ReportSection,
)
from tongket.reports.docx_builder import build_report

VERDICTS = [
    ("exceeded", "Vượt"),
    ("met", "Đạt"),
    ("mostly_met", "Cơ bản đạt"),
    ("not_met", "Không đạt"),
    ("no_data", "Chưa có số liệu"),
]
AREAS = ["Hải Phòng", "Cả nước", "Vùng đồng bằng sông Hồng", "Quận Hồng Bàng", "Huyện Thủy Nguyên"]


def synthetic_report(targets: int, charts: int, appendix: int, seed: int = 7) -> ReportData:
    """A report shaped like the real one, with generated Vietnamese texts and numbers."""
    rng = random.Random(seed)
    header = ReportHeader(
        format="party",
        parent_body="THÀNH ỦY HẢI PHÒNG",
        issuer="BAN CHỈ ĐẠO TỔNG KẾT NGHỊ QUYẾT 32-NQ/TW",
        number="01-ĐA/BCĐ",
        place="Hải Phòng",
        date=dt.date(2019, 2, 5),
        doc_type="Đề án",
        subject="Tổng kết 15 năm thực hiện Nghị quyết số 32-NQ/TW của Bộ Chính trị",
    )
    assessment = []
    for i in range(1, targets + 1):
        key, label = VERDICTS[i % len(VERDICTS)]
        value = rng.uniform(1, 20000)
        assessment.append(
            AssessmentRow(
                code=f"CT{i:03d}",
                target_text=f"Tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP) bình quân giai đoạn {i}",
                target_value_text=f"{format_compact(rng.uniform(8, 14), 1)}%/năm",
                actual_text="" if key == "no_data" else f"{format_number(value, 2)} tỷ đồng",
                basis_text="Số liệu chính thức năm 2024",
                verdict=key,
                verdict_label=label,
                narrative="Chỉ tiêu đạt kết quả khá nhờ thu hút đầu tư vào các khu công nghiệp.",
                approved=i % 7 != 0,
                illustrative=i % 11 == 0,
            )
        )
    series = []
    for i in range(1, charts + 1):
        base = rng.uniform(5, 500)
        series.append(
            ChartSeries(
                indicator_code=f"CT{i:03d}",
                indicator_name=f"Thu ngân sách nhà nước trên địa bàn {i}",
                unit="nghìn tỷ đồng",
                points=[
                    (y, base * (1 + 0.08 * (y - 2004)) + rng.uniform(-5, 5))
                    for y in range(2004, 2019)
                ],
                parent_points=[(y, base * (1 + 0.05 * (y - 2004))) for y in range(2004, 2019)],
                parent_name="Cả nước",
                target_lower=base * 2.0,
                target_upper=base * 2.3,
                target_year=2020,
                illustrative=i % 5 == 0,
            )
        )
    policies = [
        PolicyRow(
            f"{i}/2018/NQ-HĐND",
            dt.date(2018, 1 + i % 12, 1 + i % 28),
            "HĐND thành phố",
            f"Về cơ chế đặc thù số {i}",
            "Còn hiệu lực",
            "CT001, CT002",
            "",
        )
        for i in range(1, 41)
    ]
    rows = []
    for i in range(1, appendix + 1):
        rows.append(
            AppendixRow(
                indicator=f"Chỉ tiêu số {i % targets + 1}",
                area=AREAS[i % len(AREAS)],
                period=str(2004 + i % 15),
                value_text=format_number(rng.uniform(0, 1e6), 2),
                unit="tỷ đồng",
                basis_label="Chính thức",
                status_label="Đã phê duyệt" if i % 9 else "Chờ phê duyệt",
                source="Cục Thống kê thành phố Hải Phòng",
                citation=f"Niên giám thống kê {2004 + i % 15}, tr. {i % 300}",
                approved=i % 9 != 0,
                illustrative=i % 13 == 0,
            )
        )
    draft = "".join(
        f"<h2>Mục {k}</h2><p>Đoạn văn <b>đậm</b> và <i>nghiêng</i> số {k}.</p>"
        "<ul><li>ý thứ nhất<ul><li>ý con</li></ul></li><li>ý thứ hai</li></ul>"
        for k in range(20)
    )
    sections = [
        ReportSection("I", "Kết quả thực hiện Nghị quyết", 1, draft, None),
        ReportSection("1", "Các chỉ tiêu chủ yếu", 2, "<p>Đánh giá chung.</p>", "assessment_table"),
        ReportSection("2", "Biểu đồ", 2, None, "charts"),
        ReportSection("3", "Chính sách đã ban hành", 2, None, "policies"),
        ReportSection("II", "Phụ lục", 1, None, "appendix"),
    ]
    return ReportData(
        header,
        sections,
        assessment,
        series,
        policies,
        rows,
        ["Bộ Chính trị (để báo cáo)", "Lưu Văn phòng Thành ủy"],
        "T/M BAN CHỈ ĐẠO",
        "TRƯỞNG BAN",
        "Nguyễn Văn A",
    )


def naive_build(data: ReportData) -> bytes:
    """The baseline: the usual python-docx way.

    Tables are created whole (`doc.add_table(rows, cols)`) and filled with
    `table.cell(r, c).text = …`, which rebuilds the cell grid on every call (quadratic); each chart
    gets a fresh figure with `tight_layout` at matplotlib's default settings.
    """
    doc = docx.Document()
    for rows, width in ((data.assessment, 6), (data.policies, 6), (data.appendix, 8)):
        if not rows:
            continue
        table = doc.add_table(rows=len(rows) + 1, cols=width)
        table.style = "Table Grid"
        for r, row in enumerate(rows, 1):
            values = list(vars(row).values())
            for c in range(width):
                table.cell(r, c).text = str(values[c % len(values)])
    for series in data.charts:
        figure, axes = plt.subplots(figsize=(6.4, 3.3))
        axes.plot([y for y, _ in series.points], [v for _, v in series.points], marker="o")
        axes.axhspan(series.target_lower, series.target_upper, alpha=0.2)
        axes.set_title(series.indicator_name)
        figure.tight_layout()
        png = io.BytesIO()
        figure.savefig(png, format="png", dpi=150)
        plt.close(figure)
        doc.add_picture(io.BytesIO(png.getvalue()), width=Mm(150))
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


Timing = tuple[float, float]  # (wall-clock seconds, CPU seconds of this process)


def _timed(function: Callable[[], bytes], repeat: int) -> tuple[list[Timing], bytes]:
    times: list[Timing] = []
    content = b""
    for _ in range(max(1, repeat)):
        start, cpu = time.perf_counter(), time.process_time()
        content = function()
        times.append((time.perf_counter() - start, time.process_time() - cpu))
    return times, content


def _summary(times: list[Timing]) -> str:
    # CPU time is printed too: on a machine shared with other work the wall-clock time measures
    # the load as much as the code, the CPU time much less so.
    walls = [wall for wall, _ in times]
    cpus = [cpu for _, cpu in times]
    if len(times) == 1:
        return f"{walls[0]:.2f} s wall, {cpus[0]:.2f} s CPU"
    return (
        f"best {min(walls):.2f} s wall (median {statistics.median(walls):.2f}),"
        f" best {min(cpus):.2f} s CPU (median {statistics.median(cpus):.2f}), {len(times)} runs"
    )


def main() -> int:
    """Run the benchmark and print the timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--targets", type=int, default=300)
    parser.add_argument("--charts", type=int, default=50)
    parser.add_argument("--appendix", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=1, help="runs of build_report (best/median)")
    parser.add_argument("--out", default=str(Path(tempfile.gettempdir()) / "bench_report.docx"))
    parser.add_argument("--no-naive", action="store_true", help="skip the naive baseline")
    parser.add_argument(
        "--naive-appendix",
        type=int,
        default=0,
        help="appendix rows in the naive baseline (default 0: its cell(r, c) loop is quadratic, "
        "100 rows x 8 columns alone take tens of seconds)",
    )
    args = parser.parse_args()
    data = synthetic_report(args.targets, args.charts, args.appendix)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"machine: {os.cpu_count()} CPU(s), load average {load}; report: {args.targets} targets,"
        f" {args.charts} charts, {args.appendix} appendix rows"
    )
    times, content = _timed(lambda: build_report(data), args.repeat)
    Path(args.out).write_bytes(content)
    print(
        f"build_report, full report: {_summary(times)} ({len(content) / 1e6:.1f} MB -> {args.out})"
    )
    if not args.no_naive:
        subset = replace(data, appendix=data.appendix[: args.naive_appendix])
        what = (
            f"{args.targets} targets, {len(data.policies)} policies, {args.charts} charts,"
            f" {len(subset.appendix)} appendix rows"
        )
        ours, _ = _timed(lambda: build_report(subset), 1)
        print(f"build_report, baseline's subset ({what}): {_summary(ours)}")
        naive, naive_content = _timed(lambda: naive_build(subset), 1)
        print(
            f"naive python-docx (cell(r, c) loop, a figure per chart), same subset: "
            f"{_summary(naive)} ({len(naive_content) / 1e6:.1f} MB)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
