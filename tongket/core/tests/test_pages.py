"""The page shell: home page, lists with diacritics-free search, a resolution's page, a review's overview."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from tongket.figures.models import DataRequest, Figure
from tongket.reviews.models import Group, GroupMember, Meeting, Milestone, Section, Task


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def page(user, url: str) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_search_ignores_vietnamese_diacritics(world):
    html = page(world.viewer, reverse("organizations:areas") + "?q=hai+phong")
    assert "Thành phố Hải Phòng" in html
    html = page(world.viewer, reverse("organizations:agencies") + "?q=THONG ke")
    assert "Cục Thống kê thành phố Hải Phòng" in html
    assert "Sở Tài chính" not in html
    html = page(world.viewer, reverse("resolutions:indicators") + "?q=tang truong")
    assert "Tốc độ tăng trưởng GRDP" in html
    assert "GRDP bình quân đầu người" not in html


def test_a_resolution_page_lists_its_targets_marking_illustrative_ones(world):
    html = page(world.outsider, reverse("resolutions:detail", args=[world.resolution.pk]))
    assert "GRDP bình quân đầu người đạt 3.500 USD" in html
    assert "minh họa" in html
    assert "3.500 USD" in html
    # An outsider sees the public resolution, but not the review of it.
    assert world.review.title not in html


def test_the_overview_shows_the_latest_figure_the_vietnamese_way(world):
    Figure.objects.create(
        indicator=world.indicator, area=world.city, period="2016", period_type="Y", year=2016, value=3200,
        illustrative=True,
    )  # fmt: skip
    html = page(world.focal_a, reverse("reviews:overview", args=[world.review.code]))
    assert "3.694" in html  # 2017 beats 2016
    assert "3.200" not in html
    assert "chính thức" in html
    assert "Vượt" in html  # the live verdict: 3.694 USD against a target of 3.500 USD


def test_the_overview_counts_no_draft_figure(world):
    Figure.objects.create(
        indicator=world.indicator, area=world.city, period="2016", period_type="Y", year=2016, value=3200,
        status="draft",
    )  # fmt: skip
    Figure.objects.filter(year=2017).update(status="draft")
    html = page(world.viewer, reverse("reviews:overview", args=[world.review.code]))
    assert "3.200" not in html and "3.694" not in html
    assert "Chưa có số liệu" in html


def test_overdue_milestones_stand_out_and_done_ones_do_not(world):
    Milestone.objects.create(
        review=world.review, code="M1", title="Xây dựng kế hoạch", deadline=dt.date(2018, 1, 1)
    )
    Milestone.objects.create(
        review=world.review,
        code="M2",
        title="Ban hành đề cương",
        deadline=dt.date(2018, 1, 2),
        status="done",
    )
    html = page(world.viewer, reverse("reviews:overview", args=[world.review.code]))
    assert html.count("quá hạn") == 1
    assert "01/01/2018" in html


def test_the_overview_lists_sections_committee_and_meetings(world):
    group = Group.objects.create(
        review=world.review, code="BCD", kind="committee", name="Ban Chỉ đạo Trung ương"
    )
    GroupMember.objects.create(
        group=group, name="Trần Quốc Vượng", position="Thường trực Ban Bí thư", role="head"
    )
    Meeting.objects.create(
        review=world.review, code="H1", title="Họp Ban Chỉ đạo lần thứ nhất",
        held_at=dt.datetime(2018, 3, 23, 8, 0, tzinfo=dt.UTC), place="Hà Nội",
    )  # fmt: skip
    html = page(world.committee, reverse("reviews:overview", args=[world.review.code]))
    assert "Kết quả" in html and "Sở Tài chính Hải Phòng" in html
    assert "Trần Quốc Vượng" in html
    assert "23/03/2018" in html


def test_home_shows_my_reviews_and_only_my_agencys_open_work(world):
    DataRequest.objects.create(
        review=world.review,
        code="R1",
        agency=world.agency_a,
        title="Số liệu GRDP A",
        deadline=dt.date(2030, 1, 1),
    )
    DataRequest.objects.create(
        review=world.review,
        code="R2",
        agency=world.agency_b,
        title="Số liệu đầu tư B",
        deadline=dt.date(2030, 1, 1),
    )
    Task.objects.create(
        review=world.review,
        code="N1",
        title="Báo cáo tình hình A",
        owner=world.agency_a,
        deadline=dt.date(2030, 1, 1),
    )
    Task.objects.create(
        review=world.review,
        code="N2",
        title="Việc đã xong",
        owner=world.agency_a,
        deadline=dt.date(2030, 1, 1),
        status="done",
    )
    Section.objects.create(
        review=world.review,
        code="S2",
        title="Mục đã tiếp nhận",
        lead_agency=world.agency_a,
        status="accepted",
    )
    html = page(world.focal_a, reverse("core:home"))
    assert world.review.title in html
    assert "Số liệu GRDP A" in html and "Báo cáo tình hình A" in html and "Kết quả" in html
    assert "Số liệu đầu tư B" not in html
    assert "Việc đã xong" not in html and "Mục đã tiếp nhận" not in html
    outsider = page(world.outsider, reverse("core:home"))
    assert world.review.title not in outsider


def test_pages_speak_english_after_the_switch(world):
    client = Client()
    client.force_login(world.focal_a)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("reviews:overview", args=[world.review.code])).content.decode()
    assert "3,694" in html
    assert 'lang="en"' in html
    assert "Targets and latest figures" in html
    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    html = client.get(reverse("reviews:overview", args=[world.review.code])).content.decode()
    assert "Chỉ tiêu và số liệu mới nhất" in html and "3.694" in html


def test_pages_are_vietnamese_even_for_a_browser_set_to_english(world):
    html = (
        Client()
        .get(reverse("accounts:login"), headers={"accept-language": "en-US,en;q=0.9"})
        .content.decode()
    )
    assert 'lang="vi"' in html and "Đăng nhập" in html


def test_every_stylesheet_and_script_of_the_page_shell_is_served_locally(world):
    import re as _re

    client = Client()
    client.force_login(world.viewer)
    html = client.get(reverse("core:home")).content.decode()
    assets = _re.findall(r'(?:href|src)="(/static/[^"]+)"', html)
    assert any(a.endswith("tongket.css") for a in assets)
    assert any("bootstrap" in a for a in assets) and any("htmx" in a for a in assets)
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
    assert "//cdn" not in html and "https://" not in html


def test_the_overview_makes_the_same_number_of_queries_for_a_small_or_large_review(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tongket.resolutions.models import Indicator, Target

    def grow(prefix: str, n: int) -> None:
        group = Group.objects.create(
            review=world.review, code=f"G{prefix}", kind="working", name=f"Tổ {prefix}"
        )
        for i in range(n):
            tag = f"{prefix}{i}"
            indicator = Indicator.objects.create(code=f"I{tag}", name=f"Chỉ số {tag}")
            Target.objects.create(
                resolution=world.resolution, code=f"X{tag}", indicator=indicator, text="t", lower=1
            )
            Figure.objects.create(
                indicator=indicator,
                area=world.city,
                period="2017",
                period_type="Y",
                year=2017,
                value=i,
            )
            Milestone.objects.create(
                review=world.review,
                code=f"M{tag}",
                title="m",
                deadline=dt.date(2018, 1, 1),
                owner=world.agency_a,
            )
            section = Section.objects.create(
                review=world.review, code=f"S{tag}", title="s", lead_agency=world.agency_b
            )
            section.coordinating_agencies.add(world.agency_c)
            GroupMember.objects.create(group=group, name=f"Người {tag}", agency=world.agency_a)
            Meeting.objects.create(
                review=world.review,
                code=f"H{tag}",
                title="h",
                held_at=dt.datetime(2018, 3, 23, tzinfo=dt.UTC),
            )

    client = Client()
    client.force_login(world.viewer)
    url = reverse("reviews:overview", args=[world.review.code])
    client.get(url)
    grow("a", 2)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    grow("b", 10)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few), (
        f"{len(few)} queries for a small review, {len(many)} for a larger one"
    )
