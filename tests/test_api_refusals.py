"""API-wide refusals that the schemathesis tests (tests/test_api_schema.py) found missing or wrong."""

from __future__ import annotations

import json

from django.test import Client

from tongket.accounts.services import create_token


def bearer(user) -> dict:
    """Headers with a fresh token of the user."""
    _token, key = create_token(user, "test")
    return {"Authorization": f"Bearer {key}"}


def test_an_offset_beyond_the_databases_integers_is_refused_with_422_not_500(world):
    headers = bearer(world.viewer)
    client = Client()
    assert (
        client.get("/api/areas?offset=1038215721736015446016000", headers=headers).status_code
        == 422
    )
    assert client.get("/api/areas?limit=1001", headers=headers).status_code == 422
    page = client.get("/api/areas?offset=1&limit=1", headers=headers)
    assert page.status_code == 200 and page.json()["count"] == 2 and len(page.json()["items"]) == 1


def test_a_json_body_that_is_not_an_object_is_refused_in_vietnamese_and_changes_nothing(world):
    world.section_a.lead_agency = world.agency_a
    world.section_a.save()
    url = "/api/reviews/tk-32/sections/S1/assignment"
    for body in ("false", "[]", '"x"', "{"):
        response = Client().put(
            url, body, content_type="application/json", headers=bearer(world.secretariat)
        )
        assert response.status_code == 400, body
        assert "đối tượng JSON" in response.json()["detail"]
    world.section_a.refresh_from_db()
    assert world.section_a.lead_agency == world.agency_a
    emptied = Client().put(
        url, json.dumps({}), content_type="application/json", headers=bearer(world.secretariat)
    )
    assert emptied.status_code == 200


def test_the_schema_documents_each_endpoints_refusals():
    from tongket.api import api

    paths = api.get_openapi_schema()["paths"]
    error = {"$ref": "#/components/schemas/Error"}
    review = paths["/api/reviews/{code}"]["get"]["responses"]
    assert {401, 403, 404, 422} <= set(review) and 400 not in review
    assert review[404]["content"]["application/json"]["schema"] == error
    write = paths["/api/reviews/{code}/requests/{request_code}/figures"]["post"]["responses"]
    assert 400 in write
    # The write's own 422 (its errors, row by row) may also be an invalid-field refusal.
    assert error in write[422]["content"]["application/json"]["schema"]["anyOf"]


def test_a_nul_character_anywhere_is_refused_with_422_not_500(world):
    headers = bearer(world.secretariat)
    client = Client()
    put = client.put(
        "/api/reviews/tk-32/sections/S1/assignment",
        json.dumps({"lead_agency": "CTK\x00"}),
        content_type="application/json",
        headers=headers,
    )
    assert put.status_code == 422 and "NUL" in put.json()["detail"]
    assert client.get("/api/areas?q=H%00P", headers=headers).status_code == 422
    assert client.get("/api/reviews/tk%00", headers=headers).status_code == 422
    # The text "\u0000" itself (escaped backslash) is ordinary text.
    fine = client.put(
        "/api/reviews/tk-32/sections/S1/assignment",
        json.dumps({"lead_agency": None, "coordinating_agencies": [], "due": None, "x": "\\u0000"}),
        content_type="application/json",
        headers=headers,
    )
    assert fine.status_code == 200
