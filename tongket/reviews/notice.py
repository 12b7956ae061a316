"""A meeting's notice of conclusions (Thông báo kết luận) as .docx, and its news-style summary.

The notice follows the Party's document format (Hướng dẫn 36-HD/VPTW): the issuing body top left with
the number "Số …-TB/BCĐ", "ĐẢNG CỘNG SẢN VIỆT NAM" and the place and date top right, the title
"THÔNG BÁO" and its subject, the body, the signature and "Nơi nhận"; Times New Roman 14 pt on A4.

The text is built from `MeetingFacts`, a plain record, so the wording is tested without a database;
`facts_from_meeting` reads one from the models.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

FONT = "Times New Roman"
#: Attendees named as a group, not a person: no "đồng chí" before them.
COLLECTIVE_STARTS = ("đại diện", "lãnh đạo", "các ", "thành viên", "đại biểu")
SIZE = Pt(14)


@dataclass(frozen=True)
class Person:
    """Someone at the meeting: name and position."""

    name: str
    position: str = ""

    @property
    def collective(self) -> bool:
        """Whether this is a group rather than a person ("Đại diện Thành ủy", "Lãnh đạo các bộ" …)."""
        return self.name.lower().startswith(COLLECTIVE_STARTS)

    def phrase(self) -> str:
        """ "đồng chí Nguyễn Văn A, Chức vụ" as the press writes it; a group is named as it is."""
        if self.collective:
            text = _lower_first(self.name)
            return f"{text}, {self.position}" if self.position else text
        return (
            f"đồng chí {self.name}, {self.position}" if self.position else f"đồng chí {self.name}"
        )


@dataclass(frozen=True)
class TaskFact:
    """A task decided from a conclusion: owner and deadline."""

    owner: str
    deadline: dt.date


@dataclass(frozen=True)
class ConclusionFact:
    """One conclusion and the tasks it became."""

    text: str
    tasks: tuple[TaskFact, ...] = ()


@dataclass(frozen=True)
class MeetingFacts:
    """What the notice and the summary say about a meeting."""

    title: str
    held_on: dt.date
    place: str = ""
    chair: Person | None = None
    attendees: tuple[Person, ...] = ()
    agenda: tuple[str, ...] = ()
    speakers: tuple[Person, ...] = ()
    conclusions: tuple[ConclusionFact, ...] = ()
    issuer_parent: str = "BAN CHẤP HÀNH TRUNG ƯƠNG"
    issuer: str = "BAN CHỈ ĐẠO"
    issuer_short: str = "BCĐ"
    number: str = ""
    document_place: str = "Hà Nội"
    recipients: tuple[str, ...] = field(
        default=("Các đồng chí thành viên Ban Chỉ đạo", "Lưu Văn phòng")
    )
    signature_title: str = "T/M BAN CHỈ ĐẠO"
    signer_position: str = ""
    signer_name: str = ""


def date_words(day: dt.date) -> str:
    """ "ngày 23 tháng 3 năm 2018"; days under 10 and January, February take a leading zero (HD 36)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def short_date(day: dt.date) -> str:
    """ "23/3/2018", as the press writes dates in running text."""
    return f"{day.day}/{day.month}/{day.year}"


def _join(items: list[str]) -> str:
    """ "a, b và c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def notice_number(facts: MeetingFacts) -> str:
    """ "Số 01-TB/BCĐ", or a blank to fill in by hand when the meeting has no number yet."""
    if facts.number:
        number = facts.number
        return number if number.lower().startswith("số") else f"Số {number}"
    return f"Số      -TB/{facts.issuer_short}"


def notice_subject(facts: MeetingFacts) -> str:
    """ "Kết luận của đồng chí … tại phiên họp …"."""
    who = f"đồng chí {facts.chair.name}" if facts.chair else facts.issuer
    if facts.chair and facts.chair.position:
        who += f", {facts.chair.position}"
    return f"Kết luận của {who} tại {_lower_first(facts.title)}"


def opening_paragraph(facts: MeetingFacts) -> str:
    """The first paragraph: when, where, who chaired, who attended."""
    where = f", tại {facts.place}" if facts.place else ""
    text = f"Ngày {short_date(facts.held_on)}{where}"
    text += (
        f", {facts.chair.phrase()} đã chủ trì {_lower_first(facts.title)}."
        if facts.chair
        else f", {_lower_first(facts.title)} đã diễn ra."
    )
    if facts.attendees:
        text += f" Tham dự phiên họp có {_join([p.phrase() for p in facts.attendees])}."
    return text


def discussion_paragraph(facts: MeetingFacts) -> str:
    """What was discussed, and who spoke."""
    if not facts.agenda and not facts.speakers:
        return ""
    text = ""
    if facts.agenda:
        text = f"Phiên họp đã thảo luận, cho ý kiến về {_join([_lower_first(a) for a in facts.agenda])}."
    if facts.speakers:
        people = [p.name for p in facts.speakers if not p.collective]
        groups = [_lower_first(p.name) for p in facts.speakers if p.collective]
        names = (
            [f"{'các đồng chí' if len(people) > 1 else 'đồng chí'} {_join(people)}"]
            if people
            else []
        )
        text += f" Phiên họp đã nghe ý kiến phát biểu của {_join(names + groups)}."
    return text.strip()


def summary_text(facts: MeetingFacts) -> str:
    """A short news-style account like the seed: who chaired, who attended, what was discussed and concluded."""
    parts = [opening_paragraph(facts), discussion_paragraph(facts)]
    if facts.conclusions:
        who = f"đồng chí {facts.chair.name}" if facts.chair else "Ban Chỉ đạo"
        lines = [f"Kết luận phiên họp, {who} nhấn mạnh:"]
        for number, conclusion in enumerate(facts.conclusions, start=1):
            lines.append(f"{number}. {conclusion.text}{_task_suffix(conclusion)}")
        parts.append("\n".join(lines))
    return "\n\n".join(part for part in parts if part)


def _task_suffix(conclusion: ConclusionFact) -> str:
    if not conclusion.tasks:
        return ""
    owners = "; ".join(f"{t.owner} (hạn {t.deadline:%d/%m/%Y})" for t in conclusion.tasks)
    return f" — Giao: {owners}."


# --------------------------------------------------------------------------- .docx


def _font(
    run, *, bold: bool = False, italic: bool = False, underline: bool = False, size: Pt = SIZE
) -> None:
    run.font.name = FONT
    run.font.size = size
    run.bold, run.italic, run.underline = bold, italic, underline
    # East Asian and complex-script fonts too, or Word substitutes for Vietnamese letters.
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)


def _para(
    container,
    text: str = "",
    *,
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent: bool = False,
    after: int = 6,
    **style,
):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(after)
    paragraph.paragraph_format.space_before = Pt(0)
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(1)
    if text:
        _font(paragraph.add_run(text), **style)
    return paragraph


def _cell(table, row: int, column: int):
    cell = table.cell(row, column)
    # A fresh cell holds one empty paragraph: remove it so the first line sits at the top.
    for paragraph in list(cell.paragraphs):
        paragraph._element.getparent().remove(paragraph._element)
    return cell


def build_notice(facts: MeetingFacts) -> bytes:
    """The notice of conclusions as a .docx file's bytes."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, SIZE

    center = WD_ALIGN_PARAGRAPH.CENTER
    header = document.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = _cell(header, 0, 0), _cell(header, 0, 1)
    left.width, right.width = Cm(7.5), Cm(9)
    _para(left, facts.issuer_parent.upper(), align=center, after=0)
    _para(left, facts.issuer.upper(), align=center, after=0, bold=True)
    _para(left, "*", align=center, after=0)
    _para(left, notice_number(facts), align=center, after=0)
    _para(right, "ĐẢNG CỘNG SẢN VIỆT NAM", align=center, after=6, bold=True, underline=True)
    _para(
        right,
        f"{facts.document_place}, {date_words(facts.held_on)}",
        align=center,
        after=0,
        italic=True,
    )

    _para(document, "", after=12)
    _para(document, "THÔNG BÁO", align=center, after=0, bold=True, size=Pt(15))
    _para(document, notice_subject(facts), align=center, after=0, bold=True)
    _para(document, "-----", align=center, after=12)

    _para(document, opening_paragraph(facts), indent=True)
    discussion = discussion_paragraph(facts)
    if discussion:
        _para(document, discussion, indent=True)
    who = f"đồng chí {facts.chair.name}" if facts.chair else "Ban Chỉ đạo"
    _para(
        document,
        f"Sau khi nghe ý kiến phát biểu của các đại biểu, {who} kết luận như sau:",
        indent=True,
    )
    for number, conclusion in enumerate(facts.conclusions, start=1):
        _para(document, f"{number}. {conclusion.text}{_task_suffix(conclusion)}", indent=True)
    _para(
        document,
        "Ban Chỉ đạo thông báo để các cơ quan, đồng chí liên quan biết, thực hiện.",
        indent=True,
        after=12,
    )

    footer = document.add_table(rows=1, cols=2)
    left, right = _cell(footer, 0, 0), _cell(footer, 0, 1)
    paragraph = _para(left, "", align=WD_ALIGN_PARAGRAPH.LEFT, after=0)
    _font(paragraph.add_run("Nơi nhận:"), underline=True, size=Pt(12))
    for index, recipient in enumerate(facts.recipients, start=1):
        end = "." if index == len(facts.recipients) else ","
        _para(
            left,
            f"- {recipient.rstrip(' .,;')}{end}",
            align=WD_ALIGN_PARAGRAPH.LEFT,
            after=0,
            size=Pt(12),
        )
    _para(right, facts.signature_title.upper(), align=center, after=0, bold=True)
    if facts.signer_position:
        _para(right, facts.signer_position.upper(), align=center, after=0, bold=True)
    _para(right, "", align=center, after=48)
    _para(right, facts.signer_name, align=center, after=0, bold=True)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------- from the models


def facts_from_meeting(meeting) -> MeetingFacts:
    """Read a meeting (with its review, attendees, agenda, opinions, conclusions and tasks) into facts."""
    from django.utils import timezone

    from tongket.reviews.models import Group

    review = meeting.review
    committee = review.groups.filter(kind=Group.Kind.COMMITTEE).first()
    issuer = review.issuer or (committee.name if committee else "Ban Chỉ đạo")
    chair = Person(meeting.chair, meeting.chair_position) if meeting.chair else None
    speakers: list[Person] = []
    for opinion in meeting.opinions.all():
        person = Person(opinion.speaker, opinion.position)
        if person.name not in {p.name for p in speakers}:
            speakers.append(person)
    conclusions = tuple(
        ConclusionFact(
            c.text,
            tuple(
                TaskFact(str(t.owner), t.deadline)
                for t in c.tasks.select_related("owner").order_by("deadline")
            ),
        )
        for c in meeting.conclusions.all()
    )
    recipients = tuple(
        line.strip(" -,") for line in review.recipients.splitlines() if line.strip(" -,")
    )
    head = None
    if committee:
        head = committee.members.filter(role="head").first()
    return MeetingFacts(
        title=meeting.title,
        held_on=timezone.localtime(meeting.held_at).date(),
        place=meeting.place,
        chair=chair,
        attendees=tuple(
            Person(a.name, a.position) for a in meeting.attendees.all() if a.name != meeting.chair
        ),
        agenda=tuple(item.title for item in meeting.agenda.all()),
        speakers=tuple(speakers),
        conclusions=conclusions,
        issuer_parent=review.issuer_parent or "BAN CHẤP HÀNH TRUNG ƯƠNG",
        issuer=issuer,
        number=meeting.notice_number,
        document_place=review.document_place or "Hà Nội",
        recipients=recipients or MeetingFacts.__dataclass_fields__["recipients"].default,
        signer_position="TRƯỞNG BAN" if head else "",
        signer_name=(head.name if head else meeting.chair),
    )
