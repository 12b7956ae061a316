"""The assessment of a review's targets, live from the figures, and the committee's verdicts by hand.

Computed verdicts are never stored: every call reads the figures again, so a changed figure shows on the
next page load. A whole resolution is assessed in a fixed number of queries whatever its number of
targets: one for the targets with their indicators, one for the yearly figures of all their indicators
in the area, one for the manual verdicts (and, for the dashboard, one for the parent area's figures).

Which figures count (issue 6): yearly ones (period_type "Y"), submitted or approved, of the review's area
(else the resolution's); drafts and returned figures do not. Where a year has several bases the most
final wins (`rules.pick_yearly`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.exceptions import PermissionDenied
from django.db import connections, transaction
from django.db.models import QuerySet
from django.urls import reverse

from tongket.accounts.rights import can_set_manual_verdict
from tongket.assessment import rules
from tongket.assessment.models import ManualVerdict
from tongket.assessment.rules import Assessment, Observation, TargetSpec
from tongket.figures.models import Figure, FigureStatus
from tongket.organizations.models import Area
from tongket.resolutions.models import Resolution, Target
from tongket.reviews.models import Activity, Review

COUNTED_STATUSES = (FigureStatus.SUBMITTED, FigureStatus.APPROVED)
YEARLY = "Y"


class ManualVerdictError(ValueError):
    """A manual verdict the service refuses (unknown verdict, no reason, target of another resolution)."""


class FigurePoint(NamedTuple):
    """One yearly figure as the dashboard shows it: value, basis, source agency, citation, marks.

    A named tuple: a dashboard builds thousands of them, several times faster than frozen dataclasses.
    """

    id: int
    indicator_id: int
    area_id: int
    year: int
    value: float
    basis: str
    status: str
    source: str
    citation: str
    illustrative: bool

    def observation(self) -> Observation:
        """The figure as the rules read it."""
        return Observation(year=self.year, value=self.value, basis=self.basis)


@dataclass
class AssessedTarget:
    """A target, its rules input, its assessment and the yearly figures it was judged from."""

    target: Target
    spec: TargetSpec
    assessment: Assessment
    figures: list[FigurePoint] = field(default_factory=list)  # the chosen ones, by year

    @property
    def illustrative(self) -> bool:
        """The target or one of its figures is only an illustration (minh họa)."""
        return self.target.illustrative or any(f.illustrative for f in self.figures)


@dataclass
class ReviewRun:
    """Everything one assessment of a resolution (in a review, for an area) produced."""

    resolution: Resolution
    review: Review | None
    area: Area | None
    tolerance: float
    rows: list[AssessedTarget]
    series: dict[int, list[FigurePoint]]  # indicator id → chosen yearly figures of the area

    @property
    def assessments(self) -> list[Assessment]:
        """The assessments in the targets' order."""
        return [row.assessment for row in self.rows]

    def counts(self) -> dict[str, int]:
        """How many targets have each verdict (every verdict present, zero or not)."""
        counts = dict.fromkeys(rules.VERDICTS, 0)
        for row in self.rows:
            counts[row.assessment.verdict] += 1
        return counts


def target_spec(target: Target) -> TargetSpec:
    """The target as the rules need it. Bounds are stored in the indicator's unit (converted when the
    target was confirmed), so the indicator's unit is the target's unit when there is an indicator."""
    indicator = target.indicator
    qualitative = indicator is None or (target.lower is None and target.upper is None)
    return TargetSpec(
        code=target.code,
        kind=target.kind,
        direction=target.direction,
        lower=target.lower,
        upper=target.upper,
        unit=(indicator.unit if indicator is not None and indicator.unit else target.unit),
        year=target.year,
        start_year=target.start_year,
        base_year=target.base_year,
        approximate=target.approximate,
        indicator_name=indicator.name if indicator is not None else "",
        indicator_kind=indicator.kind if indicator is not None else "level",
        decimals=indicator.decimals if indicator is not None else 2,
        text=target.text,
        qualitative=qualitative,
    )


def assessment_area(resolution: Resolution, review: Review | None = None, area: Area | None = None):
    """The area whose figures count: the one asked for, else the review's, else the resolution's."""
    if area is not None:
        return area
    if review is not None and review.area_id:
        return review.area
    return resolution.area


def yearly_figures(
    indicator_ids: Iterable[int], area_id: int | None
) -> dict[int, list[FigurePoint]]:
    """The counted yearly figures of these indicators in one area, in one query, oldest first per year.

    Served by figure_series_idx (indicator, period_type, year, area).
    """
    ids = sorted(set(indicator_ids))
    if not ids or area_id is None:
        return {}
    query = (
        Figure.objects.filter(
            indicator_id__in=ids, period_type=YEARLY, area_id=area_id, status__in=COUNTED_STATUSES
        )
        .order_by("indicator_id", "year", "updated_at", "id")
        .values_list(
            "id", "indicator_id", "area_id", "year", "value", "basis", "status",
            "source_agency__name", "citation", "illustrative",
        )
    )  # fmt: skip
    by_indicator: dict[int, list[FigurePoint]] = defaultdict(list)
    for fid, ind, area, year, value, basis, status, source, citation, illustrative in _raw_rows(
        query
    ):
        by_indicator[ind].append(
            FigurePoint(
                fid,
                ind,
                area,
                year,
                float(value),
                basis,
                status,
                source or "",
                citation,
                bool(illustrative),
            )
        )
    return dict(by_indicator)


def _raw_rows(query: QuerySet) -> list[tuple]:
    """The rows of a `values_list` query through a plain cursor: the ORM's per-row converters cost more
    than the query itself on thousands of figures (the SQL is the ORM's own, parameters bound)."""
    sql, params = query.query.sql_with_params()
    with connections[query.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def choose_yearly(points: Sequence[FigurePoint]) -> list[FigurePoint]:
    """One figure per year, the most final basis winning (the same choice as `rules.pick_yearly`)."""
    chosen: dict[int, FigurePoint] = {}
    for point in points:
        current = chosen.get(point.year)
        if current is None or rules.BASIS_RANK[point.basis] >= rules.BASIS_RANK[current.basis]:
            chosen[point.year] = point
    return [chosen[year] for year in sorted(chosen)]


def _targets(resolution: Resolution) -> list[Target]:
    return list(
        Target.objects.filter(resolution=resolution)
        .select_related("indicator")
        .order_by("order", "code", "id")
    )


def _manual(review: Review | None) -> dict[int, ManualVerdict]:
    if review is None:
        return {}
    return {m.target_id: m for m in ManualVerdict.objects.filter(review=review)}


def run_assessment(
    resolution: Resolution, review: Review | None = None, area: Area | None = None
) -> ReviewRun:
    """Assess every target of the resolution (3 queries), with the manual verdicts of the review."""
    tolerance = review.tolerance if review is not None else rules.DEFAULT_TOLERANCE
    where = assessment_area(resolution, review, area)
    targets = _targets(resolution)
    raw = yearly_figures(
        (t.indicator_id for t in targets if t.indicator_id), where.pk if where else None
    )
    series = {ind: choose_yearly(points) for ind, points in raw.items()}
    manual = _manual(review)
    rows: list[AssessedTarget] = []
    for target in targets:
        spec = target_spec(target)
        chosen = series.get(target.indicator_id, []) if target.indicator_id else []
        yearly = {p.year: p.observation() for p in chosen}
        result = rules.assess(spec, yearly, tolerance)
        by_hand = manual.get(target.pk)
        if by_hand is not None:
            result = rules.apply_manual(result, by_hand.verdict, by_hand.reason)
        rows.append(AssessedTarget(target=target, spec=spec, assessment=result, figures=chosen))
    return ReviewRun(resolution, review, where, tolerance, rows, series)


def assess_resolution(
    resolution: Resolution, review: Review | None = None, area: Area | None = None
) -> list[Assessment]:
    """The assessment of every target of a resolution (in the review, if given, with its manual verdicts,
    its tolerance and its area)."""
    return run_assessment(resolution, review, area).assessments


def assess_review(review: Review, area: Area | None = None) -> list[Assessment]:
    """The assessment of every target of the review's resolution, live from the figures."""
    return run_assessment(review.resolution, review, area).assessments


def parent_series(indicator_ids: Iterable[int], area: Area | None) -> dict[int, list[FigurePoint]]:
    """The parent area's chosen yearly figures of these indicators (one query), for comparison."""
    if area is None or not area.parent_id:
        return {}
    raw = yearly_figures(indicator_ids, area.parent_id)
    return {ind: choose_yearly(points) for ind, points in raw.items()}


# --------------------------------------------------------------------------------------------------
# Verdicts by hand


def _check_manual(review: Review, target: Target, verdict: str, reason: str) -> str:
    if target.resolution_id != review.resolution_id:
        raise ManualVerdictError("Chỉ tiêu này không thuộc nghị quyết của đợt tổng kết")
    if verdict not in ManualVerdict.Verdict.values:
        raise ManualVerdictError(f"Kết quả đánh giá '{str(verdict)[:30]}' không hợp lệ")
    cleaned = " ".join(str(reason or "").split())
    if not cleaned:
        raise ManualVerdictError("Cần ghi lý do khi đánh giá thủ công")
    if len(cleaned) > 2000:
        raise ManualVerdictError("Lý do dài quá 2.000 ký tự")
    return cleaned


def _dashboard_url(review: Review) -> str:
    return reverse("assessment:dashboard", args=[review.code])


def set_manual_verdict(
    review: Review, target: Target, verdict: str, reason: str, actor
) -> ManualVerdict:
    """Record the committee's verdict on a target, with its required reason, and say so in the feed.

    Raises PermissionDenied unless the actor is committee or secretariat of the review, and
    ManualVerdictError (Vietnamese message) for a bad verdict, an empty reason or a foreign target.
    """
    if not can_set_manual_verdict(actor, review):
        raise PermissionDenied
    cleaned = _check_manual(review, target, verdict, reason)
    with transaction.atomic():
        found, _created = ManualVerdict.objects.update_or_create(
            review=review,
            target=target,
            defaults={"verdict": verdict, "reason": cleaned, "set_by": actor},
        )
        label = rules.VERDICT_LABELS_VI[verdict]
        Activity.objects.create(
            review=review,
            actor=actor,
            verb="manual_verdict_set",
            summary=f"Đánh giá thủ công chỉ tiêu {target.code}: {label} (lý do: {cleaned})"[:500],
            url=_dashboard_url(review),
        )
    return found


def clear_manual_verdict(review: Review, target: Target, actor) -> bool:
    """Remove the committee's verdict on a target (the computed one applies again); True if one existed."""
    if not can_set_manual_verdict(actor, review):
        raise PermissionDenied
    with transaction.atomic():
        deleted, _ = ManualVerdict.objects.filter(review=review, target=target).delete()
        if deleted:
            Activity.objects.create(
                review=review,
                actor=actor,
                verb="manual_verdict_cleared",
                summary=f"Bỏ đánh giá thủ công chỉ tiêu {target.code}: dùng lại kết quả tính từ số liệu",
                url=_dashboard_url(review),
            )
    return bool(deleted)


# --------------------------------------------------------------------------------------------------
# The explorer


class ExplorerPoint(NamedTuple):
    """One figure of the explorer: which indicator, area and period, the value and how final it is
    (`illustrative` is 0/1 on SQLite: read it as a truth value)."""

    indicator_id: int
    area_id: int
    period: str
    year: int
    value: float
    basis: str
    illustrative: bool


def explore(
    indicator_ids: Sequence[int],
    area_ids: Sequence[int] | None,
    year_from: int,
    year_to: int,
    period_type: str = YEARLY,
) -> list[ExplorerPoint]:
    """The counted figures of these indicators × areas (None: every area) × years, one per period.

    One query on figure_series_idx (indicator, period_type, year, area). Like the assessment, only
    submitted and approved figures count, and where a period has several bases the most final wins.
    Figures are facts about areas, readable by any signed-in user whatever the review (see views).
    """
    if not indicator_ids:
        return []
    query = Figure.objects.filter(
        indicator_id__in=list(indicator_ids),
        period_type=period_type,
        year__gte=year_from,
        year__lte=year_to,
        status__in=COUNTED_STATUSES,
    )
    if area_ids is not None:
        query = query.filter(area_id__in=list(area_ids))
    # In the index's order, so that the bases of one period come together and one pass keeps the most
    # final (a year is one period; quarters and months of a year are told apart by the period).
    order = ["indicator_id", "year", "area_id"] + ([] if period_type == YEARLY else ["period"])
    rows = _raw_rows(
        query.order_by(*order).values_list(
            "indicator_id", "area_id", "period", "year", "value", "basis", "illustrative"
        )
    )
    rank = rules.BASIS_RANK
    make = tuple.__new__  # ExplorerPoint._make without its length check: the SQL gives the 7 fields
    points: list[ExplorerPoint] = []
    append = points.append
    previous: tuple = (None, None, None)
    for row in rows:
        # Compared field by field (period first, the likeliest to differ): slicing would build tuples.
        if row[2] == previous[2] and row[1] == previous[1] and row[0] == previous[0]:
            if rank[row[5]] > rank[previous[5]]:
                points[-1] = make(ExplorerPoint, row)
                previous = row
            continue
        append(make(ExplorerPoint, row))
        previous = row
    return points
