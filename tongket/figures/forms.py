"""Forms of the figures pages: a data request, an upload, a return comment, a reopen reason."""

from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from tongket.core.periods import PeriodError, parse_period
from tongket.figures.models import DataRequest
from tongket.organizations.models import Agency, Area
from tongket.resolutions.models import Indicator

MAX_PERIODS = 400


def parse_periods(text: str) -> list[str]:
    """`2016-2020, 2021Q1, 202201`: years (ranges allowed), quarters, months; in order, no repeats."""
    out: list[str] = []
    for part in re.split(r"[,;\s]+", text.strip()):
        if not part:
            continue
        match = re.fullmatch(r"(\d{4})\s*[-–]\s*(\d{4})", part)
        if match:
            first, last = int(match.group(1)), int(match.group(2))
            if last < first or last - first > 100:
                raise forms.ValidationError(
                    _("Khoảng năm '%(part)s' không hợp lệ."), params={"part": part}
                )
            codes = [str(y) for y in range(first, last + 1)]
        else:
            codes = [part]
        for code in codes:
            try:
                parsed = parse_period(code).code
            except PeriodError as exc:
                raise forms.ValidationError(str(exc)) from None
            if parsed not in out:
                out.append(parsed)
    if not out:
        raise forms.ValidationError(_("Cần ít nhất một kỳ."))
    if len(out) > MAX_PERIODS:
        raise forms.ValidationError(_("Tối đa %(n)s kỳ."), params={"n": MAX_PERIODS})
    return out


class DataRequestForm(forms.ModelForm):
    """The secretariat asks one agency for indicators × areas × periods by a deadline."""

    periods_text = forms.CharField(
        label=_("Các kỳ"),
        help_text=_("Ví dụ: 2016-2020, 2021Q1, 202203"),
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )

    class Meta:
        model = DataRequest
        fields = ["code", "title", "agency", "deadline", "instructions", "indicators", "areas"]
        widgets = {
            "code": forms.TextInput(attrs={"class": "form-control"}),
            "title": forms.TextInput(attrs={"class": "form-control"}),
            "agency": forms.Select(attrs={"class": "form-select"}),
            "deadline": forms.DateInput(
                attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"
            ),
            "instructions": forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
            "indicators": forms.SelectMultiple(attrs={"class": "form-select", "size": 8}),
            "areas": forms.SelectMultiple(attrs={"class": "form-select", "size": 6}),
        }
        labels = {"indicators": _("Chỉ số"), "areas": _("Địa bàn")}

    def __init__(self, *args, review=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.review = review
        self.fields["agency"].queryset = Agency.objects.order_by("code")
        self.fields["indicators"].queryset = Indicator.objects.order_by("code")
        self.fields["areas"].queryset = Area.objects.order_by("code")
        if self.instance.pk:
            self.fields["periods_text"].initial = ", ".join(self.instance.periods)

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        if (
            DataRequest.objects.filter(review=self.review, code=code)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            raise forms.ValidationError(_("Mã này đã có trong đợt tổng kết."))
        return code

    def clean_periods_text(self) -> list[str]:
        return parse_periods(self.cleaned_data["periods_text"])

    def save(self, commit: bool = True) -> DataRequest:
        self.instance.review = self.review
        self.instance.periods = self.cleaned_data["periods_text"]
        return super().save(commit=commit)


class UploadForm(forms.Form):
    """A filled workbook (or a Tongket CSV) for one request."""

    file = forms.FileField(label=_("Tệp số liệu (.xlsx hoặc .csv)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.TONGKET_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("Tệp vượt giới hạn %(limit)s byte."),
                params={"limit": settings.TONGKET_MAX_UPLOAD_BYTES},
            )
        return upload


class ReturnForm(forms.Form):
    """Why the figures go back to the agency."""

    comment = forms.CharField(
        label=_("Lý do trả lại"),
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
        max_length=2000,
    )


class ReopenForm(forms.Form):
    """Why a committee member unlocks an approved figure."""

    reason = forms.CharField(
        label=_("Lý do mở khóa"),
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
        max_length=2000,
    )
