"""The dashboard, the figures behind a target, the verdict by hand, the explorer and the API."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tongket.assessment.models import ManualVerdict
from tongket.assessment.services import (
    ManualVerdictError,
    assess_review,
    clear_manual_verdict,
    set_manual_verdict,
)
from tongket.figures.models import Figure, FigureHistory, FigureStatus
from tongket.resolutions.models import Indicator, Target
from tongket.reviews.models import Activity


def _dashboard(world):
    return reverse("assessment:dashboard", args=[world.review.code])


def _figure(world, indicator, year, value, status=FigureStatus.APPROVED, area=None, **extra):
    return Figure.objects.create(
        indicator=indicator, area=area or world.city, period=str(year), period_type="Y", year=year,
        value=value, status=status, **extra,
    )  # fmt: skip


def _add_targets(world, count: int, start: int = 0) -> None:
    """`count` more targets, each on an indicator of its own with a few figures (city and country)."""
    for n in range(start, start + count):
        indicator = Indicator.objects.create(code=f"X{n}", name=f"Chỉ số {n}", unit="%", decimals=1)
        Target.objects.create(
            resolution=world.resolution, code=f"X{n}", order=100 + n, indicator=indicator,
            text=f"Chỉ tiêu {n}", lower=50, upper=None, year=2020,
        )  # fmt: skip
        for year in (2018, 2019, 2020):
            _figure(world, indicator, year, 40 + year - 2018 + n)
            _figure(world, indicator, year, 30, area=world.country)


def test_the_dashboard_shows_counts_badges_explanations_and_a_chart(client, world):
    client.force_login(world.viewer)
    response = client.get(_dashboard(world))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-verdict="exceeded"' in html  # 3.694 USD against 3.500 USD in 2017
    assert "Cách tính" in html and "3.694" in html
    assert 'data-verdict-count="exceeded"' in html
    assert '<canvas id="chart-' in html
    assert "vendor/chartjs/chart.umd.min.js" in html
    assert "minh họa" in html  # the world's target is illustrative
    assert "Đánh giá thủ công" not in html  # a viewer does not judge by hand


def test_the_parent_area_is_compared(client, world):
    _figure(world, world.indicator, 2017, 2200, area=world.country)
    client.force_login(world.viewer)
    html = client.get(_dashboard(world)).content.decode()
    assert "Năm 2017: gấp 1,68 lần mức chung cả nước" in html


def test_the_dashboard_reflects_a_changed_figure_on_the_next_load(client, world):
    client.force_login(world.viewer)
    assert 'data-verdict="exceeded"' in client.get(_dashboard(world)).content.decode()
    Figure.objects.filter(indicator=world.indicator).update(value=3000)
    html = client.get(_dashboard(world)).content.decode()
    assert 'data-verdict="not_achieved"' in html
    assert 'data-verdict="exceeded"' not in html.split('data-testid="assessment-table"')[1]


def test_a_draft_figure_does_not_count_on_the_dashboard(world):
    Figure.objects.filter(indicator=world.indicator).update(status=FigureStatus.DRAFT)
    assert assess_review(world.review)[0].verdict == "no_data"


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_number_of_queries_does_not_grow_with_the_number_of_targets(client, world):
    client.force_login(world.committee)
    url = _dashboard(world)
    _add_targets(world, 3)
    client.get(url)  # warm the session and the caches
    few = _queries(client, url)
    _add_targets(world, 25, start=3)
    many = _queries(client, url)
    assert many == few


def test_the_dashboard_stays_within_a_fixed_query_budget(
    client, world, django_assert_max_num_queries
):
    _add_targets(world, 40)
    client.force_login(world.committee)
    with django_assert_max_num_queries(15):
        client.get(_dashboard(world))


def test_the_service_uses_three_queries_whatever_the_targets(world, django_assert_num_queries):
    _add_targets(world, 20)
    review = (
        type(world.review).objects.select_related("resolution", "area", "resolution__area").get()
    )
    with django_assert_num_queries(3):
        assert len(assess_review(review)) == 21


@pytest.mark.parametrize("persona", ["outsider"])
def test_outsiders_get_404(client, world, persona):
    client.force_login(world.persona(persona))
    assert client.get(_dashboard(world)).status_code == 404
    url = reverse("assessment:target_figures", args=[world.review.code, world.target.pk])
    assert client.get(url).status_code == 404
    post = reverse("assessment:manual_verdict", args=[world.review.code, world.target.pk])
    assert client.post(post, {"verdict": "achieved", "reason": "x"}).status_code == 404
    assert not ManualVerdict.objects.exists()


def test_anonymous_people_are_sent_to_sign_in(client, world):
    response = client.get(_dashboard(world))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("persona", ["viewer", "focal_a"])
def test_only_committee_and_secretariat_set_a_verdict_by_hand(client, world, persona):
    client.force_login(world.persona(persona))
    post = reverse("assessment:manual_verdict", args=[world.review.code, world.target.pk])
    assert client.post(post, {"verdict": "achieved", "reason": "Đủ căn cứ"}).status_code == 403
    assert not ManualVerdict.objects.exists()


@pytest.mark.parametrize("persona", ["committee", "secretariat"])
def test_the_committee_sets_a_verdict_with_its_reason_and_the_computed_one_stays_visible(
    client, world, persona
):
    client.force_login(world.persona(persona))
    post = reverse("assessment:manual_verdict", args=[world.review.code, world.target.pk])
    response = client.post(
        post, {"verdict": "achieved", "reason": "  Số liệu năm 2017 chưa chốt  "}
    )
    assert response.status_code == 302
    found = ManualVerdict.objects.get()
    assert (found.verdict, found.reason) == ("achieved", "Số liệu năm 2017 chưa chốt")
    assert Activity.objects.filter(review=world.review, verb="manual_verdict_set").count() == 1
    html = client.get(_dashboard(world)).content.decode()
    table = html.split('data-testid="assessment-table"')[1]
    assert 'data-verdict="achieved"' in table and 'data-verdict="exceeded"' in table
    assert "thủ công" in table
    result = assess_review(world.review)[0]
    assert result.manual and result.computed_verdict == "exceeded"


def test_a_verdict_without_a_reason_is_refused(client, world):
    client.force_login(world.committee)
    post = reverse("assessment:manual_verdict", args=[world.review.code, world.target.pk])
    response = client.post(post, {"verdict": "achieved", "reason": "   "}, follow=True)
    assert "Cần ghi lý do" in response.content.decode()
    assert not ManualVerdict.objects.exists()


def test_an_unknown_verdict_is_refused(client, world):
    client.force_login(world.committee)
    post = reverse("assessment:manual_verdict", args=[world.review.code, world.target.pk])
    client.post(post, {"verdict": "excellent", "reason": "vì"})
    assert not ManualVerdict.objects.exists()


def test_the_service_refuses_a_target_of_another_resolution_and_clears(world):
    from tongket.resolutions.models import Resolution

    other = Resolution.objects.create(code="X-NQ", number="X-NQ", title="Khác")
    foreign = Target.objects.create(resolution=other, code="Z", text="Khác")
    with pytest.raises(ManualVerdictError, match="không thuộc nghị quyết"):
        set_manual_verdict(world.review, foreign, "achieved", "vì", world.committee)
    set_manual_verdict(world.review, world.target, "not_achieved", "vì", world.committee)
    assert clear_manual_verdict(world.review, world.target, world.committee) is True
    assert not ManualVerdict.objects.exists()
    assert Activity.objects.filter(verb="manual_verdict_cleared").count() == 1
    assert assess_review(world.review)[0].manual is False


def test_clearing_from_the_page(client, world):
    set_manual_verdict(world.review, world.target, "not_achieved", "vì", world.committee)
    client.force_login(world.committee)
    post = reverse("assessment:manual_verdict", args=[world.review.code, world.target.pk])
    client.post(post, {"clear": "1"})
    assert not ManualVerdict.objects.exists()


def test_the_figures_behind_a_target_show_source_and_history(client, world):
    figure = Figure.objects.get(indicator=world.indicator)
    FigureHistory.objects.create(
        figure=figure, version=1, action="create", new_value=3694, new_status="approved",
        changed_at=figure.updated_at, via="file", changed_by=world.focal_a,
    )  # fmt: skip
    client.force_login(world.viewer)
    url = reverse("assessment:target_figures", args=[world.review.code, world.target.pk])
    html = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Cục Thống kê thành phố Hải Phòng" in html and "tệp" in html and "3.694" in html
    assert "<html" not in html  # a fragment for HTMX
    assert "<html" in client.get(url).content.decode()  # a page without HTMX


# --- Explorer -------------------------------------------------------------------------------------


def _explorer(**params) -> str:
    from urllib.parse import urlencode

    return reverse("assessment:explorer") + "?" + urlencode(params, doseq=True)


def test_any_signed_in_person_explores_counted_figures(client, world):
    _figure(world, world.indicator, 2018, 4100)
    _figure(world, world.indicator, 2019, 4500, status=FigureStatus.DRAFT)
    client.force_login(world.outsider)
    response = client.get(
        _explorer(indicator=[world.indicator.pk], area=[world.city.pk], year_from=2015)
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="explorer-table"' in html
    assert "3.694" in html and "4.100" in html and "4.500" not in html
    assert 'id="explorer-chart"' in html


def test_the_explorer_needs_sign_in(client, world):
    assert client.get(reverse("assessment:explorer")).status_code == 302


def test_the_explorer_explains_a_bad_choice(client, world):
    client.force_login(world.viewer)
    html = client.get(
        _explorer(indicator=[world.indicator.pk], year_from=2020, year_to=2010)
    ).content.decode()
    assert "Năm bắt đầu phải không sau năm kết thúc" in html
    html = client.get(_explorer(indicator=["abc"], area=[world.city.pk])).content.decode()
    assert "explorer-table" not in html


def test_the_csv_export_cannot_run_formulas(client, world):
    world.indicator.name = '=HYPERLINK("http://x")'
    world.indicator.save()
    client.force_login(world.viewer)
    response = client.get(_explorer(indicator=[world.indicator.pk], scope="all", export="csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Mã chỉ số"
    assert rows[1][1] == '\'=HYPERLINK("http://x")'
    assert rows[1][6] == "3694.0"


def test_the_xlsx_export_writes_numbers_and_plain_text(client, world):
    world.indicator.name = "=1+1"
    world.indicator.save()
    client.force_login(world.viewer)
    response = client.get(
        _explorer(indicator=[world.indicator.pk], area=[world.city.pk], export="xlsx")
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(2, 7).value == 3694
    assert sheet.cell(2, 2).value == "'=1+1"
    assert sheet.cell(2, 2).data_type == "s"


# --- API ------------------------------------------------------------------------------------------


def test_the_api_gives_the_assessment_as_json(client, world):
    client.force_login(world.viewer)
    response = client.get(f"/api/reviews/{world.review.code}/assessment")
    assert response.status_code == 200
    item = response.json()[0]
    assert (item["target"], item["verdict"], item["actual"]) == ("T1", "exceeded", 3694.0)


def test_the_api_hides_the_review_from_outsiders(client, world):
    client.force_login(world.outsider)
    assert client.get(f"/api/reviews/{world.review.code}/assessment").status_code == 404


def test_the_explorer_marks_preliminary_and_illustrative_figures_and_reads_quarters(client, world):
    _figure(world, world.indicator, 2018, 4000, basis="preliminary", illustrative=True)
    Figure.objects.create(
        indicator=world.indicator, area=world.city, period="2018Q2", period_type="Q", year=2018, value=950,
        status=FigureStatus.APPROVED,
    )  # fmt: skip
    client.force_login(world.viewer)
    html = client.get(
        _explorer(indicator=[world.indicator.pk], area=[world.city.pk])
    ).content.decode()
    assert "4.000<sup>*sb</sup>" in html
    html = client.get(
        _explorer(indicator=[world.indicator.pk], area=[world.city.pk], period_type="Q")
    ).content.decode()
    assert "2018Q2" in html and "950" in html and "3.694" not in html


def test_the_official_figure_wins_over_an_estimate_in_the_explorer(client, world):
    _figure(world, world.indicator, 2017, 3000, basis="estimate")
    client.force_login(world.viewer)
    response = client.get(_explorer(indicator=[world.indicator.pk], scope="all", export="csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r[6] for r in rows[1:]] == ["3694.0"]


@pytest.mark.parametrize(
    "query",
    [
        {"indicator": ["999999"], "scope": "all"},
        {"indicator": ["1"], "scope": "all", "year_from": "x"},
        {"indicator": ["1"], "scope": "all", "year_from": "99999999999999999999"},
        {"indicator": ["1"], "scope": "all", "period_type": "Z"},
        {"indicator": ["1"], "scope": "evil"},
        {"indicator": ["1"], "area": ["-1"], "export": "pdf"},
    ],
)
def test_the_explorer_answers_hostile_queries_without_a_traceback(client, world, query):
    client.force_login(world.viewer)
    response = client.get(_explorer(**query))
    assert response.status_code == 200


def test_unknown_targets_and_reviews_are_404(client, world):
    client.force_login(world.committee)
    assert client.get(reverse("assessment:dashboard", args=["khong-co"])).status_code == 404
    url = reverse("assessment:target_figures", args=[world.review.code, 999999])
    assert client.get(url).status_code == 404
    post = reverse("assessment:manual_verdict", args=[world.review.code, 999999])
    assert client.post(post, {"verdict": "achieved", "reason": "x"}).status_code == 404


def test_the_explorer_shows_missing_years_as_gaps(client, world):
    _figure(world, world.indicator, 2014, 3000)
    client.force_login(world.viewer)
    html = client.get(
        _explorer(indicator=[world.indicator.pk], area=[world.city.pk])
    ).content.decode()
    header = html.split('data-testid="explorer-table"')[1].split("</thead>")[0]
    assert [y for y in ("2014", "2015", "2016", "2017") if f">{y}</th>" in header] == [
        "2014",
        "2015",
        "2016",
        "2017",
    ]


def test_draft_figures_behind_a_target_are_shown_only_to_those_who_approve(client, world):
    _figure(world, world.indicator, 2016, 1234, status=FigureStatus.DRAFT)
    url = reverse("assessment:target_figures", args=[world.review.code, world.target.pk])
    client.force_login(world.viewer)
    assert "1.234" not in client.get(url).content.decode()
    client.force_login(world.committee)
    html = client.get(url).content.decode()
    assert "1.234" in html and "không tính" in html
