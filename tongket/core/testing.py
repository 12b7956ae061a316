"""A small review world with the named personas every test uses (Healthchecks style).

Personas: secretariat, committee member, agency A focal point, agency B focal point, coordinating
agency (C) focal point, viewer, outsider (signed in, not in the review), admin (superuser).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tongket.accounts.models import User
from tongket.figures.models import Figure, FigureStatus
from tongket.organizations.models import Agency, Area
from tongket.resolutions.models import Indicator, Resolution, Target
from tongket.reviews.models import Participant, Review, Role, Section

PASSWORD = "mat-khau-thu-nghiem-2018"  # noqa: S105 - test accounts only


@dataclass
class World:
    """Everything a test may need, by name."""

    country: Area
    city: Area
    agency_a: Agency
    agency_b: Agency
    agency_c: Agency
    resolution: Resolution
    review: Review
    indicator: Indicator
    growth_indicator: Indicator
    target: Target
    section_a: Section
    secretariat: User
    committee: User
    focal_a: User
    focal_b: User
    focal_c: User
    viewer: User
    outsider: User
    admin: User

    def persona(self, name: str) -> User | None:
        """A persona by name; "anonymous" gives None."""
        return None if name == "anonymous" else getattr(self, name)


PERSONAS = (
    "anonymous", "outsider", "viewer", "focal_a", "focal_b", "focal_c", "committee", "secretariat", "admin",
)  # fmt: skip


def make_user(username: str, agency: Agency | None = None, **extra) -> User:
    """A user with the test password."""
    user = User(
        username=username,
        email=f"{username}@example.vn",
        agency=agency,
        full_name=username,
        **extra,
    )
    user.set_password(PASSWORD)
    user.save()
    return user


def make_world() -> World:
    """Build the world in the test database."""
    country = Area.objects.create(code="VN", name="Việt Nam", level=Area.Level.COUNTRY)
    city = Area.objects.create(code="HP", name="Thành phố Hải Phòng", parent=country)
    agency_a = Agency.objects.create(
        code="CTK-HP", name="Cục Thống kê thành phố Hải Phòng", area=city
    )
    agency_b = Agency.objects.create(
        code="SKHDT-HP", name="Sở Kế hoạch và Đầu tư Hải Phòng", area=city
    )
    agency_c = Agency.objects.create(code="STC-HP", name="Sở Tài chính Hải Phòng", area=city)
    resolution = Resolution.objects.create(
        code="32-NQ/TW", number="32-NQ/TW", title="Về xây dựng và phát triển thành phố Hải Phòng",
        issuer="Bộ Chính trị", issued=dt.date(2003, 8, 5), area=city,
    )  # fmt: skip
    indicator = Indicator.objects.create(
        code="GRDP_PC", name="GRDP bình quân đầu người", unit="USD", decimals=0
    )
    growth = Indicator.objects.create(
        code="GRDP_GROWTH",
        name="Tốc độ tăng trưởng GRDP",
        unit="%",
        kind=Indicator.Kind.GROWTH,
        decimals=1,
    )
    target = Target.objects.create(
        resolution=resolution, code="T1", indicator=indicator, text="GRDP bình quân đầu người đạt 3.500 USD",
        lower=3500, upper=3500, unit="USD", year=2017, illustrative=True,
    )  # fmt: skip
    review = Review.objects.create(
        code="tk-32", resolution=resolution, title="Tổng kết 15 năm Nghị quyết 32"
    )
    section_a = Section.objects.create(
        review=review, code="S1", title="Kết quả", lead_agency=agency_a
    )
    section_a.coordinating_agencies.add(agency_c)
    Figure.objects.create(
        indicator=indicator, area=city, period="2017", period_type="Y", year=2017, value=3694,
        status=FigureStatus.APPROVED, source_agency=agency_a,
    )  # fmt: skip
    users = {
        "secretariat": make_user("secretariat"),
        "committee": make_user("committee"),
        "focal_a": make_user("focal_a", agency_a),
        "focal_b": make_user("focal_b", agency_b),
        "focal_c": make_user("focal_c", agency_c),
        "viewer": make_user("viewer"),
        "outsider": make_user("outsider"),
        "admin": make_user("admin", is_superuser=True, is_staff=True),
    }
    roles = {
        "secretariat": (Role.SECRETARIAT, None),
        "committee": (Role.COMMITTEE, None),
        "focal_a": (Role.FOCAL_POINT, agency_a),
        "focal_b": (Role.FOCAL_POINT, agency_b),
        "focal_c": (Role.FOCAL_POINT, agency_c),
        "viewer": (Role.VIEWER, None),
    }
    Participant.objects.bulk_create(
        Participant(review=review, user=users[name], role=role, agency=agency)
        for name, (role, agency) in roles.items()
    )
    return World(
        country=country, city=city, agency_a=agency_a, agency_b=agency_b, agency_c=agency_c,
        resolution=resolution, review=review, indicator=indicator, growth_indicator=growth, target=target,
        section_a=section_a, **users,
    )  # fmt: skip
