"""The plain data a review report is built from: no Django, no python-docx.

The Django glue assembles a `ReportData` from the database; `docx_builder.build_report` turns it
into a .docx. Every text arrives ready to print (numbers already formatted the Vietnamese way),
except the chart series, whose raw numbers `charts.py` formats itself.

Field names and order are a contract other modules code against: add new fields only at the end
of a class, with a default.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tongket.assessment.rules import VERDICT_LABELS_VI

#: `ReportHeader.format` values.
FORMAT_PARTY = "party"
FORMAT_STATE = "state"
FORMATS = (FORMAT_PARTY, FORMAT_STATE)

#: `ReportSection.generated` values: which generated part a section of the outline holds.
GENERATED_ASSESSMENT = "assessment_table"
GENERATED_CHARTS = "charts"
GENERATED_POLICIES = "policies"
GENERATED_APPENDIX = "appendix"
GENERATED_KINDS = (GENERATED_ASSESSMENT, GENERATED_CHARTS, GENERATED_POLICIES, GENERATED_APPENDIX)

#: Verdict words used when a row carries a key but no label: the assessment's own Vietnamese labels
#: (tongket.assessment.rules is pure too, so the builder stays free of Django).
VERDICT_LABELS = VERDICT_LABELS_VI

NO_DATA = VERDICT_LABELS_VI["no_data"]


@dataclass
class ReportHeader:
    """The header block: who issues the document, its number, place, date, type and subject.

    `number` is the bare number and symbol (`01-ĐA/BCĐ` for the Party, `01/ĐA-BCĐ` for the State);
    the builder adds `Số ` (Party) or `Số: ` (State). `parent_body` is the line above the issuer
    (`BAN CHẤP HÀNH TRUNG ƯƠNG`), possibly empty.
    """

    format: str
    parent_body: str
    issuer: str
    number: str
    place: str
    date: dt.date
    doc_type: str
    subject: str


@dataclass
class AssessmentRow:
    """One target in the assessment table, every text preformatted (`14.740`, `11,39%`).

    `verdict` is the assessment's key, `verdict_label` its Vietnamese word (Vượt / Đạt / Cơ bản đạt /
    Không đạt / Chưa có số liệu). `approved` is False when the figure behind `actual_text` is
    submitted but not yet approved; `illustrative` marks a figure that only illustrates.
    """

    code: str
    target_text: str
    target_value_text: str
    actual_text: str
    basis_text: str
    verdict: str
    verdict_label: str
    narrative: str
    approved: bool = True
    illustrative: bool = False


@dataclass
class ChartSeries:
    """The yearly figures of one indicator, drawn as one chart with the target band.

    `points` are (year, value) pairs in raw numbers; `parent_points` an optional comparison series
    (the country, the region) named `parent_name`. `target_lower`/`target_upper` bound the target
    band (either may be None), reached by `target_year`.
    """

    indicator_code: str
    indicator_name: str
    unit: str
    points: list[tuple[int, float]]
    parent_points: list[tuple[int, float]] = field(default_factory=list)
    parent_name: str = ""
    target_lower: float | None = None
    target_upper: float | None = None
    target_year: int | None = None
    illustrative: bool = False


@dataclass
class PolicyRow:
    """One policy document in the inventory of policies issued to carry out the resolution."""

    number: str
    date: dt.date | None
    issuer: str
    title: str
    status_label: str
    targets_text: str = ""
    note: str = ""


@dataclass
class AppendixRow:
    """One figure in the appendix, with where it comes from (`source`, `citation`)."""

    indicator: str
    area: str
    period: str
    value_text: str
    unit: str
    basis_label: str
    status_label: str
    source: str
    citation: str = ""
    approved: bool = True
    illustrative: bool = False


@dataclass
class ReportSection:
    """One section of the outline, numbered as the outline numbers it (`I`, `1`, `1.1`).

    `html` is the accepted draft (sanitised HTML) or None when none was accepted; `generated`
    names the generated part placed in this section (see GENERATED_KINDS) or None.
    """

    number: str
    title: str
    level: int
    html: str | None = None
    generated: str | None = None


@dataclass
class ReportData:
    """Everything the report shows, in the order the builder lays it out."""

    header: ReportHeader
    sections: list[ReportSection] = field(default_factory=list)
    assessment: list[AssessmentRow] = field(default_factory=list)
    charts: list[ChartSeries] = field(default_factory=list)
    policies: list[PolicyRow] = field(default_factory=list)
    appendix: list[AppendixRow] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signature_title: str = ""
    signer_position: str = ""
    signer_name: str = ""
