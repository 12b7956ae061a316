"""The API's authentication: bearer tokens (revocable), the browser session, nothing for strangers."""

from __future__ import annotations

import datetime as dt
import json
import logging

import pytest
from django.test import Client
from django.utils import timezone

from tongket.accounts import services
from tongket.accounts.models import ApiToken


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def bearer(key: str) -> dict:
    return {"Authorization": f"Bearer {key}"}


def test_a_valid_token_reads_the_owners_reviews(world):
    _token, key = services.create_token(world.focal_a, "script")
    response = Client().get("/api/reviews", headers=bearer(key))
    assert response.status_code == 200
    assert [r["code"] for r in response.json()["items"]] == ["tk-32"]
    assert response.json()["items"][0]["my_role"] == "focal_point"


def test_without_credentials_the_api_answers_401(world):
    assert Client().get("/api/reviews").status_code == 401


def test_a_revoked_token_is_refused_and_the_attempt_logged(world, caplog):
    token, key = services.create_token(world.focal_a, "script")
    services.revoke_token(token)
    with caplog.at_level(logging.WARNING, logger="tongket.security"):
        response = Client().get("/api/reviews", headers=bearer(key))
    assert response.status_code == 401
    assert any("revoked" in r.message for r in caplog.records)


def test_a_token_of_a_disabled_account_is_refused(world):
    _token, key = services.create_token(world.focal_a, "script")
    world.focal_a.is_active = False
    world.focal_a.save()
    assert Client().get("/api/reviews", headers=bearer(key)).status_code == 401


def test_a_made_up_token_is_refused(world):
    assert Client().get("/api/reviews", headers=bearer("tk_made-up")).status_code == 401
    assert Client().get("/api/reviews", headers=bearer("x" * 5000)).status_code == 401


def test_last_used_is_written_at_most_once_a_minute(world):
    token, key = services.create_token(world.focal_a, "script")
    client = Client()
    client.get("/api/areas", headers=bearer(key))
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    client.get("/api/areas", headers=bearer(key))
    token.refresh_from_db()
    assert token.last_used_at == first
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - dt.timedelta(minutes=2))
    client.get("/api/areas", headers=bearer(key))
    token.refresh_from_db()
    assert token.last_used_at > first - dt.timedelta(minutes=1)
    assert token.last_used_at <= timezone.now()


def test_the_browser_session_reads_the_api_too(world):
    client = Client()
    client.force_login(world.viewer)
    assert client.get("/api/reviews/tk-32").status_code == 200


def test_an_outsider_cannot_read_a_review_by_guessing_its_code(world):
    _token, key = services.create_token(world.outsider, "script")
    client = Client()
    assert client.get("/api/reviews/tk-32", headers=bearer(key)).status_code == 404
    assert client.get("/api/reviews", headers=bearer(key)).json()["items"] == []


def test_the_api_schema_and_its_docs_are_served_without_a_cdn(world):
    client = Client()
    schema = client.get("/api/openapi.json").json()
    assert "/api/reviews/{code}" in schema["paths"]
    docs = client.get("/api/docs").content.decode()
    assert "cdn" not in docs.lower()
    assert "/static/ninja/swagger-ui-bundle.js" in docs
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200


@pytest.mark.parametrize("debug", [False, True])
def test_refusals_are_plain_json_in_vietnamese_never_a_traceback(world, settings, debug):
    settings.DEBUG = debug
    _token, key = services.create_token(world.outsider, "script")
    client = Client()
    unauth = client.get("/api/reviews")
    assert unauth.status_code == 401 and "mã truy cập" in unauth.json()["detail"]
    missing = client.get("/api/reviews/tk-32", headers=bearer(key))
    assert missing.status_code == 404 and missing.json() == {"detail": "Không tìm thấy."}


def test_a_forbidden_api_call_is_403_json_even_with_debug_on(world, settings):
    from django.core.exceptions import PermissionDenied
    from django.test import RequestFactory

    from tongket.api import _forbidden

    settings.DEBUG = True
    response = _forbidden(RequestFactory().get("/api/x"), PermissionDenied())
    assert response.status_code == 403
    assert "không có quyền" in json.loads(response.content)["detail"]
