"""Sign-in, lockout, deactivation, invitations, password reset, tokens: what people rely on."""

from __future__ import annotations

import datetime as dt
import logging
import re

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tongket.accounts import services
from tongket.accounts.models import ApiToken, Invitation, User
from tongket.core.testing import PASSWORD
from tongket.reviews.models import Participant, Role


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def sign_in(client: Client, username: str, password: str = PASSWORD):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_a_focal_point_signs_in_and_lands_on_home(world):
    client = Client()
    response = sign_in(client, "focal_a")
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")


def test_a_wrong_password_gets_a_plain_vietnamese_message_and_is_logged(world, caplog):
    client = Client()
    with caplog.at_level(logging.WARNING, logger="tongket.security"):
        response = sign_in(client, "focal_a", "sai-mat-khau")
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()
    assert any("wrong password" in r.message and "focal_a" in r.message for r in caplog.records)
    assert "sai-mat-khau" not in caplog.text


def test_a_disabled_account_cannot_sign_in_and_the_attempt_is_logged(world, caplog):
    world.focal_b.is_active = False
    world.focal_b.save()
    client = Client()
    with caplog.at_level(logging.WARNING, logger="tongket.security"):
        response = sign_in(client, "focal_b")
    assert response.status_code == 200
    assert "không đúng" in response.content.decode()
    assert client.get(reverse("core:home")).status_code == 302
    assert any("disabled account" in r.message for r in caplog.records)


def test_repeated_failed_sign_ins_lock_the_account_for_a_while(world, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "focal_a", "sai")
    response = sign_in(client, "focal_a")  # even the right password, now
    assert response.status_code == 429
    assert "tạm bị khóa" in response.content.decode()


def test_deactivation_ends_the_persons_open_sessions_at_once(world):
    client = Client()
    sign_in(client, "focal_a")
    assert client.get(reverse("core:home")).status_code == 200
    admin = Client()
    admin.force_login(world.admin)
    response = admin.post(reverse("accounts:user_deactivate", args=[world.focal_a.pk]))
    assert response.status_code == 302
    world.focal_a.refresh_from_db()
    assert not world.focal_a.is_active
    sessions = [s.get_decoded().get("_auth_user_id") for s in Session.objects.all()]
    assert str(world.focal_a.pk) not in sessions
    assert client.get(reverse("core:home")).status_code == 302  # back to sign-in


def test_disabling_in_the_admin_also_ends_sessions(world):
    client = Client()
    sign_in(client, "focal_b")
    world.focal_b.is_active = False
    world.focal_b.save()
    sessions = [s.get_decoded().get("_auth_user_id") for s in Session.objects.all()]
    assert str(world.focal_b.pk) not in sessions


def test_only_an_administrator_deactivates_accounts(world):
    client = Client()
    client.force_login(world.secretariat)
    response = client.post(reverse("accounts:user_deactivate", args=[world.focal_a.pk]))
    assert response.status_code == 403
    world.focal_a.refresh_from_db()
    assert world.focal_a.is_active


def invite_by_page(world, email="moi@example.vn", role=Role.FOCAL_POINT, agency=None) -> str:
    client = Client()
    client.force_login(world.secretariat)
    response = client.post(
        reverse("accounts:invite", args=[world.review.code]),
        {"email": email, "role": role, "agency": (agency or world.agency_b).pk},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    link = re.search(r"http\S+/accounts/invitation/\S+/", mail.outbox[-1].body)
    assert link, mail.outbox[-1].body
    return link.group(0).split("127.0.0.1:8000")[-1]


def test_an_invitee_sets_their_own_password_and_joins_the_review_with_role_and_agency(world):
    path = invite_by_page(world)
    client = Client()
    assert client.get(path).status_code == 200
    response = client.post(
        path,
        {"username": "moi", "full_name": "Nguyễn Văn Mới", "password1": "Mat-khau-moi-2024", "password2": "Mat-khau-moi-2024"},
    )  # fmt: skip
    assert response.status_code == 302
    user = User.objects.get(username="moi")
    assert user.email == "moi@example.vn"
    assert user.check_password("Mat-khau-moi-2024")
    part = Participant.objects.get(user=user, review=world.review)
    assert (part.role, part.agency) == (Role.FOCAL_POINT, world.agency_b)
    assert client.get(reverse("reviews:overview", args=[world.review.code])).status_code == 200


def test_a_used_invitation_link_is_refused(world):
    path = invite_by_page(world)
    data = {"username": "moi", "password1": "Mat-khau-moi-2024", "password2": "Mat-khau-moi-2024"}
    Client().post(path, data)
    response = Client().get(path)
    assert response.status_code == 410
    assert "đã được sử dụng" in response.content.decode()


def test_an_expired_invitation_link_is_refused(world, caplog):
    path = invite_by_page(world)
    Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    with caplog.at_level(logging.WARNING, logger="tongket.security"):
        response = Client().post(path, {"username": "moi", "password1": "x", "password2": "x"})
    assert response.status_code == 410
    assert "hết hạn" in response.content.decode()
    assert not User.objects.filter(username="moi").exists()
    assert any("expired" in r.message for r in caplog.records)


def test_a_made_up_invitation_link_is_not_found(world):
    assert Client().get(reverse("accounts:invitation", args=["khong-co"])).status_code == 404


def test_a_focal_point_invitation_needs_an_agency(world):
    client = Client()
    client.force_login(world.secretariat)
    response = client.post(
        reverse("accounts:invite", args=[world.review.code]),
        {"email": "x@example.vn", "role": Role.FOCAL_POINT},
    )
    assert response.status_code == 200
    assert "phải thuộc một cơ quan" in response.content.decode()
    assert not Invitation.objects.exists()


def test_password_reset_by_email_works_once(world):
    client = Client()
    client.post(reverse("accounts:password_reset"), {"email": "focal_a@example.vn"})
    link = re.search(
        r"https?://[^/]+(/accounts/password/reset/\S+/\S+/)", mail.outbox[-1].body
    ).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    response = client.post(
        set_url, {"new_password1": "Mat-khau-moi-2024", "new_password2": "Mat-khau-moi-2024"}
    )
    assert response.status_code == 302
    world.focal_a.refresh_from_db()
    assert world.focal_a.check_password("Mat-khau-moi-2024")
    again = Client().get(link, follow=True)
    assert "không hợp lệ hoặc đã hết hạn" in again.content.decode()


def test_password_change_needs_the_old_password(world):
    client = Client()
    client.force_login(world.viewer)
    url = reverse("accounts:password_change")
    bad = client.post(
        url,
        {"old_password": "sai", "new_password1": "Moi-moi-2024x", "new_password2": "Moi-moi-2024x"},
    )
    assert bad.status_code == 200
    good = client.post(
        url,
        {
            "old_password": PASSWORD,
            "new_password1": "Moi-moi-2024x",
            "new_password2": "Moi-moi-2024x",
        },
    )
    assert good.status_code == 302


def test_a_new_token_is_shown_once_and_only_its_hash_is_kept(world):
    client = Client()
    client.force_login(world.focal_a)
    response = client.post(reverse("accounts:tokens"), {"name": "Excel"})
    key = re.search(r"tk_[A-Za-z0-9_\-]+", response.content.decode()).group(0)
    token = ApiToken.objects.get(user=world.focal_a)
    assert token.key_hash == ApiToken.hash_key(key)
    assert key not in client.get(reverse("accounts:tokens")).content.decode()


def test_a_person_cannot_revoke_another_persons_token(world):
    token, _key = services.create_token(world.focal_a, "x")
    client = Client()
    client.force_login(world.focal_b)
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None
    client.force_login(world.focal_a)
    client.post(reverse("accounts:token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_guessing_another_reviews_page_is_not_found_and_logged(world, caplog):
    client = Client()
    client.force_login(world.outsider)
    with caplog.at_level(logging.WARNING, logger="tongket.security"):
        response = client.get(reverse("reviews:overview", args=[world.review.code]))
    assert response.status_code == 404
    assert any("not found" in r.message and "outsider" in r.message for r in caplog.records)


def test_an_invitee_who_has_an_account_signs_in_and_accepts_without_a_second_account(world):
    path = invite_by_page(world, email="outsider@example.vn", role=Role.VIEWER)
    client = Client()
    response = client.get(path)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    sign_in(client, "outsider")
    assert client.get(path).status_code == 200
    client.post(path)
    assert Participant.objects.get(user=world.outsider, review=world.review).role == Role.VIEWER
    assert User.objects.filter(email="outsider@example.vn").count() == 1
