"""Property tests of the REST API against its own OpenAPI schema (schemathesis).

For every operation, generated requests — valid ones and hostile ones (wrong types, missing fields, odd
strings) — are sent with a real bearer token, as the secretariat and as agency A's focal point. Whatever
the input, the API must never answer 5xx, must answer only status codes it documents, and its bodies
must match the documented schemas.

The app is called in-process through Django's test request handler (as `django.test.Client` does), so the
calls run inside the test's transaction and see the `world`. Path parameters are, most of the time, the
world's real codes (review tk-32, section S1, request YC1 …), so that requests get past the 404s and reach
the validation and the services; the rest of the time they are generated.

Bounded for CI (about 20 s on SQLite or PostgreSQL on 2 cores): few examples per operation, no coverage
phase, derandomized (the same cases every run). For a deeper search, run once with the coverage phase
enabled and max_examples=40–60 (one to two minutes); that is how the bugs fixed with these tests were found.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import schemathesis
from django.test.client import ClientHandler
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from tongket.api import api

# Real values of path parameters, filled by the `known` fixture before any case is drawn.
KNOWN: dict[str, Any] = {}

CONFIG = schemathesis.Config.from_dict(
    {
        # The Authorization header is the fixture's real token, never a generated one.
        "generation": {"mode": "all", "with-security-parameters": False},
        # The coverage phase sends hundreds of boundary cases per operation: too slow for every CI run.
        "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
    }
)

_HANDLER = ClientHandler(enforce_csrf_checks=True)


def django_app(environ: dict, start_response):
    """A WSGI app over Django's test handler: unlike the production handler it does not close the
    database connection after each request, so requests run inside the test's transaction."""
    response = _HANDLER(environ)
    headers = [*response.items()]
    headers += [("Set-Cookie", c.output(header="").strip()) for c in response.cookies.values()]
    start_response(f"{response.status_code} {response.reason_phrase}", headers)
    if response.streaming:
        return response.streaming_content
    return [response.content]


schema = schemathesis.openapi.from_dict(api.get_openapi_schema(), config=CONFIG)
schema.app = django_app

CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_schema_conformance,
    schemathesis.checks.negative_data_rejection,
    # Without the token, or with a wrong one, every operation must answer 401.
    schemathesis.checks.ignored_auth,
]


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    """Mostly the world's real codes (to reach the logic), sometimes the generated ones."""
    if not isinstance(path_parameters, dict):
        return st.just(path_parameters)
    # A value of the wrong type is a deliberately invalid (negative) case: it is kept as generated.
    real = {
        name: KNOWN[name]
        for name, value in path_parameters.items()
        if name in KNOWN and type(value) is type(KNOWN[name])
    }
    if not real:
        return st.just(path_parameters)
    return st.sampled_from(
        [{**path_parameters, **real}, {**path_parameters, **real}, path_parameters]
    )


@pytest.fixture
def known(world):
    """The world with one of everything the API names by path (group, milestone, meeting, conclusion,
    task, data request), their codes in KNOWN."""
    from tongket.figures.models import DataRequest, Figure
    from tongket.reviews import services

    review, secretariat = world.review, world.secretariat
    group = services.add_group(review, secretariat, name="Tổ biên tập", kind="working", code="TBT")
    milestone = services.add_milestone(
        review, secretariat, title="Xây dựng đề cương", deadline=dt.date(2030, 6, 30), start=None,
        owner=None, evidence="", status="planned", code="M1",
    )  # fmt: skip
    meeting = services.create_meeting(
        review, secretariat, title="Phiên họp thứ nhất", held_at=dt.datetime(2030, 1, 5, 8, tzinfo=dt.UTC),
        place="Hải Phòng", chair="", chair_position="", notice_number="", attendees=[], code="H1",
    )  # fmt: skip
    conclusion = services.add_conclusion(meeting, secretariat, "Các cơ quan gửi số liệu đúng hạn.")
    task = services.conclusion_to_task(
        conclusion, secretariat, owner=world.agency_a, deadline=dt.date(2030, 3, 1),
        title="Gửi số liệu GRDP", description="",
    )  # fmt: skip
    request = DataRequest.objects.create(
        review=review, code="YC1", agency=world.agency_a, title="GRDP", deadline=dt.date(2030, 1, 1),
        periods=["2018", "2019"],
    )  # fmt: skip
    request.indicators.set([world.indicator])
    request.areas.set([world.city])
    KNOWN.clear()
    KNOWN.update(
        code=review.code, resolution_id=world.resolution.pk, group_code=group.code,
        milestone_code=milestone.code, section_code=world.section_a.code, meeting_code=meeting.code,
        conclusion_id=conclusion.pk, task_code=task.code, request_code=request.code,
        figure_id=Figure.objects.first().pk, indicator=world.indicator.code, area=world.city.code,
        period="2018",
    )  # fmt: skip
    yield world
    KNOWN.clear()


def bearer(user) -> dict[str, str]:
    """The Authorization header of a fresh token of the user."""
    from tongket.accounts.services import create_token

    _token, key = create_token(user, "schemathesis")
    return {"Authorization": f"Bearer {key}"}


HYPOTHESIS = {
    "deadline": None,
    "derandomize": True,
    "database": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}


@schema.parametrize()
@settings(max_examples=15, **HYPOTHESIS)
def test_every_operation_answers_the_secretariat_what_its_schema_promises(case, known):
    """No 5xx, only documented status codes, bodies as documented, hostile input refused with a 4xx."""
    case.call_and_validate(headers=bearer(known.secretariat), checks=CHECKS)


@schema.parametrize()
@settings(max_examples=6, **HYPOTHESIS)
def test_every_operation_answers_a_focal_point_what_its_schema_promises(case, known):
    """The same for agency A's focal point, who may write its own figures and drafts and is refused
    the secretariat's work (403): the refusals too must be documented and never a 5xx."""
    case.call_and_validate(headers=bearer(known.focal_a), checks=CHECKS)
