"""Import and export of the review bundle (`tongket-bundle/1`): one JSON document carrying a resolution
and its review between installations.

Import is all-or-nothing: the schema is checked first, then every code and reference, then everything is
written in one transaction (figures through `figures.services.import_figures`, like every other figure
import); any refused item rolls the whole bundle back. Objects are matched by their codes, updated with
the keys the bundle gives, and never deleted because the bundle omits them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from jsonschema import Draft202012Validator

from tongket.figures.models import FigureHistory, FigureStatus
from tongket.figures.services import FigureRow, import_figures
from tongket.organizations.models import Agency, Area
from tongket.resolutions.models import Indicator, Resolution, Target
from tongket.reviews.models import (
    Activity,
    AgendaItem,
    Conclusion,
    Group,
    GroupMember,
    Meeting,
    MeetingAttendee,
    Milestone,
    Opinion,
    Policy,
    Review,
    Section,
    SectionVersion,
    Task,
)

FORMAT = "tongket-bundle/1"
SCHEMA_PATH = Path(__file__).with_name("schema.json")


@cache
def schema_validator() -> Draft202012Validator:
    """The bundle's JSON Schema (tongket/bundle/schema.json)."""
    return Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class BundleError:
    """A refused part of a bundle, named by its JSON path."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass
class BundleResult:
    """What an import did, or why it refused the bundle."""

    errors: list[BundleError] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    figures: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when the bundle was applied."""
        return not self.errors


class _Refused(Exception):
    """Rolls the transaction back when any part of the bundle is refused."""


def _json_path(parts: Iterable[Any]) -> str:
    path = "$"
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


_SCHEMA_MESSAGES = {
    "required": "thiếu trường bắt buộc",
    "type": "sai kiểu dữ liệu",
    "const": "sai giá trị",
    "enum": "giá trị không nằm trong danh sách cho phép",
    "pattern": "sai định dạng",
    "minimum": "nhỏ hơn mức cho phép",
    "maximum": "lớn hơn mức cho phép",
    "minLength": "không được để trống",
    "maxLength": "quá dài",
}


def _schema_errors(data: Any) -> list[BundleError]:
    errors = []
    for error in sorted(schema_validator().iter_errors(data), key=lambda e: list(e.absolute_path)):
        path = _json_path(error.absolute_path)
        if error.validator == "required":
            missing = error.message.split("'")[1] if "'" in error.message else ""
            errors.append(
                BundleError(f"{path}.{missing}" if missing else path, "thiếu trường bắt buộc")
            )
        elif error.validator == "const" and list(error.absolute_path) == ["format"]:
            errors.append(
                BundleError(path, f"định dạng phải là '{FORMAT}', không phải {error.instance!r}")
            )
        elif error.validator == "type" and error.validator_value in ("number", ["number", "null"]):
            errors.append(BundleError(path, f"{str(error.instance)[:40]!r} không phải là số"))
        else:
            label = _SCHEMA_MESSAGES.get(str(error.validator), "không hợp lệ")
            errors.append(BundleError(path, f"{label} ({str(error.instance)[:60]!r})"))
    return errors


def _date(value: str | None) -> dt.date | None:
    return parse_date(value) if value else None


class _Importer:
    """One bundle import: checks references, then writes in dependency order."""

    def __init__(self, data: dict, source: str, actor):
        self.data = data
        self.source = source
        self.actor = actor
        self.errors: list[BundleError] = []
        self.counts: dict[str, int] = {}
        self.written = 0  # objects created or changed, for the activity feed

    def error(self, path: str, message: str) -> None:
        self.errors.append(BundleError(path, message))

    # --- checks before writing -------------------------------------------------------------
    def check_duplicates(self) -> None:
        for key in ("areas", "agencies", "indicators", "targets", "values", "groups", "milestones",
                    "sections", "data_requests", "meetings", "tasks", "policies"):  # fmt: skip
            seen: dict[Any, int] = {}
            for index, item in enumerate(self.data.get(key, [])):
                ident = (
                    (item["indicator"], item["area"], item["period"], item.get("basis", "official"))
                    if key == "values"
                    else item.get("code")
                )
                if ident is None:
                    continue
                if ident in seen:
                    self.error(
                        _json_path([key, index, "code" if key != "values" else "period"]),
                        f"trùng mã với {_json_path([key, seen[ident]])}",
                    )
                else:
                    seen[ident] = index

    def known(self, key: str, model) -> set[str]:
        codes = {item["code"] for item in self.data.get(key, [])}
        refs = self._refs.get(key, set()) - codes
        if refs:
            codes |= set(model.objects.filter(code__in=refs).values_list("code", flat=True))
        return codes

    def collect_refs(self) -> None:
        d = self.data
        areas: set[str] = set()
        agencies: set[str] = set()
        indicators: set[str] = set()

        def add(bucket: set[str], value: str | None) -> None:
            if value:
                bucket.add(value)

        add(areas, d["resolution"].get("area"))
        add(areas, (d.get("review") or {}).get("area"))
        for a in d.get("areas", []):
            add(areas, a.get("parent"))
            add(areas, a.get("successor"))
        for a in d.get("agencies", []):
            add(agencies, a.get("parent"))
            add(areas, a.get("area"))
        for t in d.get("targets", []):
            add(indicators, t.get("indicator"))
        for v in d.get("values", []):
            add(indicators, v["indicator"])
            add(areas, v["area"])
            add(agencies, v.get("source"))
        for g in d.get("groups", []):
            for m in g.get("members", []):
                add(agencies, m.get("agency"))
        for m in d.get("milestones", []):
            add(agencies, m.get("owner"))
        for s in d.get("sections", []):
            add(agencies, s.get("lead"))
            for c in s.get("coordinators", []):
                add(agencies, c)
            for i in s.get("chart_indicators", []):
                add(indicators, i)
        for r in d.get("data_requests", []):
            add(agencies, r["agency"])
            for i in r.get("indicators", []):
                add(indicators, i)
            for a in r.get("areas", []):
                add(areas, a)
        for m in d.get("meetings", []):
            for a in m.get("attendees", []):
                add(agencies, a.get("agency"))
        for t in d.get("tasks", []):
            add(agencies, t["owner"])
        self._refs = {"areas": areas, "agencies": agencies, "indicators": indicators}

    def check_references(self) -> None:
        d = self.data
        self.collect_refs()
        areas = self.known("areas", Area)
        agencies = self.known("agencies", Agency)
        indicators = self.known("indicators", Indicator)

        def need(codes: set[str], value: str | None, path: list, what: str) -> None:
            if value and value not in codes:
                self.error(
                    _json_path(path),
                    f"{what} '{value}' không có trong gói dữ liệu hay trong hệ thống",
                )

        need(areas, d["resolution"].get("area"), ["resolution", "area"], "địa bàn")
        if d.get("review"):
            need(areas, d["review"].get("area"), ["review", "area"], "địa bàn")
        for i, a in enumerate(d.get("areas", [])):
            need(areas, a.get("parent"), ["areas", i, "parent"], "địa bàn")
            need(areas, a.get("successor"), ["areas", i, "successor"], "địa bàn")
        for i, a in enumerate(d.get("agencies", [])):
            need(agencies, a.get("parent"), ["agencies", i, "parent"], "cơ quan")
            need(areas, a.get("area"), ["agencies", i, "area"], "địa bàn")
        for i, t in enumerate(d.get("targets", [])):
            need(indicators, t.get("indicator"), ["targets", i, "indicator"], "chỉ số")
            lower, upper = t.get("lower"), t.get("upper")
            if lower is not None and upper is not None and upper < lower:
                self.error(_json_path(["targets", i, "upper"]), "cận trên nhỏ hơn cận dưới")
            if (
                t.get("kind") in ("average_growth", "cumulative")
                and t.get("start_year")
                and t.get("year")
            ) and t["start_year"] > t["year"]:
                self.error(_json_path(["targets", i, "start_year"]), "năm bắt đầu sau năm mục tiêu")
        for i, value in enumerate(d.get("values", [])):
            need(indicators, value["indicator"], ["values", i, "indicator"], "chỉ số")
            need(areas, value["area"], ["values", i, "area"], "địa bàn")
            need(agencies, value.get("source"), ["values", i, "source"], "cơ quan")
        section_codes = {s["code"] for s in d.get("sections", [])}
        request_codes = {r["code"] for r in d.get("data_requests", [])}
        target_codes = {t["code"] for t in d.get("targets", []) if t.get("code")}
        review = d.get("review")
        if review is None:
            for key in (
                "groups",
                "milestones",
                "sections",
                "data_requests",
                "meetings",
                "tasks",
                "policies",
            ):
                if d.get(key):
                    self.error(
                        _json_path([key]), "gói dữ liệu không có đợt tổng kết (review) để gắn vào"
                    )
            return
        existing_review = Review.objects.filter(code=review["code"]).first()
        if existing_review and existing_review.resolution.code != d["resolution"]["code"]:
            self.error("$.review.code", f"đợt tổng kết '{review['code']}' thuộc nghị quyết khác")
        if existing_review:
            section_codes |= set(existing_review.sections.values_list("code", flat=True))
            request_codes |= set(existing_review.data_requests.values_list("code", flat=True))
        existing_resolution = Resolution.objects.filter(code=d["resolution"]["code"]).first()
        if existing_resolution:
            target_codes |= set(existing_resolution.targets.values_list("code", flat=True))
        for gi, g in enumerate(d.get("groups", [])):
            for mi, m in enumerate(g.get("members", [])):
                need(agencies, m.get("agency"), ["groups", gi, "members", mi, "agency"], "cơ quan")
        for i, m in enumerate(d.get("milestones", [])):
            need(agencies, m.get("owner"), ["milestones", i, "owner"], "cơ quan")
            start, deadline = _date(m.get("start")), _date(m.get("deadline"))
            if start and deadline and deadline < start:
                self.error(_json_path(["milestones", i, "deadline"]), "hạn trước ngày bắt đầu")
        parents: dict[str, str | None] = {}
        for i, s in enumerate(d.get("sections", [])):
            need(agencies, s.get("lead"), ["sections", i, "lead"], "cơ quan")
            for ci, c in enumerate(s.get("coordinators", [])):
                need(agencies, c, ["sections", i, "coordinators", ci], "cơ quan")
            for ci, c in enumerate(s.get("chart_indicators", [])):
                need(indicators, c, ["sections", i, "chart_indicators", ci], "chỉ số")
            parent = s.get("parent")
            if parent and parent not in section_codes:
                self.error(
                    _json_path(["sections", i, "parent"]), f"mục '{parent}' không có trong đề cương"
                )
            parents[s["code"]] = parent
        for i, code in enumerate(s["code"] for s in d.get("sections", [])):
            seen, node = {code}, parents.get(code)
            while node:
                if node in seen:
                    self.error(
                        _json_path(["sections", i, "parent"]), "đề cương có vòng lặp cha–con"
                    )
                    break
                seen.add(node)
                node = parents.get(node)
        for i, r in enumerate(d.get("data_requests", [])):
            need(agencies, r["agency"], ["data_requests", i, "agency"], "cơ quan")
            for ii, c in enumerate(r.get("indicators", [])):
                need(indicators, c, ["data_requests", i, "indicators", ii], "chỉ số")
            for ai, c in enumerate(r.get("areas", [])):
                need(areas, c, ["data_requests", i, "areas", ai], "địa bàn")
        meetings = {m["code"]: m for m in d.get("meetings", [])}
        for i, m in enumerate(d.get("meetings", [])):
            if parse_datetime(m["held_at"]) is None and parse_date(m["held_at"]) is None:
                self.error(_json_path(["meetings", i, "held_at"]), "ngày giờ không hợp lệ")
            for ai, a in enumerate(m.get("attendees", [])):
                need(
                    agencies, a.get("agency"), ["meetings", i, "attendees", ai, "agency"], "cơ quan"
                )
            for ai, a in enumerate(m.get("agenda", [])):
                if a.get("section") and a["section"] not in section_codes:
                    self.error(
                        _json_path(["meetings", i, "agenda", ai, "section"]),
                        "mục đề cương không có",
                    )
                if a.get("data_request") and a["data_request"] not in request_codes:
                    self.error(
                        _json_path(["meetings", i, "agenda", ai, "data_request"]),
                        "yêu cầu số liệu không có",
                    )
        for i, t in enumerate(d.get("tasks", [])):
            need(agencies, t["owner"], ["tasks", i, "owner"], "cơ quan")
            if t.get("meeting"):
                meeting = meetings.get(t["meeting"])
                existing = (
                    meeting is None
                    and existing_review
                    and existing_review.meetings.filter(code=t["meeting"]).exists()
                )
                if meeting is None and not existing:
                    self.error(
                        _json_path(["tasks", i, "meeting"]), f"phiên họp '{t['meeting']}' không có"
                    )
                elif (
                    meeting
                    and t.get("conclusion")
                    and t["conclusion"] > len(meeting.get("conclusions", []))
                ):
                    self.error(
                        _json_path(["tasks", i, "conclusion"]), "phiên họp không có kết luận số này"
                    )
        for i, p in enumerate(d.get("policies", [])):
            for ti, c in enumerate(p.get("targets", [])):
                if c not in target_codes:
                    self.error(
                        _json_path(["policies", i, "targets", ti]), f"chỉ tiêu '{c}' không có"
                    )
        for key, fields in (("milestones", ("start", "deadline", "completed_on")), ("tasks", ("deadline", "completed_on")),
                            ("sections", ("due",)), ("data_requests", ("deadline",)), ("policies", ("issued",)),
                            ("areas", ("valid_from", "valid_to"))):  # fmt: skip
            for i, item in enumerate(d.get(key, [])):
                for name in fields:
                    if item.get(name) and parse_date(item[name]) is None:
                        self.error(_json_path([key, i, name]), "ngày không hợp lệ")
        for name in ("issued",):
            if d["resolution"].get(name) and parse_date(d["resolution"][name]) is None:
                self.error(f"$.resolution.{name}", "ngày không hợp lệ")

    # --- writing ------------------------------------------------------------------------------
    def upsert(self, model, items: list[dict], build, scope: dict | None = None) -> dict[str, Any]:
        """Create or update by code; `build(item)` gives the fields the item sets."""
        scope = scope or {}
        codes = [item["code"] for item in items]
        existing = {obj.code: obj for obj in model.objects.filter(code__in=codes, **scope)}
        for item in items:
            fields = build(item)
            obj = existing.get(item["code"])
            if obj is None:
                obj = model(code=item["code"], **scope, **fields)
                obj.save()
                existing[item["code"]] = obj
                self.written += 1
            else:
                changed = [name for name, value in fields.items() if getattr(obj, name) != value]
                for name in changed:
                    setattr(obj, name, fields[name])
                if changed:
                    obj.save()
                    self.written += 1
        self.counts[model._meta.model_name] = self.counts.get(model._meta.model_name, 0) + len(
            items
        )
        return existing

    def run(self) -> None:
        d = self.data
        areas_items = d.get("areas", [])
        opt = _optional

        self.upsert(
            Area,
            areas_items,
            lambda a: {
                "name": a["name"],
                **opt(
                    a, level="level", valid_from=("valid_from", _date), valid_to=("valid_to", _date)
                ),
            },
        )
        area_by_code = {
            a.code: a
            for a in Area.objects.filter(
                code__in=self._refs["areas"] | {a["code"] for a in areas_items}
            )
        }
        for a in areas_items:
            obj = area_by_code[a["code"]]
            changed = []
            if "parent" in a and obj.parent_id != (
                area_by_code[a["parent"]].pk if a["parent"] else None
            ):
                obj.parent = area_by_code[a["parent"]] if a["parent"] else None
                changed.append("parent")
            if "successor" in a and obj.successor_id != (
                area_by_code[a["successor"]].pk if a["successor"] else None
            ):
                obj.successor = area_by_code[a["successor"]] if a["successor"] else None
                changed.append("successor")
            if changed:
                obj.save(update_fields=changed)

        agency_items = d.get("agencies", [])
        self.upsert(
            Agency,
            agency_items,
            lambda a: {
                "name": a["name"],
                **opt(a, short_name="short_name", email="email"),
                **({"area": area_by_code[a["area"]]} if a.get("area") else {}),
            },
        )
        agency_by_code = {
            a.code: a
            for a in Agency.objects.filter(
                code__in=self._refs["agencies"] | {a["code"] for a in agency_items}
            )
        }
        for a in agency_items:
            if "parent" in a:
                obj = agency_by_code[a["code"]]
                parent = agency_by_code[a["parent"]] if a["parent"] else None
                if obj.parent_id != (parent.pk if parent else None):
                    obj.parent = parent
                    obj.save(update_fields=["parent"])

        indicator_items = d.get("indicators", [])
        self.upsert(
            Indicator,
            indicator_items,
            lambda i: {
                "name": i["name"],
                **opt(
                    i,
                    unit="unit",
                    kind="kind",
                    decimals="decimals",
                    description="description",
                    plausible_min="plausible_min",
                    plausible_max="plausible_max",
                ),
            },
        )
        indicator_by_code = {
            i.code: i
            for i in Indicator.objects.filter(
                code__in=self._refs["indicators"] | {i["code"] for i in indicator_items}
            )
        }

        r = d["resolution"]
        resolution = self.upsert(
            Resolution,
            [r],
            lambda x: {
                "title": x["title"],
                "number": x.get("number") or x["code"],
                **opt(x, issuer="issuer", text="text", issued=("issued", _date)),
                **({"area": area_by_code[x["area"]]} if x.get("area") else {}),
            },
        )[r["code"]]
        self.write_targets(resolution, indicator_by_code)
        review = None
        if d.get("review"):
            review = self.write_review(resolution, area_by_code)
            self.write_workflow(review, agency_by_code, indicator_by_code, area_by_code)
        self.write_values(agency_by_code)
        if review is not None:
            self.record_activity(review)

    def record_activity(self, review: Review) -> None:
        """One line in the review's feed when the bundle changed something (a re-import that changes
        nothing leaves no trace, so loading the demo twice changes nothing)."""
        figures = getattr(self, "figures", {})
        new_figures = figures.get("created", 0) + figures.get("updated", 0)
        if not self.written and not new_figures:
            return
        Activity.objects.create(
            review=review,
            actor=self.actor,
            verb="bundle_imported",
            summary=(
                f"Nhập gói dữ liệu ({self.source[:200]}): {self.written} mục tạo mới hoặc cập nhật, "
                f"{new_figures} số liệu tạo mới hoặc cập nhật"
            ),
        )

    def write_targets(self, resolution: Resolution, indicators: dict[str, Indicator]) -> None:
        items = self.data.get("targets", [])
        existing_codes = set(resolution.targets.values_list("code", flat=True))
        taken = existing_codes | {t["code"] for t in items if t.get("code")}
        counter = 0
        prepared = []
        for order, t in enumerate(items, start=1):
            t = dict(t)
            if not t.get("code"):
                counter += 1
                while f"T{counter}" in taken:
                    counter += 1
                t["code"] = f"T{counter}"
                taken.add(t["code"])
            t["_order"] = order
            prepared.append(t)

        def build(t: dict) -> dict:
            lower, upper = t.get("lower"), t.get("upper")
            direction = t.get("direction") or (
                "decrease" if upper is not None and lower is None else "increase"
            )
            text = t.get("text") or t.get("source_text") or ""
            return {
                "indicator": indicators[t["indicator"]] if t.get("indicator") else None,
                "text": text,
                "kind": t.get("kind", "level"),
                "lower": lower,
                "upper": upper,
                "direction": direction,
                "approximate": t.get("approximate", False),
                "unit": t.get("unit", "")
                or (indicators[t["indicator"]].unit if t.get("indicator") else ""),
                "start_year": t.get("start_year"),
                "year": t.get("year"),
                "base_year": t.get("base_year"),
                "source_text": t.get("source_text", text),
                "illustrative": t.get("illustrative", False),
                "citation": t.get("citation", ""),
                "order": t["_order"],
            }

        self.upsert(Target, prepared, build, scope={"resolution": resolution})

    def write_review(self, resolution: Resolution, areas: dict[str, Area]) -> Review:
        v = self.data["review"]
        report = v.get("report", {})
        fields = {
            "resolution": resolution,
            "title": v["title"],
            **_optional(v, tolerance="tolerance", document_format="document_format", reminder_days="reminder_days",
                        start_date=("start_date", _date), end_date=("end_date", _date)),
            **({"area": areas[v["area"]]} if v.get("area") else {}),
            **_optional(report, issuer_parent="issuer_parent", issuer="issuer", document_number="number",
                        document_place="place", document_type="type", document_subject="subject",
                        signature_title="signature_title", signer_position="signer_position",
                        signer_name="signer_name", document_date=("date", _date)),
        }  # fmt: skip
        if "recipients" in report:
            fields["recipients"] = "\n".join(report["recipients"])
        return self.upsert(Review, [v], lambda _: fields)[v["code"]]

    def write_workflow(self, review: Review, agencies: dict, indicators: dict, areas: dict) -> None:
        d = self.data
        scope = {"review": review}
        groups = self.upsert(
            Group,
            d.get("groups", []),
            lambda g: {"kind": g["kind"], "name": g["name"], "order": d["groups"].index(g)},
            scope,
        )
        for g in d.get("groups", []):
            group = groups[g["code"]]
            current = {m.name: m for m in group.members.all()}
            for order, m in enumerate(g.get("members", [])):
                fields = {
                    "position": m.get("position", ""),
                    "role": m.get("role", "member"),
                    "order": order,
                    "agency": agencies[m["agency"]] if m.get("agency") else None,
                }
                _upsert_child(
                    current.get(m["name"]), GroupMember, {"group": group, "name": m["name"]}, fields
                )

        def milestone(m: dict) -> dict:
            return {
                "title": m["title"],
                "deadline": _date(m["deadline"]),
                "order": d["milestones"].index(m),
                "owner": agencies[m["owner"]] if m.get("owner") else None,
                **_optional(
                    m,
                    status="status",
                    evidence="evidence",
                    start=("start", _date),
                    completed_on=("completed_on", _date),
                ),
            }

        self.upsert(Milestone, d.get("milestones", []), milestone, scope)

        section_items = d.get("sections", [])

        def section(s: dict) -> dict:
            return {
                "title": s["title"],
                "order": section_items.index(s),
                "lead_agency": agencies[s["lead"]] if s.get("lead") else None,
                **_optional(
                    s,
                    guidance="guidance",
                    generated="generated",
                    status="status",
                    due=("due", _date),
                ),
            }

        sections = self.upsert(Section, section_items, section, scope)
        sections.update({s.code: s for s in review.sections.exclude(code__in=sections.keys())})
        for s in section_items:
            obj = sections[s["code"]]
            parent = sections[s["parent"]] if s.get("parent") else None
            if "parent" in s and obj.parent_id != (parent.pk if parent else None):
                obj.parent = parent
                obj.save(update_fields=["parent"])
            if "coordinators" in s:
                obj.coordinating_agencies.set([agencies[c] for c in s["coordinators"]])
            if "chart_indicators" in s:
                obj.chart_indicators.set([indicators[c] for c in s["chart_indicators"]])
            if s.get("draft") is not None:
                latest = obj.versions.order_by("-number").first()
                if latest is None or latest.html != s["draft"]:
                    from tongket.reviews.sanitize import sanitize_draft

                    SectionVersion.objects.create(
                        section=obj, number=(latest.number + 1) if latest else 1,
                        html=sanitize_draft(s["draft"]), author=self.actor, note=self.source[:300],
                    )  # fmt: skip

        from tongket.figures.models import DataRequest

        def request(r: dict) -> dict:
            return {
                "agency": agencies[r["agency"]],
                "title": r["title"],
                "deadline": _date(r["deadline"]),
                **_optional(r, instructions="instructions", periods="periods", status="status"),
            }

        requests = self.upsert(DataRequest, d.get("data_requests", []), request, scope)
        for r in d.get("data_requests", []):
            obj = requests[r["code"]]
            if "indicators" in r:
                obj.indicators.set([indicators[c] for c in r["indicators"]])
            if "areas" in r:
                obj.areas.set([areas[c] for c in r["areas"]])
        requests.update({x.code: x for x in review.data_requests.exclude(code__in=requests.keys())})

        def meeting(m: dict) -> dict:
            held = parse_datetime(m["held_at"])
            if held is None:
                held = dt.datetime.combine(parse_date(m["held_at"]), dt.time(8, 0))
            if timezone.is_naive(held):
                held = timezone.make_aware(held)
            return {
                "title": m["title"],
                "held_at": held,
                **_optional(
                    m,
                    place="place",
                    chair="chair",
                    chair_position="chair_position",
                    summary="summary",
                    notice_number="notice_number",
                ),
            }

        meetings = self.upsert(Meeting, d.get("meetings", []), meeting, scope)
        for m in d.get("meetings", []):
            obj = meetings[m["code"]]
            current = {a.name: a for a in obj.attendees.all()}
            for order, a in enumerate(m.get("attendees", [])):
                _upsert_child(
                    current.get(a["name"]),
                    MeetingAttendee,
                    {"meeting": obj, "name": a["name"]},
                    {
                        "position": a.get("position", ""),
                        "is_guest": a.get("guest", False),
                        "order": order,
                        "agency": agencies[a["agency"]] if a.get("agency") else None,
                    },
                )
            agenda = {x.order: x for x in obj.agenda.all()}
            for order, a in enumerate(m.get("agenda", [])):
                _upsert_child(
                    agenda.get(order),
                    AgendaItem,
                    {"meeting": obj, "order": order},
                    {
                        "title": a["title"],
                        "subject": a.get("subject", "other"),
                        "section": sections[a["section"]] if a.get("section") else None,
                        "data_request": requests[a["data_request"]]
                        if a.get("data_request")
                        else None,
                    },
                )
            opinions = {x.order: x for x in obj.opinions.all()}
            for order, o in enumerate(m.get("opinions", [])):
                _upsert_child(
                    opinions.get(order),
                    Opinion,
                    {"meeting": obj, "order": order},
                    {"speaker": o["speaker"], "position": o.get("position", ""), "text": o["text"]},
                )
            conclusions = {x.order: x for x in obj.conclusions.all()}
            for order, c in enumerate(m.get("conclusions", [])):
                _upsert_child(
                    conclusions.get(order),
                    Conclusion,
                    {"meeting": obj, "order": order},
                    {"text": c["text"]},
                )
        meetings.update({x.code: x for x in review.meetings.exclude(code__in=meetings.keys())})

        def task(t: dict) -> dict:
            conclusion = None
            if t.get("meeting") and t.get("conclusion"):
                conclusion = Conclusion.objects.filter(
                    meeting=meetings[t["meeting"]], order=t["conclusion"] - 1
                ).first()
            return {
                "title": t["title"],
                "owner": agencies[t["owner"]],
                "deadline": _date(t["deadline"]),
                "conclusion": conclusion,
                **_optional(
                    t,
                    description="description",
                    status="status",
                    completed_on=("completed_on", _date),
                ),
            }

        self.upsert(Task, d.get("tasks", []), task, scope)

        targets = {t.code: t for t in review.resolution.targets.all()}

        def policy(p: dict) -> dict:
            return {
                "number": p["number"],
                "title": p["title"],
                **_optional(
                    p,
                    issuer="issuer",
                    status="status",
                    assessment_note="note",
                    issued=("issued", _date),
                ),
            }

        policies = self.upsert(Policy, d.get("policies", []), policy, scope)
        for p in d.get("policies", []):
            if "targets" in p:
                policies[p["code"]].targets.set([targets[c] for c in p["targets"]])

    def write_values(self, agencies: dict) -> None:
        rows = [
            FigureRow(
                indicator=v["indicator"],
                area=v["area"],
                period=str(v["period"]),
                value=v["value"],
                basis=v.get("basis", "official"),
                comment=v.get("comment", ""),
                citation=v.get("citation", ""),
                illustrative=v.get("illustrative", False),
                source=v.get("source"),
                where=_json_path(["values", i]),
            )
            for i, v in enumerate(self.data.get("values", []))
        ]
        if not rows:
            return
        result = import_figures(
            rows, actor=self.actor, via=FigureHistory.Via.BUNDLE, source=self.source,
            status=FigureStatus.APPROVED,
        )  # fmt: skip
        for e in result.errors:
            self.error(e.where, e.message)
        self.figures = {
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
        }


def _optional(item: dict, **names) -> dict:
    """The model fields an item gives: `field="key"` or `field=("key", converter)`; absent keys are left out."""
    out = {}
    for field_name, spec in names.items():
        key, convert = (spec, None) if isinstance(spec, str) else spec
        if key in item:
            value = item[key]
            out[field_name] = (
                convert(value)
                if convert
                else (
                    ""
                    if value is None and field_name not in ("plausible_min", "plausible_max")
                    else value
                )
            )
    return out


def _upsert_child(obj, model, identity: dict, fields: dict) -> None:
    if obj is None:
        model.objects.create(**identity, **fields)
        return
    changed = [name for name, value in fields.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, fields[name])
    if changed:
        obj.save(update_fields=changed)


def import_bundle(data: Any, *, source: str, actor=None) -> BundleResult:
    """Check and apply a bundle in one transaction; on any error nothing is changed."""
    result = BundleResult()
    if not isinstance(data, dict):
        result.errors.append(BundleError("$", "gói dữ liệu phải là một đối tượng JSON"))
        return result
    if data.get("format") != FORMAT:
        result.errors.append(
            BundleError(
                "$.format", f"định dạng phải là '{FORMAT}', không phải {data.get('format')!r}"
            )
        )
        return result
    result.errors = _schema_errors(data)
    if result.errors:
        return result
    importer = _Importer(data, source, actor)
    importer.check_duplicates()
    importer.check_references()
    if importer.errors:
        result.errors = importer.errors
        return result
    try:
        with transaction.atomic():
            importer.run()
            if importer.errors:
                raise _Refused
    except _Refused:
        result.errors = importer.errors
        return result
    result.counts = importer.counts
    result.figures = getattr(importer, "figures", {})
    return result
