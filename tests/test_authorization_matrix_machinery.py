"""The matrix itself can fail: a table that says less or more than the code allows is caught."""

from __future__ import annotations

from django.urls import reverse

from tests.authz import READERS, SECRETARIAT, SIGNED_IN, Rule
from tests.test_authorization_matrix import check


def test_a_page_more_open_than_the_table_says_is_caught(world):
    problems = check(
        world, "core:home", lambda kw: reverse("core:home"), Rule(GET=SECRETARIAT), api=False
    )
    assert any("as outsider: expected refused, got 200" in p for p in problems)


def test_a_page_more_closed_than_the_table_says_is_caught(world):
    rule = Rule(GET=SIGNED_IN, kwargs=lambda w: {"code": w.review.code})
    problems = check(
        world,
        "reviews:overview",
        lambda kw: reverse("reviews:overview", kwargs=kw),
        rule,
        api=False,
    )
    assert any("as outsider: expected allowed, got 404" in p for p in problems)


def test_anonymous_people_sent_to_sign_in_count_as_refused(world):
    rule = Rule(GET=READERS, kwargs=lambda w: {"code": w.review.code})
    problems = check(
        world,
        "reviews:overview",
        lambda kw: reverse("reviews:overview", kwargs=kw),
        rule,
        api=False,
    )
    assert problems == []


def test_an_api_operation_more_open_than_the_table_says_is_caught(world):
    problems = check(world, "/api/areas", lambda kw: "/api/areas", Rule(GET=SECRETARIAT), api=True)
    assert any("as viewer: expected refused, got 200" in p for p in problems)
    assert not any("as anonymous" in p for p in problems)  # 401 is a refusal
