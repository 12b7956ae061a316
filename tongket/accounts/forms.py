"""Forms of the accounts pages (labels and messages in Vietnamese)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import BaseUserCreationForm
from django.utils.translation import gettext_lazy as _

from tongket.accounts.models import User
from tongket.organizations.models import Agency
from tongket.reviews.models import Role


class InvitationForm(forms.Form):
    """The secretariat invites a person by e-mail into its review with a role and an agency."""

    email = forms.EmailField(label=_("Thư điện tử"))
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices, initial=Role.FOCAL_POINT)
    agency = forms.ModelChoiceField(
        label=_("Cơ quan"), queryset=Agency.objects.order_by("name"), required=False
    )

    def clean(self):
        """A focal point acts for an agency: it must be named."""
        data = super().clean()
        if data.get("role") == Role.FOCAL_POINT and not data.get("agency"):
            self.add_error("agency", _("Đầu mối cơ quan phải thuộc một cơ quan."))
        return data


class AcceptInvitationForm(BaseUserCreationForm):
    """The invitee chooses a user name and sets their own password."""

    class Meta:
        model = User
        fields = ("username", "full_name")
        labels = {"username": _("Tên đăng nhập"), "full_name": _("Họ và tên")}

    def clean_username(self):
        """User names are unique regardless of case."""
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("Tên đăng nhập này đã có người dùng."))
        return username


class ProfileForm(forms.ModelForm):
    """What a person may change about themselves."""

    class Meta:
        model = User
        fields = ("full_name", "position", "email")
        labels = {"full_name": _("Họ và tên"), "position": _("Chức vụ"), "email": _("Thư điện tử")}


class TokenForm(forms.Form):
    """A name for a new API token, so that its owner knows which to revoke."""

    name = forms.CharField(label=_("Tên mã (để nhận biết)"), max_length=100)
