"""Forms of the "import targets from text" page: the source (pasted or uploaded) and one row per target.

They only read and type the input; the rules (units, years, codes) live in services.py.
"""

from __future__ import annotations

from collections.abc import Sequence

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from tongket.core.numbers import NumberFormatError, format_compact, parse_vn_number
from tongket.extraction.extractor import ExtractedTarget
from tongket.extraction.reading import MAX_BYTES, SourceError, read_bytes
from tongket.extraction.services import (
    NewIndicator,
    TargetRow,
    propose_indicator_code,
    rank_indicators,
    sentence_around,
    suggest_indicator,
)
from tongket.resolutions.models import Indicator, Target

# Each row posts about 19 fields and Django refuses a request with more than 1000 (its default
# DATA_UPLOAD_MAX_NUMBER_FIELDS): 50 rows stay below that.
MAX_ROWS = 50
# With more indicators than this, a row's list offers only the closest ones.
FULL_LIST_INDICATORS = 300
NEW = "new"
ALLOWED_SUFFIXES = (".txt", ".docx")


def normalize_text(text: str) -> str:
    """Line breaks as `\\n`: browsers post a textarea's lines with `\\r\\n`, and spans count characters."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _size(limit: int) -> str:
    return f"{limit:,}".replace(",", ".")


class SourceForm(forms.Form):
    """The resolution's text, pasted or uploaded as a UTF-8 `.txt` or a `.docx` (the file wins)."""

    text = forms.CharField(
        label=_("Dán văn bản nghị quyết"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10, "class": "form-control", "spellcheck": "false"}),
    )
    file = forms.FileField(
        label=_("hoặc tải lên tệp .txt (UTF-8) hoặc .docx"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".txt,.docx"}),
    )

    def clean(self) -> dict:
        """Read the upload or the pasted text into `source`; refuse what cannot be read, saying why."""
        data = super().clean()
        upload = data.get("file")
        if upload:
            data["source"] = normalize_text(self._read_upload(upload))
        else:
            text = normalize_text(data.get("text") or "")
            if len(text.encode("utf-8")) > MAX_BYTES:
                raise forms.ValidationError(
                    _("Văn bản quá lớn: vượt giới hạn %(limit)s byte.")
                    % {"limit": _size(MAX_BYTES)}
                )
            if "\x00" in text:
                raise forms.ValidationError(
                    _("Văn bản chứa dữ liệu nhị phân (ký tự NUL), không phải văn bản.")
                )
            data["source"] = text
        if not data["source"].strip():
            raise forms.ValidationError(_("Hãy dán văn bản nghị quyết hoặc chọn một tệp."))
        return data

    def _read_upload(self, upload) -> str:
        name = upload.name or "tệp"
        if not name.lower().endswith(ALLOWED_SUFFIXES):
            raise forms.ValidationError(
                _("Tệp %(name)s: chỉ nhận tệp .txt (UTF-8) hoặc .docx.") % {"name": name}
            )
        if upload.size is not None and upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("Tệp %(name)s quá lớn: %(size)s byte, vượt giới hạn %(limit)s byte.")
                % {"name": name, "size": _size(upload.size), "limit": _size(MAX_BYTES)}
            )
        data = upload.read(MAX_BYTES + 1)
        try:
            return read_bytes(data, name=f"Tệp {name}", docx=name.lower().endswith(".docx"))
        except SourceError as exc:
            raise forms.ValidationError(str(exc)) from exc


def _number_text(value: float | None) -> str:
    """A bound the Vietnamese way for the input box: `14.740`, `33,5`."""
    return "" if value is None else format_compact(value, 6, locale="vi")


def _parse_number(text: str) -> float | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return float(parse_vn_number(text))
    except NumberFormatError as exc:
        raise forms.ValidationError(
            _("%(reason)s (ghi số kiểu Việt Nam: 1.234,5)") % {"reason": exc}
        ) from exc


def _indicator_label(indicator: Indicator) -> str:
    unit = f" ({indicator.unit})" if indicator.unit else ""
    return f"{indicator.code} — {indicator.name}{unit}"


def initial_row(
    found: ExtractedTarget,
    span: tuple[int, int] | None,
    indicators: Sequence[Indicator],
    taken_codes: set[str],
) -> dict:
    """The initial values of a row for a target the extractor found (`span`: where its words are in
    the text the page shows, None when they are not)."""
    suggestion = suggest_indicator(found.indicator_text, indicators)
    if found.kind == Target.Kind.AVERAGE_GROWTH:
        new_unit, new_kind = "%", Indicator.Kind.GROWTH
    elif found.kind == Target.Kind.RATIO_TO_BASE:
        new_unit, new_kind = "", Indicator.Kind.LEVEL
    else:
        new_unit, new_kind = found.unit, Indicator.Kind.LEVEL
    new_code = propose_indicator_code(found.indicator_text, taken_codes)
    taken_codes.add(new_code)
    return {
        "keep": True,
        "text": found.text,
        "indicator_text": found.indicator_text,
        "lower": _number_text(found.lower),
        "upper": _number_text(found.upper),
        "unit": found.unit,
        "kind": found.kind,
        "direction": found.direction,
        "approximate": found.approximate,
        "start_year": found.start_year,
        "year": found.year,
        "base_year": found.base_year,
        "indicator": str(suggestion.pk) if suggestion else NEW,
        "new_code": new_code,
        "new_name": (found.indicator_text or found.text)[:300],
        "new_unit": new_unit,
        "new_kind": new_kind,
        "span": f"{span[0]},{span[1]}" if span else "",
    }


class TargetRowForm(forms.Form):
    """One proposed target: keep it or drop it, edit it, link or create its indicator."""

    keep = forms.BooleanField(label=_("Lưu"), required=False, initial=True)
    code = forms.CharField(label=_("Mã"), max_length=30, required=False)
    text = forms.CharField(
        label=_("Chỉ tiêu như nghị quyết ghi"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    indicator_text = forms.CharField(required=False, widget=forms.HiddenInput)
    lower = forms.CharField(label=_("Cận dưới"), required=False, max_length=40)
    upper = forms.CharField(label=_("Cận trên"), required=False, max_length=40)
    unit = forms.CharField(label=_("Đơn vị"), required=False, max_length=60)
    kind = forms.ChoiceField(label=_("Loại"), choices=Target.Kind.choices)
    direction = forms.ChoiceField(label=_("Chiều"), choices=Target.Direction.choices)
    approximate = forms.BooleanField(label=_("Khoảng"), required=False)
    start_year = forms.IntegerField(
        label=_("Năm bắt đầu"), required=False, min_value=1900, max_value=2100
    )
    year = forms.IntegerField(
        label=_("Năm mục tiêu"), required=False, min_value=1900, max_value=2100
    )
    base_year = forms.IntegerField(
        label=_("Năm gốc"), required=False, min_value=1900, max_value=2100
    )
    indicator = forms.CharField(label=_("Chỉ số"), required=False, widget=forms.Select)
    new_code = forms.CharField(label=_("Mã chỉ số mới"), required=False, max_length=60)
    new_name = forms.CharField(label=_("Tên chỉ số mới"), required=False, max_length=300)
    new_unit = forms.CharField(label=_("Đơn vị tính"), required=False, max_length=60)
    new_kind = forms.ChoiceField(
        label=_("Loại chỉ số"), choices=Indicator.Kind.choices, required=False
    )
    span = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, indicators: Sequence[Indicator] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        self.fields["indicator"].widget.choices = self._indicator_choices()
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.HiddenInput):
                continue
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs["class"] = "form-check-input"
            elif isinstance(widget, forms.Select):
                widget.attrs["class"] = "form-select form-select-sm"
            else:
                widget.attrs["class"] = "form-control form-control-sm"
            widget.attrs["aria-label"] = str(field.label)
            widget.attrs["data-field"] = name

    def _value(self, name: str) -> str:
        if self.is_bound:
            return str(self.data.get(self.add_prefix(name), "") or "")
        return str(self.initial.get(name, "") or "")

    def _indicator_choices(self) -> list:
        """ "Create a new indicator", then the closest indicators, then (if not too many) all the others."""
        ranked = [
            indicator
            for score, indicator in rank_indicators(self._value("indicator_text"), self.indicators)
            if score > 0
        ]
        ranked_ids = {indicator.pk for indicator in ranked}
        choices: list = [(NEW, _("— Tạo chỉ số mới —"))]
        if ranked:
            choices.append(
                (_("Gần giống nhất"), [(str(i.pk), _indicator_label(i)) for i in ranked])
            )
        selected = self._value("indicator")
        if len(self.indicators) <= FULL_LIST_INDICATORS:
            others = [i for i in self.indicators if i.pk not in ranked_ids]
        else:
            others = [
                i for i in self.indicators if str(i.pk) == selected and i.pk not in ranked_ids
            ]
        if others:
            choices.append(
                (_("Các chỉ số khác"), [(str(i.pk), _indicator_label(i)) for i in others])
            )
        return choices

    @property
    def kept(self) -> bool:
        """Whether the secretariat keeps this row (an unchecked box is not posted)."""
        if self.is_bound:
            return self.add_prefix("keep") in self.data
        return bool(self.initial.get("keep", True))

    def full_clean(self) -> None:
        """A dropped row is not checked at all: its errors would only get in the way."""
        super().full_clean()
        if self.is_bound and not self.kept:
            self._errors = forms.utils.ErrorDict()
            self.cleaned_data = {"keep": False}

    def clean_lower(self) -> float | None:
        """Cận dưới, written the Vietnamese way."""
        return _parse_number(self.cleaned_data.get("lower", ""))

    def clean_upper(self) -> float | None:
        """Cận trên, written the Vietnamese way."""
        return _parse_number(self.cleaned_data.get("upper", ""))

    def clean_indicator(self) -> int | None:
        """An existing indicator's id, or None for "create a new one"."""
        value = (self.cleaned_data.get("indicator") or "").strip()
        if value in ("", NEW):
            return None
        if not value.isdigit():
            raise forms.ValidationError(_("Chỉ số đã chọn không hợp lệ."))
        return int(value)

    def source_span(self) -> tuple[int, int] | None:
        """The (start, end) of the target's words in the source, when the posted value is sound."""
        start, _sep, end = self._value("span").partition(",")
        if not (start.isdigit() and end.isdigit()):
            return None
        return int(start), int(end)

    def to_row(self, number: int, source: str) -> TargetRow:
        """The row for `confirm_targets` (call only on a valid, kept form)."""
        data = self.cleaned_data
        indicator_id = data.get("indicator")
        new = None
        if indicator_id is None:
            new = NewIndicator(
                code=data.get("new_code", ""),
                name=data.get("new_name", ""),
                unit=data.get("new_unit", ""),
                kind=data.get("new_kind") or Indicator.Kind.LEVEL,
            )
        span = self.source_span()
        return TargetRow(
            number=number,
            code=data.get("code", ""),
            text=data.get("text", ""),
            lower=data.get("lower"),
            upper=data.get("upper"),
            unit=data.get("unit", ""),
            kind=data.get("kind", Target.Kind.LEVEL),
            direction=data.get("direction", Target.Direction.INCREASE),
            approximate=bool(data.get("approximate")),
            start_year=data.get("start_year"),
            year=data.get("year"),
            base_year=data.get("base_year"),
            indicator_id=indicator_id,
            new_indicator=new,
            source_text=sentence_around(source, span) if span else "",
        )


TargetRowFormSet = formset_factory(
    TargetRowForm, extra=0, max_num=MAX_ROWS, absolute_max=MAX_ROWS, validate_max=True
)
