"""Accounts pages: profile, API tokens, invitations, the administrators' list of people."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tongket.accounts import rights, services
from tongket.accounts.forms import AcceptInvitationForm, InvitationForm, ProfileForm, TokenForm
from tongket.accounts.models import ApiToken, Invitation, User
from tongket.core.text import fold

security_log = logging.getLogger("tongket.security")


class FormMethodsOnly:
    """Django's form views also take PUT as POST and sign-in redirects before checking the method;
    these pages answer GET and POST only, so that no other method reaches them."""

    http_method_names = ["get", "post", "head", "options"]

    def dispatch(self, request, *args, **kwargs):
        """Refuse other methods first (405)."""
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)


class SignInView(FormMethodsOnly, auth_views.LoginView):
    """Sign-in (throttled and locked by django-axes)."""

    redirect_authenticated_user = True


class PasswordChangeView(FormMethodsOnly, auth_views.PasswordChangeView):
    """Change one's password (signed in)."""


class PasswordResetView(FormMethodsOnly, auth_views.PasswordResetView):
    """Ask for a reset link by e-mail (only active accounts receive one)."""


class PasswordResetConfirmView(FormMethodsOnly, auth_views.PasswordResetConfirmView):
    """Set a new password from a reset link; used or expired links are refused."""


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    """The signed-in person: name, agency, reviews and roles; they may correct their name and e-mail."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Đã lưu thông tin tài khoản."))
        return redirect("accounts:profile")
    participations = request.user.participations.select_related("review", "agency").order_by(
        "review__title"
    )
    return render(
        request, "accounts/profile.html", {"form": form, "participations": participations}
    )


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    """The person's API tokens; a new token is shown once, right after it is made."""
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        _token, new_key = services.create_token(request.user, form.cleaned_data["name"])
        form = TokenForm()
    return render(
        request,
        "accounts/tokens.html",
        {"form": form, "new_key": new_key, "tokens": request.user.api_tokens.all()},
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke one of the person's own tokens; another person's token is not found."""
    token = ApiToken.objects.filter(pk=pk, user=request.user).first()
    if token is None:
        security_log.warning(
            "token revoke refused: user=%s token=%s not theirs", request.user.username, pk
        )
        raise PermissionDenied
    services.revoke_token(token)
    messages.success(request, _("Đã thu hồi mã %(name)s.") % {"name": token.name})
    return redirect("accounts:tokens")


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, code: str) -> HttpResponse:
    """The secretariat invites people into its review and sees who was invited."""
    review = rights.get_review_for(request.user, code)
    rights.require(rights.can_invite(request.user, review))
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitation, _secret = services.invite(
            review,
            form.cleaned_data["email"],
            form.cleaned_data["role"],
            form.cleaned_data["agency"],
            by=request.user,
        )
        messages.success(request, _("Đã gửi lời mời tới %(email)s.") % {"email": invitation.email})
        return redirect("accounts:invite", code=review.code)
    invitations = Invitation.objects.filter(review=review).select_related("agency", "accepted_user")
    return render(
        request,
        "accounts/invite.html",
        {"review": review, "form": form, "invitations": invitations},
    )


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, secret: str) -> HttpResponse:
    """The invitee's page: set a password (new person) or accept into the signed-in account."""
    found = services.find_invitation(secret)
    if found.problem:
        status = 404 if found.invitation is None else 410
        return render(
            request, "accounts/invitation_refused.html", {"problem": found.problem}, status=status
        )
    invitation = found.invitation
    assert invitation is not None
    user = request.user
    if user.is_authenticated:
        if user.email.lower() != invitation.email.lower():
            return render(
                request,
                "accounts/invitation_refused.html",
                {
                    "problem": _(
                        "Lời mời này gửi tới %(email)s, không phải tài khoản đang đăng nhập. "
                        "Vui lòng đăng xuất rồi mở lại liên kết."
                    )
                    % {"email": invitation.email}
                },
                status=403,
            )
        if request.method == "POST":
            services.accept_invitation(invitation, user)
            messages.success(
                request, _("Anh/chị đã tham gia %(review)s.") % {"review": invitation.review}
            )
            return redirect("core:home")
        return render(request, "accounts/invitation.html", {"invitation": invitation, "form": None})
    if User.objects.filter(email__iexact=invitation.email).exists():
        # The person already has an account: they accept after signing in, no second account.
        messages.info(
            request, _("Đã có tài khoản với thư điện tử này: vui lòng đăng nhập để nhận lời mời.")
        )
        return redirect_to_login(request.get_full_path())
    initial = {"username": invitation.email.split("@")[0]}
    form = AcceptInvitationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        new_user = form.save(commit=False)
        new_user.email = invitation.email
        new_user.agency = invitation.agency
        new_user.save()
        services.accept_invitation(invitation, new_user)
        login(request, new_user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request, _("Chào mừng anh/chị đến với %(review)s.") % {"review": invitation.review}
        )
        return redirect("core:home")
    return render(request, "accounts/invitation.html", {"invitation": invitation, "form": form})


@login_required
@require_GET
def users(request: HttpRequest) -> HttpResponse:
    """Administrators: every account, searchable, with deactivation."""
    rights.require(rights.can_manage_accounts(request.user))
    query = request.GET.get("q", "").strip()[:100]
    people = User.objects.select_related("agency").order_by("username")
    if query:
        folded = fold(query)
        people = people.filter(
            Q(username__icontains=query) | Q(email__icontains=query) | Q(full_name__icontains=query)
            | Q(agency__search_text__contains=folded)
        )  # fmt: skip
    return render(request, "accounts/users.html", {"people": people[:500], "q": query})


@login_required
@require_POST
def user_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    """Disable an account: its sessions end and its tokens are revoked at once."""
    rights.require(rights.can_manage_accounts(request.user))
    person = get_object_or_404(User, pk=pk)
    if person.pk == request.user.pk:
        messages.error(request, _("Không thể tự khóa tài khoản của mình."))
    else:
        services.deactivate_user(person, by=request.user)
        messages.success(request, _("Đã khóa tài khoản %(name)s.") % {"name": person})
    return redirect("accounts:users")


@login_required
@require_POST
def user_activate(request: HttpRequest, pk: int) -> HttpResponse:
    """Enable a disabled account again."""
    rights.require(rights.can_manage_accounts(request.user))
    person = get_object_or_404(User, pk=pk)
    services.activate_user(person, by=request.user)
    messages.success(request, _("Đã mở lại tài khoản %(name)s.") % {"name": person})
    return redirect("accounts:users")
