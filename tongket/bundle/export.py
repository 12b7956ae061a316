"""Export of a resolution and its review as a `tongket-bundle/1` document (the inverse of the import)."""

from __future__ import annotations

from django.utils import timezone

from tongket.bundle.services import FORMAT
from tongket.figures.models import DataRequest, Figure, FigureStatus
from tongket.organizations.models import Agency, Area
from tongket.resolutions.models import Indicator, Resolution
from tongket.reviews.models import Review


class ExportError(Exception):
    """The resolution or review to export does not exist; the message is Vietnamese."""


def _number(value: float | None):
    if value is None:
        return None
    return int(value) if float(value).is_integer() and abs(value) < 1e15 else value


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _clean(item: dict) -> dict:
    """Leave out empty optional keys so that hand-written and exported bundles look alike."""
    return {k: v for k, v in item.items() if v not in (None, "", [])}


def pick_review(resolution: Resolution, review_code: str | None) -> Review | None:
    """The review to export: the one named, else the resolution's only or latest review."""
    reviews = resolution.reviews.all()
    if review_code:
        review = reviews.filter(code=review_code).first()
        if review is None:
            raise ExportError(
                f"nghị quyết '{resolution.code}' không có đợt tổng kết '{review_code}'"
            )
        return review
    return reviews.order_by("-created_at").first()


def export_bundle(resolution_code: str, review_code: str | None = None) -> dict:
    """The bundle of one resolution, its targets, its review (if any), and the figures they use."""
    resolution = Resolution.objects.select_related("area").filter(code=resolution_code).first()
    if resolution is None:
        raise ExportError(f"không có nghị quyết mã '{resolution_code}'")
    review = pick_review(resolution, review_code)
    targets = list(resolution.targets.select_related("indicator").order_by("order", "code"))

    indicator_ids = {t.indicator_id for t in targets if t.indicator_id}
    area_ids = {resolution.area_id} if resolution.area_id else set()
    agency_ids: set[int] = set()
    bundle: dict = {"format": FORMAT}
    bundle["resolution"] = _clean(
        {
            "code": resolution.code,
            "number": resolution.number,
            "title": resolution.title,
            "issued": _iso(resolution.issued),
            "issuer": resolution.issuer,
            "area": resolution.area.code if resolution.area else None,
            "text": resolution.text,
        }
    )
    workflow: dict = {}
    if review:
        bundle["review"] = _export_review(review, indicator_ids, area_ids, agency_ids, workflow)

    # Figures counted by the assessment (submitted and approved) of the indicators used, in the areas
    # concerned and their parents (the dashboard compares an area with its parent).
    areas = _with_ancestors(area_ids)
    figures = list(
        Figure.objects.filter(
            indicator_id__in=indicator_ids,
            area_id__in=areas.keys(),
            status__in=[FigureStatus.SUBMITTED, FigureStatus.APPROVED],
        )
        .select_related("indicator", "area", "source_agency")
        .order_by("indicator__code", "area__code", "year", "period", "basis")
    )
    agency_ids |= {f.source_agency_id for f in figures if f.source_agency_id}
    for area in Area.objects.filter(pk__in=areas.keys()).exclude(successor=None):
        areas.setdefault(area.successor_id, None)
    areas = _with_ancestors(set(areas.keys()))
    area_objects = sorted(areas.values(), key=lambda a: (_depth(a, areas), a.code))
    agencies = _agencies_with_parents(agency_ids)
    out = {
        **bundle,
        "areas": [
            _clean(
                {
                    "code": a.code,
                    "name": a.name,
                    "level": a.level,
                    "parent": areas[a.parent_id].code if a.parent_id else None,
                    "valid_from": _iso(a.valid_from),
                    "valid_to": _iso(a.valid_to),
                    "successor": areas[a.successor_id].code if a.successor_id in areas else None,
                }
            )
            for a in area_objects
        ],
        "agencies": [
            _clean(
                {
                    "code": a.code,
                    "name": a.name,
                    "short_name": a.short_name,
                    "parent": agencies[a.parent_id].code if a.parent_id else None,
                    "area": a.area.code if a.area_id and a.area_id in areas else None,
                    "email": a.email,
                }
            )
            for a in sorted(agencies.values(), key=lambda a: (_depth(a, agencies), a.code))
        ],
        "indicators": [
            _clean(
                {
                    "code": i.code,
                    "name": i.name,
                    "unit": i.unit,
                    "kind": i.kind,
                    "decimals": i.decimals,
                    "description": i.description,
                    "plausible_min": _number(i.plausible_min),
                    "plausible_max": _number(i.plausible_max),
                }
            )
            for i in Indicator.objects.filter(pk__in=indicator_ids).order_by("code")
        ],
        "targets": [
            {
                **_clean(
                    {
                        "code": t.code,
                        "indicator": t.indicator.code if t.indicator else None,
                        "kind": t.kind,
                        "lower": _number(t.lower),
                        "upper": _number(t.upper),
                        "direction": t.direction,
                        "unit": t.unit,
                        "start_year": t.start_year,
                        "year": t.year,
                        "base_year": t.base_year,
                        "text": t.text,
                        "source_text": t.source_text if t.source_text != t.text else None,
                        "citation": t.citation,
                    }
                ),
                "approximate": t.approximate,
                "illustrative": t.illustrative,
            }
            for t in targets
        ],
        "values": [
            {
                **_clean(
                    {
                        "indicator": f.indicator.code,
                        "area": f.area.code,
                        "period": f.period,
                        "value": _number(f.value),
                        "source": f.source_agency.code if f.source_agency else None,
                        "basis": f.basis,
                        "comment": f.comment,
                        "citation": f.citation,
                    }
                ),
                "illustrative": f.illustrative,
            }
            for f in figures
        ],
        **workflow,
    }
    return out


def _depth(obj, index: dict) -> int:
    depth, node = 0, obj
    while node.parent_id and node.parent_id in index and depth < 50:
        node = index[node.parent_id]
        depth += 1
    return depth


def _with_ancestors(ids: set[int]) -> dict[int, Area]:
    found: dict[int, Area] = {}
    todo = {i for i in ids if i}
    while todo:
        batch = list(Area.objects.filter(pk__in=todo))
        found.update({a.pk: a for a in batch})
        todo = {a.parent_id for a in batch if a.parent_id and a.parent_id not in found}
    return found


def _agencies_with_parents(ids: set[int]) -> dict[int, Agency]:
    found: dict[int, Agency] = {}
    todo = {i for i in ids if i}
    while todo:
        batch = list(Agency.objects.filter(pk__in=todo).select_related("area"))
        found.update({a.pk: a for a in batch})
        todo = {a.parent_id for a in batch if a.parent_id and a.parent_id not in found}
    return found


def _export_review(
    review: Review, indicator_ids: set, area_ids: set, agency_ids: set, bundle: dict
) -> dict:
    if review.area_id:
        area_ids.add(review.area_id)
    report = _clean({
        "issuer_parent": review.issuer_parent, "issuer": review.issuer, "number": review.document_number,
        "place": review.document_place, "date": _iso(review.document_date), "type": review.document_type,
        "subject": review.document_subject,
        "recipients": [line for line in review.recipients.splitlines() if line.strip()],
        "signature_title": review.signature_title, "signer_position": review.signer_position,
        "signer_name": review.signer_name,
    })  # fmt: skip
    part = _clean({
        "code": review.code, "title": review.title, "tolerance": review.tolerance,
        "document_format": review.document_format, "area": review.area.code if review.area else None,
        "start_date": _iso(review.start_date), "end_date": _iso(review.end_date),
        "reminder_days": review.reminder_days, "report": report,
    })  # fmt: skip

    def agency(obj_id, code_of) -> str | None:
        if obj_id:
            agency_ids.add(obj_id)
            return code_of
        return None

    groups = []
    for g in review.groups.prefetch_related("members__agency").order_by("order", "id"):
        groups.append({
            "code": g.code, "kind": g.kind, "name": g.name,
            "members": [
                _clean({"name": m.name, "position": m.position,
                        "agency": agency(m.agency_id, m.agency.code if m.agency else None), "role": m.role})
                for m in g.members.all()
            ],
        })  # fmt: skip
    milestones = [
        _clean(
            {
                "code": m.code,
                "title": m.title,
                "owner": agency(m.owner_id, m.owner.code if m.owner else None),
                "start": _iso(m.start),
                "deadline": _iso(m.deadline),
                "status": m.status,
                "evidence": m.evidence,
                "completed_on": _iso(m.completed_on),
            }
        )
        for m in review.milestones.select_related("owner").order_by("order", "deadline", "id")
    ]
    sections_qs = list(
        review.sections.select_related("lead_agency", "parent")
        .prefetch_related("coordinating_agencies", "chart_indicators", "versions")
        .order_by("order", "id")
    )
    sections = []
    for s in _tree_order(sections_qs):
        for c in s.coordinating_agencies.all():
            agency_ids.add(c.pk)
        charts = sorted(i.code for i in s.chart_indicators.all())
        indicator_ids.update(i.pk for i in s.chart_indicators.all())
        versions = sorted(s.versions.all(), key=lambda v: v.number)
        sections.append(_clean({
            "code": s.code, "parent": s.parent.code if s.parent else None, "title": s.title,
            "guidance": s.guidance, "lead": agency(s.lead_agency_id, s.lead_agency.code if s.lead_agency else None),
            "coordinators": sorted(c.code for c in s.coordinating_agencies.all()), "due": _iso(s.due),
            "generated": s.generated, "chart_indicators": charts, "status": s.status,
            "draft": versions[-1].html if versions else None,
        }))  # fmt: skip
    requests = []
    for r in (
        DataRequest.objects.filter(review=review)
        .select_related("agency")
        .prefetch_related("indicators", "areas")
        .order_by("code")
    ):
        agency_ids.add(r.agency_id)
        indicator_ids.update(i.pk for i in r.indicators.all())
        area_ids.update(a.pk for a in r.areas.all())
        requests.append(_clean({
            "code": r.code, "agency": r.agency.code, "title": r.title, "instructions": r.instructions,
            "deadline": _iso(r.deadline), "indicators": sorted(i.code for i in r.indicators.all()),
            "areas": sorted(a.code for a in r.areas.all()), "periods": list(r.periods), "status": r.status,
        }))  # fmt: skip
    meetings = []
    for m in review.meetings.prefetch_related(
        "attendees__agency", "agenda__section", "agenda__data_request", "opinions", "conclusions"
    ).order_by("held_at", "code"):
        meetings.append(_clean({
            "code": m.code, "title": m.title, "held_at": timezone.localtime(m.held_at).isoformat(),
            "place": m.place, "chair": m.chair, "chair_position": m.chair_position, "summary": m.summary,
            "notice_number": m.notice_number,
            "attendees": [
                {**_clean({"name": a.name, "position": a.position,
                           "agency": agency(a.agency_id, a.agency.code if a.agency else None)}),
                 "guest": a.is_guest}
                for a in m.attendees.all()
            ],
            "agenda": [
                _clean({"title": a.title, "subject": a.subject, "section": a.section.code if a.section else None,
                        "data_request": a.data_request.code if a.data_request else None})
                for a in m.agenda.all()
            ],
            "opinions": [_clean({"speaker": o.speaker, "position": o.position, "text": o.text}) for o in m.opinions.all()],
            "conclusions": [{"text": c.text} for c in m.conclusions.all()],
        }))  # fmt: skip
    tasks = []
    for t in review.tasks.select_related("owner", "conclusion__meeting").order_by(
        "deadline", "code"
    ):
        agency_ids.add(t.owner_id)
        tasks.append(_clean({
            "code": t.code, "title": t.title, "description": t.description, "owner": t.owner.code,
            "deadline": _iso(t.deadline), "status": t.status, "completed_on": _iso(t.completed_on),
            "meeting": t.conclusion.meeting.code if t.conclusion else None,
            "conclusion": t.conclusion.order + 1 if t.conclusion else None,
        }))  # fmt: skip
    policies = [
        _clean(
            {
                "code": p.code,
                "number": p.number,
                "issued": _iso(p.issued),
                "issuer": p.issuer,
                "title": p.title,
                "status": p.status,
                "targets": sorted(t.code for t in p.targets.all()),
                "note": p.assessment_note,
            }
        )
        for p in review.policies.prefetch_related("targets").order_by("issued", "code")
    ]
    for key, items in (("groups", groups), ("milestones", milestones), ("sections", sections),
                       ("data_requests", requests), ("meetings", meetings), ("tasks", tasks),
                       ("policies", policies)):  # fmt: skip
        bundle[key] = items
    return part


def _tree_order(sections: list) -> list:
    """Parents before children, siblings in their order, so the import can link parents in one pass."""
    children: dict = {}
    for s in sections:
        children.setdefault(s.parent_id, []).append(s)
    out: list = []

    def walk(parent_id) -> None:
        for s in sorted(children.get(parent_id, []), key=lambda x: (x.order, x.pk)):
            out.append(s)
            walk(s.pk)

    walk(None)
    return out
