"""Gathers a review's report from the database into the plain `ReportData` the builder lays out.

A bounded number of queries whatever the size of the review: the assessment (3 queries), the parent
area's series (1), the outline with its latest drafts (2), policies (2), the appendix figures (1).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tongket.assessment import rules
from tongket.assessment.services import ReviewRun, parent_series, run_assessment
from tongket.core.numbers import format_number
from tongket.core.periods import period_label_vi
from tongket.figures.models import Basis, Figure, FigureStatus
from tongket.reports.document import (
    FORMATS,
    AppendixRow,
    AssessmentRow,
    ChartSeries,
    PolicyRow,
    ReportData,
    ReportHeader,
    ReportSection,
)
from tongket.resolutions.models import Resolution
from tongket.reviews.models import Policy, Review, Section, SectionVersion
from tongket.reviews.numbering import Node, number_outline

COUNTED = (FigureStatus.SUBMITTED, FigureStatus.APPROVED)
BASIS_LABELS = dict(Basis.choices)
STATUS_LABELS = dict(FigureStatus.choices)
POLICY_STATUS_LABELS = dict(Policy.Status.choices)
MAX_CHARTS = 60


def _actual_text(row) -> str:
    actual = row.assessment.actual
    if actual is None:
        return rules.VERDICT_LABELS_VI["no_data"]
    spec = row.spec
    unit = rules.result_unit(spec)
    number = format_number(actual, rules.result_decimals(spec))
    return f"{number}{unit}" if unit.startswith("%") else f"{number} {unit}".strip()


def assessment_rows(run: ReviewRun) -> list[AssessmentRow]:
    """The assessment table: target as worded, target value, actual, basis, verdict and narrative."""
    out = []
    for row in run.rows:
        result = row.assessment
        out.append(
            AssessmentRow(
                code=row.target.code,
                target_text=row.target.text,
                target_value_text=rules.bounds_text(row.spec),
                actual_text=_actual_text(row),
                basis_text=rules.BASIS_LABELS_VI.get(result.basis or "", ""),
                verdict=result.verdict,
                verdict_label=rules.VERDICT_LABELS_VI[result.verdict],
                narrative=result.narrative,
                approved=all(f.status == FigureStatus.APPROVED for f in row.figures),
                illustrative=row.illustrative,
            )
        )
    return out


def chart_series(run: ReviewRun, indicator_ids: list[int] | None = None) -> list[ChartSeries]:
    """One series per indicator (the ones asked for, else every indicator with a target)."""
    by_indicator: dict[int, object] = {}
    for row in run.rows:
        if row.target.indicator_id and row.target.indicator_id not in by_indicator:
            by_indicator[row.target.indicator_id] = row
    wanted = indicator_ids or list(by_indicator)
    parents = parent_series(wanted, run.area)
    parent_name = run.area.parent.name if run.area is not None and run.area.parent_id else ""
    series = []
    for indicator_id in wanted[:MAX_CHARTS]:
        row = by_indicator.get(indicator_id)
        if row is None:
            continue
        points = run.series.get(indicator_id, [])
        target = row.target
        series.append(
            ChartSeries(
                indicator_code=target.indicator.code,
                indicator_name=target.indicator.name,
                unit=target.indicator.unit,
                points=[(p.year, p.value) for p in points],
                parent_points=[(p.year, p.value) for p in parents.get(indicator_id, [])],
                parent_name=parent_name,
                target_lower=target.lower if target.kind == "level" else None,
                target_upper=target.upper if target.kind == "level" else None,
                target_year=target.year,
                illustrative=target.illustrative or any(p.illustrative for p in points),
            )
        )
    return series


def appendix_figures(run: ReviewRun) -> list[Figure]:
    """Every counted figure of the targets' indicators in the area and its parent (one query)."""
    indicator_ids = {row.target.indicator_id for row in run.rows if row.target.indicator_id}
    areas = [a for a in (run.area, run.area.parent if run.area else None) if a is not None]
    return list(
        Figure.objects.filter(indicator_id__in=indicator_ids, area__in=areas, status__in=COUNTED)
        .select_related("indicator", "area", "source_agency")
        .order_by("indicator__code", "area__code", "year", "period", "basis")
    )


def appendix_rows(run: ReviewRun) -> list[AppendixRow]:
    """The appendix of figures with their sources, every text formatted the Vietnamese way."""
    return [
        AppendixRow(
            indicator=f.indicator.name,
            area=f.area.name,
            period=period_label_vi(f.period),
            value_text=format_number(f.value, f.indicator.decimals),
            unit=f.indicator.unit,
            basis_label=BASIS_LABELS.get(f.basis, f.basis),
            status_label=STATUS_LABELS.get(f.status, f.status),
            source=f.source_agency.name if f.source_agency else "",
            citation=f.citation,
            approved=f.status == FigureStatus.APPROVED,
            illustrative=f.illustrative,
        )
        for f in appendix_figures(run)
    ]


def outline_sections(review: Review) -> tuple[list[ReportSection], list[int]]:
    """The outline in reading order, numbered; accepted sections carry their latest draft."""
    sections = list(
        Section.objects.filter(review=review)
        .prefetch_related("chart_indicators")
        .order_by("order", "id")
    )
    latest: dict[int, str] = {}
    for section_id, html in (
        SectionVersion.objects.filter(section__review=review)
        .order_by("section_id", "number")
        .values_list("section_id", "html")
    ):
        latest[section_id] = html
    numbers = number_outline(Node(s.pk, s.parent_id, s.order) for s in sections)
    children: dict[int | None, list[Section]] = {}
    for s in sections:
        children.setdefault(s.parent_id, []).append(s)
    out: list[ReportSection] = []
    chart_indicators: list[int] = []

    def walk(parent_id: int | None, level: int) -> None:
        for s in children.get(parent_id, []):
            if s.pk not in numbers:
                continue
            accepted = s.status == Section.Status.ACCEPTED and s.pk in latest
            out.append(
                ReportSection(
                    number=numbers[s.pk],
                    title=s.title,
                    level=min(level, 3),
                    html=latest[s.pk] if accepted else None,
                    generated=s.generated or None,
                )
            )
            if s.generated == Section.Generated.CHARTS:
                chart_indicators.extend(i.pk for i in s.chart_indicators.all())
            walk(s.pk, level + 1)

    walk(None, 1)
    return out, chart_indicators


def policy_rows(review: Review) -> list[PolicyRow]:
    """The inventory of mechanisms and policies issued under the resolution."""
    return [
        PolicyRow(
            number=p.number,
            date=p.issued,
            issuer=p.issuer,
            title=p.title,
            status_label=POLICY_STATUS_LABELS.get(p.status, p.status),
            targets_text=", ".join(t.code for t in p.targets.all()),
            note=p.assessment_note,
        )
        for p in review.policies.prefetch_related("targets").order_by("issued", "code")
    ]


def header_for(
    resolution: Resolution, review: Review | None, fmt: str, today: dt.date
) -> ReportHeader:
    """The header block from the review's report settings, with plain defaults without a review."""
    subject = (
        review.document_subject
        if review is not None and review.document_subject
        else f"Kết quả thực hiện các chỉ tiêu của Nghị quyết số {resolution.number} {resolution.title}".strip()
    )
    if review is None:
        return ReportHeader(
            format=fmt, parent_body="", issuer="", number="", place="Hà Nội", date=today,
            doc_type="BÁO CÁO", subject=subject,
        )  # fmt: skip
    return ReportHeader(
        format=fmt,
        parent_body=review.issuer_parent,
        issuer=review.issuer or review.title,
        number=review.document_number,
        place=review.document_place or "Hà Nội",
        date=review.document_date or today,
        doc_type=review.document_type or "BÁO CÁO",
        subject=subject,
    )


def report_data(
    resolution: Resolution, review: Review | None = None, fmt: str | None = None
) -> ReportData:
    """Everything the report of this resolution (and review) shows."""
    fmt = fmt or (review.document_format if review is not None else "party")
    if fmt not in FORMATS:
        raise ValueError(f"thể thức '{fmt}' không hợp lệ (party hoặc state)")
    run = run_assessment(resolution, review)
    sections: list[ReportSection] = []
    chart_indicators: list[int] = []
    policies: list[PolicyRow] = []
    if review is not None:
        sections, chart_indicators = outline_sections(review)
        policies = policy_rows(review)
    return ReportData(
        header=header_for(resolution, review, fmt, timezone.localdate()),
        sections=sections,
        assessment=assessment_rows(run),
        charts=chart_series(run, chart_indicators or None),
        policies=policies,
        appendix=appendix_rows(run),
        recipients=[
            line for line in (review.recipients.splitlines() if review else []) if line.strip()
        ],
        signature_title=review.signature_title if review else "",
        signer_position=review.signer_position if review else "",
        signer_name=review.signer_name if review else "",
    )
