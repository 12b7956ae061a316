"""Pages of the assessment: the review's dashboard, the figures behind a target, the verdict by hand, and
the explorer.

Rights: the dashboard and the figures behind a target are the review's (outsiders get 404, like every
review page); only the committee and the secretariat set or clear a verdict by hand. The explorer shows
figures as facts about areas: any signed-in user reads them whatever the review (like resolutions,
indicators and areas, `can_view_reference_data`), but only submitted and approved figures — drafts and
returned figures stay inside their agency's and review's workflow.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tongket.accounts.rights import (
    can_approve_figures,
    can_set_manual_verdict,
    can_view_reference_data,
    get_review_for,
)
from tongket.assessment import rules
from tongket.assessment.forms import ExplorerForm, ManualVerdictForm
from tongket.assessment.services import (
    COUNTED_STATUSES,
    YEARLY,
    AssessedTarget,
    ExplorerPoint,
    FigurePoint,
    ManualVerdictError,
    ReviewRun,
    clear_manual_verdict,
    explore,
    parent_series,
    run_assessment,
    set_manual_verdict,
)
from tongket.core.numbers import format_compact, format_number
from tongket.figures.models import Figure
from tongket.organizations.models import Area
from tongket.resolutions.models import Indicator, Target

EXPLORER_TABLE_ROWS = 300  # rows of the pivot shown on the page; the downloads have them all
EXPLORER_CHART_SERIES = 12
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


# --------------------------------------------------------------------------------------------------
# Dashboard


@dataclass
class Row:
    """A line of the targets table."""

    item: AssessedTarget
    target_text: str
    bounds: str
    actual: str
    basis: str
    computed_label: str
    sources: list[str]
    figures_url: str
    verdict_url: str
    options: str  # the <option>s of the manual verdict, the current one selected
    pk: str  # the target's id as text: an int in a template goes through number localization
    projection: str


def _amount_text(row: AssessedTarget, value: float | None) -> str:
    """A result of the row (its actual or its projection) with the target's decimals and unit."""
    if value is None:
        return ""
    return f"{format_compact(value, rules.result_decimals(row.spec))} {row.assessment.unit}".strip()


def _verdict_options() -> dict[str, SafeString]:
    """The <option>s of the verdict select, once per page for each verdict that may be selected."""
    options = {}
    for selected in rules.VERDICTS:
        options[selected] = mark_safe(  # noqa: S308 - labels are our constants, escaped below
            "".join(
                format_html(
                    '<option value="{}"{}>{}</option>',
                    code,
                    mark_safe(" selected") if code == selected else "",
                    rules.VERDICT_LABELS_VI[code],
                )
                for code in rules.VERDICTS
            )
        )
    return options


def _rows(run: ReviewRun, base_url: str, with_form: bool) -> list[Row]:
    """The table's lines, with what the template would otherwise compute per line (URLs, options)."""
    options = _verdict_options() if with_form else {}
    rows = []
    for item in run.rows:
        a = item.assessment
        sources = sorted(
            {f.source for f in item.figures if f.source}
            | {f.citation for f in item.figures if f.citation}
        )
        rows.append(
            Row(
                item=item,
                target_text=item.target.text,
                bounds=rules.bounds_text(item.spec) if not item.spec.qualitative else "",
                actual=_amount_text(item, a.actual),
                basis=rules.BASIS_LABELS_VI.get(a.basis or "", ""),
                computed_label=rules.VERDICT_LABELS_VI[a.computed_verdict or a.verdict],
                sources=sources,
                figures_url=f"{base_url}targets/{item.target.pk}/figures/",
                verdict_url=f"{base_url}targets/{item.target.pk}/verdict/",
                options=options.get(a.verdict, ""),
                pk=str(item.target.pk),
                projection=_amount_text(item, a.projection),
            )
        )
    return rows


def _band(item: AssessedTarget) -> dict | None:
    """The target band when it is in the unit of the yearly figures (a level, or yearly rates)."""
    spec = item.spec
    same_unit = spec.kind == "level" or (
        spec.kind == "average_growth" and spec.indicator_kind == "growth"
    )
    if spec.qualitative or not same_unit:
        return None
    lower = spec.lower if spec.lower is not None else spec.upper
    upper = spec.upper if spec.upper is not None else spec.lower
    return {"lower": lower, "upper": upper, "code": spec.code, "year": spec.year}


def _comparison(
    indicator: Indicator, own: list[FigurePoint], parent: list[FigurePoint], parent_area
) -> str:
    """ "Năm 2024: gấp 1,68 lần mức chung cả nước" (levels) or the difference in points (rates)."""
    theirs = {p.year: p.value for p in parent}
    common = [p for p in own if p.year in theirs]
    if not common or parent_area is None:
        return ""
    latest = common[-1]
    other = theirs[latest.year]
    whole = _("cả nước") if parent_area.level == Area.Level.COUNTRY else parent_area.name
    if indicator.kind == Indicator.Kind.GROWTH:
        diff = latest.value - other
        if diff == 0:
            return _("Năm %(year)s: bằng mức chung %(whole)s") % {
                "year": latest.year,
                "whole": whole,
            }
        word = _("cao hơn") if diff > 0 else _("thấp hơn")
        return _("Năm %(year)s: %(word)s mức chung %(whole)s %(diff)s điểm %%") % {
            "year": latest.year, "word": word, "whole": whole, "diff": format_compact(abs(diff), 2),
        }  # fmt: skip
    if other <= 0 or latest.value < 0:
        return ""
    ratio = latest.value / other
    return _("Năm %(year)s: gấp %(ratio)s lần mức chung %(whole)s") % {
        "year": latest.year, "ratio": format_compact(ratio, 2), "whole": whole,
    }  # fmt: skip


def _charts(run: ReviewRun, parents: dict[int, list[FigurePoint]]) -> list[dict]:
    """One chart per indicator: its yearly figures, the parent area's, target bands and years."""
    by_indicator: dict[int, list[AssessedTarget]] = defaultdict(list)
    for item in run.rows:
        if item.target.indicator_id:
            by_indicator[item.target.indicator_id].append(item)
    parent_area = run.area.parent if run.area is not None and run.area.parent_id else None
    charts = []
    for ind_id, items in by_indicator.items():
        indicator = items[0].target.indicator
        own = run.series.get(ind_id, [])
        parent = parents.get(ind_id, [])
        target_years = sorted({i.spec.year for i in items if i.spec.year})
        if not own and not parent:
            continue  # nothing to draw: the table says "chưa có số liệu"
        years = {p.year for p in own} | {p.year for p in parent} | set(target_years)
        first, last = min(years), max(years)
        if first == last:  # a line needs two points: show the year between its neighbours
            first, last = first - 1, last + 1
        labels = list(range(first, last + 1))
        own_by_year = {p.year: p for p in own}
        parent_by_year = {p.year: p.value for p in parent}
        bands = [b for b in (_band(i) for i in items) if b is not None]
        illustrative = any(p.illustrative for p in own) or any(i.target.illustrative for i in items)
        charts.append({
            "id": f"chart-{ind_id}",
            "title": str(indicator),
            "unit": indicator.unit,
            "labels": labels,
            "area_label": run.area.name if run.area is not None else "",
            "area": [own_by_year[y].value if y in own_by_year else None for y in labels],
            "area_illustrative": [bool(own_by_year[y].illustrative) if y in own_by_year else False for y in labels],
            "parent_label": parent_area.name if parent_area is not None and parent else "",
            "parent": [parent_by_year.get(y) for y in labels] if parent else [],
            "bands": bands,
            "target_years": target_years,
            "illustrative": illustrative,
            "figures_illustrative": any(p.illustrative for p in own),
            "targets": [i.target.code for i in items],
            "comparison": _comparison(indicator, own, parent, parent_area),
        })  # fmt: skip
    return charts


@login_required
@require_GET
def dashboard(request: HttpRequest, code: str) -> HttpResponse:
    """The review's assessment: counts per verdict, the targets table, a chart per indicator."""
    review = get_review_for(request.user, code)
    run = run_assessment(review.resolution, review)
    indicator_ids = {i.target.indicator_id for i in run.rows if i.target.indicator_id}
    parents = parent_series(indicator_ids, run.area)
    counts = run.counts()
    charts = _charts(run, parents)
    can_set = can_set_manual_verdict(request.user, review)
    context = {
        "review": review,
        "run": run,
        "rows": _rows(run, reverse("assessment:dashboard", args=[review.code]), can_set),
        "counts": [(v, rules.VERDICT_LABELS_VI[v], counts[v]) for v in rules.VERDICTS],
        "total": len(run.rows),
        "charts": charts,
        "charts_json": charts,
        "can_set_verdict": can_set,
        "verdict_choices": [(v, rules.VERDICT_LABELS_VI[v]) for v in rules.VERDICTS],
        "tolerance_pct": format_compact(review.tolerance * 100, 2),
        "any_illustrative": any(r.illustrative for r in run.rows),
    }
    return render(request, "assessment/dashboard.html", context)


def _review_target(request: HttpRequest, code: str, pk: int):
    review = get_review_for(request.user, code)
    target = (
        Target.objects.select_related("indicator")
        .filter(pk=pk, resolution_id=review.resolution_id)
        .first()
    )
    if target is None:
        raise Http404
    return review, target


@login_required
@require_GET
def target_figures(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """The yearly figures behind a target, with their source and history (an HTMX fragment, or a page)."""
    review, target = _review_target(request, code, pk)
    area = review.area or review.resolution.area
    figures = []
    if target.indicator_id and area is not None:
        query = Figure.objects.filter(
            indicator_id=target.indicator_id, area=area, period_type=YEARLY
        )
        # Drafts and returned figures are still the agencies' work: only those who approve figures see
        # them here (marked as not counted); everyone else sees the figures the assessment uses.
        if not can_approve_figures(request.user, review):
            query = query.filter(status__in=COUNTED_STATUSES)
        figures = list(
            query.select_related("source_agency")
            .prefetch_related("history__changed_by")
            .order_by("year", "basis")
        )
    context = {
        "review": review,
        "target": target,
        "area": area,
        "figures": figures,
        "counted": set(COUNTED_STATUSES),
        "fragment": bool(getattr(request, "htmx", False)),
    }
    return render(request, "assessment/target_figures.html", context)


def _back_to_target(code: str, target: Target) -> HttpResponseRedirect:
    return HttpResponseRedirect(
        reverse("assessment:dashboard", args=[code]) + f"#target-{target.pk}"
    )


@login_required
@require_POST
def manual_verdict(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Set (or, with `clear`, remove) the committee's verdict on a target; committee and secretariat only."""
    review, target = _review_target(request, code, pk)
    if not can_set_manual_verdict(request.user, review):
        return HttpResponse(_("Chỉ Ban Chỉ đạo và Thường trực được đánh giá thủ công."), status=403)
    if request.POST.get("clear"):
        if clear_manual_verdict(review, target, request.user):
            messages.success(
                request, _("Đã bỏ đánh giá thủ công chỉ tiêu %(code)s.") % {"code": target.code}
            )
        return _back_to_target(review.code, target)
    form = ManualVerdictForm(request.POST)
    if not form.is_valid():
        problems = "; ".join(str(e) for errors in form.errors.values() for e in errors)
        messages.error(
            request,
            _("Chỉ tiêu %(code)s: %(problems)s") % {"code": target.code, "problems": problems},
        )
        return _back_to_target(review.code, target)
    try:
        set_manual_verdict(
            review, target, form.cleaned_data["verdict"], form.cleaned_data["reason"], request.user
        )
    except ManualVerdictError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Đã ghi đánh giá thủ công chỉ tiêu %(code)s.") % {"code": target.code}
        )
    return _back_to_target(review.code, target)


# --------------------------------------------------------------------------------------------------
# Explorer


def safe_cell(value):
    """A spreadsheet cell that cannot run as a formula: text starting with = + - @ gets a leading '."""
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return value


def _explorer_data(form: ExplorerForm):
    data = form.cleaned_data
    indicators = list(data["indicator"])
    area_ids = None if data["scope"] == "all" else [a.pk for a in data["area"]]
    points = explore(
        [i.pk for i in indicators],
        area_ids,
        data["year_from"],
        data["year_to"],
        data["period_type"],
    )
    return indicators, points


def _export_rows(indicators, points, areas: dict[int, Area]) -> list[list]:
    by_id = {i.pk: i for i in indicators}
    header = [_("Mã chỉ số"), _("Chỉ số"), _("Đơn vị tính"), _("Mã địa bàn"), _("Địa bàn"), _("Kỳ"), _("Giá trị"),
              _("Mức độ"), _("Minh họa")]  # fmt: skip
    rows = [header]
    for p in points:
        ind = by_id[p.indicator_id]
        area = areas[p.area_id]
        rows.append([
            safe_cell(ind.code), safe_cell(ind.name), safe_cell(ind.unit), safe_cell(area.code),
            safe_cell(area.name), p.period, p.value, rules.BASIS_LABELS_VI.get(p.basis, p.basis),
            _("có") if p.illustrative else "",
        ])  # fmt: skip
    return rows


def _csv_response(rows: list[list]) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(
            ["" if c is None else (repr(c) if isinstance(c, float) else c) for c in row]
        )
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="tongket-so-lieu.csv"'
    return response


def _xlsx_response(rows: list[list]) -> HttpResponse:
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    sheet = book.add_worksheet(_("Số liệu"))
    bold = book.add_format({"bold": True})
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if isinstance(cell, float | int) and not isinstance(cell, bool):
                sheet.write_number(r, c, cell)
            else:
                sheet.write_string(r, c, str(cell), bold if r == 0 else None)
    sheet.freeze_panes(1, 0)
    sheet.set_column(0, 0, 12)
    sheet.set_column(1, 1, 40)
    sheet.set_column(4, 4, 24)
    book.close()
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="tongket-so-lieu.xlsx"'
    return response


_BASIS_MARKS = {"official": "", "preliminary": "sb", "estimate": "ư"}


def _cell_text(point: ExplorerPoint | None, decimals: int, locale: str) -> tuple[str, str]:
    """A table cell, formatted here (thousands of cells: a template filter per cell is slow)."""
    if point is None:
        return "", ""
    mark = ("*" if point.illustrative else "") + _BASIS_MARKS.get(point.basis, "")
    return format_number(point.value, decimals, locale=locale), mark


def _all_periods(present: set[str]) -> list[str]:
    """Every period from the first to the last present one, so that a gap of years shows as a gap."""
    if not present:
        return []
    first, last = min(present), max(present)
    start, end = int(first[:4]), int(last[:4])
    if len(first) == 4:
        every = [str(year) for year in range(start, end + 1)]
    elif "Q" in first:
        every = [f"{year}Q{q}" for year in range(start, end + 1) for q in range(1, 5)]
    else:
        every = [f"{year}{month:02d}" for year in range(start, end + 1) for month in range(1, 13)]
    return [code for code in every if first <= code <= last]


def _pivot(indicators, points, areas: dict[int, Area], limit: int):
    """Rows (indicator, area) × columns (periods): the values for the chart and, for the first `limit`
    rows, the formatted cells of the table."""
    periods = _all_periods({p.period for p in points})
    cells: dict[tuple[int, int], dict[str, ExplorerPoint]] = defaultdict(dict)
    for p in points:
        cells[(p.indicator_id, p.area_id)][p.period] = p
    by_id = {i.pk: i for i in indicators}
    keys = sorted(cells, key=lambda k: (by_id[k[0]].code, areas[k[1]].code))
    locale = "en" if (get_language() or "vi").startswith("en") else "vi"
    table = []
    for n, (i, a) in enumerate(keys):
        row = [cells[(i, a)].get(period) for period in periods]
        decimals = by_id[i].decimals
        table.append({
            "indicator": by_id[i],
            "area": areas[a],
            "values": [c.value if c is not None else None for c in row],
            "cells": [_cell_text(c, decimals, locale) for c in row] if n < limit else [],
        })  # fmt: skip
    return periods, table


@login_required
@require_GET
def explorer(request: HttpRequest) -> HttpResponse:
    """Choose indicators × areas × periods; see a table and a chart; download csv or xlsx."""
    if not can_view_reference_data(request.user):
        raise Http404
    form = ExplorerForm(request.GET or None)
    context: dict = {"form": form, "submitted": bool(request.GET)}
    if request.GET and form.is_valid():
        indicators, points = _explorer_data(form)
        area_ids = {p.area_id for p in points}
        areas = Area.objects.in_bulk(area_ids)
        export = request.GET.get("export")
        if export == "csv":
            return _csv_response(_export_rows(indicators, points, areas))
        if export == "xlsx":
            return _xlsx_response(_export_rows(indicators, points, areas))
        periods, table = _pivot(indicators, points, areas, EXPLORER_TABLE_ROWS)
        chart = {
            "labels": periods,
            "series": [
                {
                    "label": f"{row['indicator'].code} — {row['area'].name}",
                    "data": row["values"],
                }
                for row in table[:EXPLORER_CHART_SERIES]
            ],
        }
        query = request.GET.copy()
        query.pop("export", None)
        context.update({
            "results": True,
            "periods": periods,
            "table": table[:EXPLORER_TABLE_ROWS],
            "table_total": len(table),
            "table_limit": EXPLORER_TABLE_ROWS,
            "chart": chart,
            "chart_limit": EXPLORER_CHART_SERIES,
            "count": len(points),
            "query": query.urlencode(),
            "any_illustrative": any(p.illustrative for p in points),
        })  # fmt: skip
    return render(request, "assessment/explorer.html", context)
