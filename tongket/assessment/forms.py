"""Forms of the assessment pages: the committee's verdict by hand, and the explorer's choice."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tongket.assessment.models import ManualVerdict
from tongket.organizations.models import Area
from tongket.resolutions.models import Indicator

MIN_YEAR, MAX_YEAR = 1900, 2200


class ManualVerdictForm(forms.Form):
    """A verdict and its required reason."""

    verdict = forms.ChoiceField(
        label=_("Đánh giá của Ban Chỉ đạo"), choices=ManualVerdict.Verdict.choices
    )
    reason = forms.CharField(
        label=_("Lý do"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Cần ghi lý do khi đánh giá thủ công.")},
    )

    def clean_reason(self) -> str:
        """A reason of only spaces is no reason."""
        reason = " ".join(self.cleaned_data["reason"].split())
        if not reason:
            raise forms.ValidationError(_("Cần ghi lý do khi đánh giá thủ công."))
        return reason


class ExplorerForm(forms.Form):
    """Indicators × areas × periods, and whether to show or download them."""

    PERIOD_TYPES = (("Y", _("Năm")), ("Q", _("Quý")), ("M", _("Tháng")))

    indicator = forms.ModelMultipleChoiceField(
        label=_("Chỉ số"),
        queryset=Indicator.objects.order_by("code"),
        error_messages={"required": _("Hãy chọn ít nhất một chỉ số.")},
    )
    area = forms.ModelMultipleChoiceField(
        label=_("Địa bàn"), queryset=Area.objects.order_by("code"), required=False
    )
    scope = forms.ChoiceField(
        label=_("Phạm vi địa bàn"),
        choices=(("selected", _("Các địa bàn đã chọn")), ("all", _("Tất cả địa bàn"))),
        initial="selected",
        required=False,
    )
    period_type = forms.ChoiceField(
        label=_("Kỳ"), choices=PERIOD_TYPES, initial="Y", required=False
    )
    year_from = forms.IntegerField(
        label=_("Từ năm"), min_value=MIN_YEAR, max_value=MAX_YEAR, required=False
    )
    year_to = forms.IntegerField(
        label=_("Đến năm"), min_value=MIN_YEAR, max_value=MAX_YEAR, required=False
    )

    def clean(self) -> dict:
        """Default the years to 2001–2025, refuse a range backwards, need areas unless `all`."""
        data = super().clean()
        year_from = data.get("year_from") or 2001
        year_to = data.get("year_to") or 2025
        if year_from > year_to:
            raise forms.ValidationError(_("Năm bắt đầu phải không sau năm kết thúc."))
        data["year_from"], data["year_to"] = year_from, year_to
        data["scope"] = data.get("scope") or "selected"
        data["period_type"] = data.get("period_type") or "Y"
        if data["scope"] != "all" and not data.get("area"):
            self.add_error("area", _("Hãy chọn ít nhất một địa bàn, hoặc chọn “Tất cả địa bàn”."))
        return data
