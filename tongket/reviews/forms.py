"""Forms of the review workflow pages. They only read and type the input; the rules live in services.py."""

from __future__ import annotations

from django import forms
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _

from tongket.organizations.models import Agency
from tongket.reviews import services
from tongket.reviews.models import (
    AgendaItem,
    Group,
    GroupMember,
    Milestone,
    Policy,
    Review,
    Section,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class AgencyChoiceField(forms.ModelChoiceField):
    """Agencies with those in the review first; the others are marked, and the service refuses them."""

    def label_from_instance(self, obj: Agency) -> str:
        """The agency's name, marked when it is not in the review."""
        if getattr(obj, "outside", 0):
            return _("%(name)s (chưa tham gia đợt tổng kết)") % {"name": obj.name}
        return obj.name


class AgencyMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several agencies, those in the review first."""

    def label_from_instance(self, obj: Agency) -> str:
        """The agency's name, marked when it is not in the review."""
        return AgencyChoiceField.label_from_instance(self, obj)  # type: ignore[arg-type]


def agencies_for(review: Review):
    """All agencies, those in the review first (annotated `outside` = 1 for the others)."""
    ids = services.review_agency_ids(review)
    return Agency.objects.annotate(
        outside=Case(When(pk__in=ids, then=Value(0)), default=Value(1), output_field=IntegerField())
    ).order_by("outside", "name")


INDENT = "\u00a0" * 3  # no-break spaces: an <option> keeps them


def section_choices(review: Review, empty_label: str) -> list[tuple[object, str]]:
    """The review's sections in reading order, numbered and indented, for a select."""
    from tongket.reviews.numbering import Node, depth_first

    sections = {s.pk: s for s in review.sections.all()}
    numbers = services.outline_numbers(review)
    ordered = depth_first(Node(s.pk, s.parent_id, s.order) for s in sections.values())
    return [("", empty_label)] + [
        (node.key, f"{INDENT * depth}{numbers.get(node.key, '')}. {sections[node.key].title}")  # type: ignore[index]
        for node, depth in ordered
    ]


class ReviewForm(forms.Form):
    """A form that knows its review (to offer its agencies, sections …)."""

    def __init__(self, *args, review: Review, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.review = review
        for field in self.fields.values():
            widget = field.widget
            css = (
                "form-select"
                if isinstance(widget, forms.Select | forms.SelectMultiple)
                else "form-control"
            )
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            widget.attrs.setdefault("class", css)


class GroupForm(ReviewForm):
    """The committee or a group."""

    name = forms.CharField(label=_("Tên ban, tổ"), max_length=300)
    kind = forms.ChoiceField(
        label=_("Loại"), choices=Group.Kind.choices, initial=Group.Kind.WORKING
    )


class MemberForm(ReviewForm):
    """One member of the committee or a group."""

    name = forms.CharField(label=_("Họ và tên"), max_length=200)
    position = forms.CharField(label=_("Chức vụ"), max_length=400, required=False)
    agency = AgencyChoiceField(label=_("Cơ quan"), queryset=Agency.objects.none(), required=False)
    role = forms.ChoiceField(
        label=_("Vai trò"), choices=GroupMember.MemberRole.choices, initial="member"
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # A member brings their agency into the review, so every agency is offered here.
        self.fields["agency"].queryset = agencies_for(self.review)


class ImportForm(ReviewForm):
    """A list pasted from a spreadsheet or an .xlsx file."""

    text = forms.CharField(
        label=_("Dán danh sách"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Mỗi dòng một người: họ và tên, chức vụ, cơ quan (mã hoặc tên), vai trò — cách nhau bằng Tab."
        ),
    )
    file = forms.FileField(label=_("Hoặc tệp .xlsx"), required=False)

    def clean(self):
        """One of the two is needed."""
        data = super().clean()
        if not data.get("text") and not data.get("file"):
            raise forms.ValidationError(_("Hãy dán danh sách hoặc chọn một tệp .xlsx."))
        return data


class MilestoneForm(ReviewForm):
    """A step of the plan."""

    title = forms.CharField(label=_("Nội dung"), max_length=500)
    owner = AgencyChoiceField(
        label=_("Cơ quan chủ trì"), queryset=Agency.objects.none(), required=False
    )
    start = forms.DateField(
        label=_("Bắt đầu"), required=False, widget=DATE, input_formats=DATE_FORMATS
    )
    deadline = forms.DateField(label=_("Hạn"), widget=DATE, input_formats=DATE_FORMATS)
    status = forms.ChoiceField(label=_("Trạng thái"), choices=Milestone.Status.choices)
    evidence = forms.CharField(label=_("Văn bản, sản phẩm"), max_length=500, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = agencies_for(self.review)


class SectionForm(ReviewForm):
    """A new section of the outline."""

    title = forms.CharField(label=_("Tiêu đề"), max_length=500)
    parent = forms.ModelChoiceField(
        label=_("Thuộc mục"), queryset=Section.objects.none(), required=False
    )
    guidance = forms.CharField(
        label=_("Yêu cầu nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = self.review.sections.all()
        self.fields["parent"].choices = section_choices(self.review, _("(phần lớn, cấp cao nhất)"))


class MoveForm(ReviewForm):
    """Put a section under another parent."""

    parent = forms.ModelChoiceField(
        label=_("Chuyển vào mục"), queryset=Section.objects.none(), required=False
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = self.review.sections.all()
        self.fields["parent"].choices = section_choices(self.review, _("(cấp cao nhất)"))


class AssignForm(ReviewForm):
    """Who leads and coordinates a section, and by when."""

    lead_agency = AgencyChoiceField(
        label=_("Cơ quan chủ trì"), queryset=Agency.objects.none(), required=False
    )
    coordinating = AgencyMultipleChoiceField(
        label=_("Cơ quan phối hợp"), queryset=Agency.objects.none(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )  # fmt: skip
    due = forms.DateField(label=_("Hạn"), required=False, widget=DATE, input_formats=DATE_FORMATS)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_agency"].queryset = agencies_for(self.review)
        self.fields["coordinating"].queryset = agencies_for(self.review)


class DraftForm(forms.Form):
    """A draft from the browser's editor (HTML, sanitised by the service)."""

    html = forms.CharField(required=False, widget=forms.Textarea(attrs={"hidden": True}))
    note = forms.CharField(label=_("Ghi chú phiên bản"), max_length=300, required=False)


class UploadForm(forms.Form):
    """A .docx to convert into a draft."""

    file = forms.FileField(label=_("Tệp Word (.docx, tối đa 20 MB)"))


class CommentForm(forms.Form):
    """A comment on a section, or the reason for returning it."""

    text = forms.CharField(
        label=_("Nội dung"),
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        required=False,
    )


class MeetingForm(ReviewForm):
    """A meeting of the committee."""

    title = forms.CharField(label=_("Tên phiên họp"), max_length=500)
    held_at = forms.DateTimeField(
        label=_("Thời gian"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M"],
    )  # fmt: skip
    place = forms.CharField(label=_("Địa điểm"), max_length=300, required=False)
    chair = forms.CharField(label=_("Chủ trì"), max_length=200, required=False)
    chair_position = forms.CharField(
        label=_("Chức vụ người chủ trì"), max_length=500, required=False
    )
    notice_number = forms.CharField(label=_("Số thông báo kết luận"), max_length=60, required=False)


class AttendeeForm(ReviewForm):
    """Someone at a meeting."""

    name = forms.CharField(label=_("Họ và tên"), max_length=200)
    position = forms.CharField(label=_("Chức vụ"), max_length=400, required=False)
    agency = AgencyChoiceField(label=_("Cơ quan"), queryset=Agency.objects.none(), required=False)
    is_guest = forms.BooleanField(label=_("Khách mời"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies_for(self.review)


class AgendaForm(ReviewForm):
    """An agenda item and what it discusses."""

    title = forms.CharField(label=_("Nội dung"), max_length=500)
    subject = forms.ChoiceField(label=_("Về"), choices=AgendaItem.Subject.choices, initial="other")
    section = forms.ModelChoiceField(
        label=_("Mục đề cương"), queryset=Section.objects.none(), required=False
    )
    data_request = forms.ModelChoiceField(
        label=_("Yêu cầu số liệu"), queryset=Section.objects.none(), required=False
    )

    def __init__(self, *args, **kwargs) -> None:
        from tongket.figures.models import DataRequest

        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = self.review.sections.all()
        self.fields["section"].choices = section_choices(self.review, "---------")
        self.fields["data_request"].queryset = DataRequest.objects.filter(review=self.review)


class OpinionForm(ReviewForm):
    """What a speaker said."""

    speaker = forms.CharField(label=_("Người phát biểu"), max_length=200)
    position = forms.CharField(label=_("Chức vụ"), max_length=400, required=False)
    text = forms.CharField(label=_("Ý kiến"), widget=forms.Textarea(attrs={"rows": 2}))
    agenda_item = forms.ModelChoiceField(
        label=_("Về nội dung"), queryset=AgendaItem.objects.none(), required=False
    )

    def __init__(self, *args, meeting=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if meeting is not None:
            self.fields["agenda_item"].queryset = meeting.agenda.all()


class ConclusionForm(ReviewForm):
    """A conclusion of the meeting."""

    text = forms.CharField(label=_("Kết luận"), widget=forms.Textarea(attrs={"rows": 2}))


class TaskForm(ReviewForm):
    """A task for an agency (from a conclusion, or on its own)."""

    title = forms.CharField(label=_("Nhiệm vụ"), max_length=500, required=False)
    owner = AgencyChoiceField(label=_("Cơ quan thực hiện"), queryset=Agency.objects.none())
    deadline = forms.DateField(label=_("Hạn"), widget=DATE, input_formats=DATE_FORMATS)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = agencies_for(self.review)


class PolicyForm(ReviewForm):
    """A mechanism or policy issued under the resolution."""

    number = forms.CharField(label=_("Số hiệu"), max_length=100)
    issued = forms.DateField(
        label=_("Ngày ban hành"), required=False, widget=DATE, input_formats=DATE_FORMATS
    )
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=200, required=False)
    title = forms.CharField(label=_("Trích yếu"), max_length=500)
    status = forms.ChoiceField(
        label=_("Tình trạng"), choices=Policy.Status.choices, initial="in_force"
    )
    targets = forms.ModelMultipleChoiceField(
        label=_("Phục vụ chỉ tiêu"), queryset=Section.objects.none(), required=False
    )
    assessment_note = forms.CharField(
        label=_("Đánh giá"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs) -> None:
        from tongket.resolutions.models import Target

        super().__init__(*args, **kwargs)
        self.fields["targets"].queryset = Target.objects.filter(resolution=self.review.resolution)
        self.fields["targets"].label_from_instance = lambda t: f"{t.code} — {t.text[:80]}"


class FileImportForm(ReviewForm):
    """An .xlsx file to import."""

    file = forms.FileField(label=_("Tệp .xlsx"))
