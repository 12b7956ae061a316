"""The read endpoints make a fixed number of queries, however many rows they return (no N+1)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tongket.organizations.models import Agency, Area
from tongket.resolutions.models import Indicator, Resolution, Target
from tongket.reviews.models import Participant, Review, Role


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def grow(world, prefix: str, n: int) -> None:
    """n more of everything, linked to parents, so that a per-row query would show."""
    from tongket.core.testing import make_user

    for i in range(n):
        tag = f"{prefix}{i}"
        area = Area.objects.create(
            code=f"A-{tag}", name=f"Quận {tag}", parent=world.city, successor=world.city
        )
        Agency.objects.create(code=f"G-{tag}", name=f"Sở {tag}", parent=world.agency_a, area=area)
        indicator = Indicator.objects.create(code=f"I-{tag}", name=f"Chỉ số {tag}")
        resolution = Resolution.objects.create(
            code=f"R-{tag}", number=f"R-{tag}", title="t", area=world.city
        )
        Target.objects.create(
            resolution=world.resolution, code=f"X-{tag}", indicator=indicator, text="t", lower=1
        )
        review = Review.objects.create(
            code=f"rv-{tag}", resolution=resolution, title="t", area=area
        )
        Participant.objects.create(review=review, user=world.viewer, role=Role.VIEWER)
        extra = make_user(f"u-{tag}", world.agency_b)
        Participant.objects.create(
            review=world.review, user=extra, role=Role.VIEWER, agency=world.agency_b
        )


def count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url",
    ["/api/areas", "/api/agencies", "/api/resolutions", "/api/indicators", "/api/reviews", "/api/reviews/tk-32",
     "/api/resolutions/{pk}/targets"],
)  # fmt: skip
def test_read_endpoints_make_the_same_number_of_queries_for_few_or_many_rows(world, url):
    url = url.format(pk=world.resolution.pk)
    client = Client()
    client.force_login(world.viewer)
    client.get(url)  # warm up caches (content types, session)
    grow(world, "few", 2)
    few = count(client, url)
    grow(world, "many", 12)
    many = count(client, url)
    assert many == few, f"{url}: {few} queries for a few rows, {many} for many"
