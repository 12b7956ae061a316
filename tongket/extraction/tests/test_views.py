"""The "Nhập chỉ tiêu từ văn bản" page: who may use it, reading the input, the table, confirming."""

from __future__ import annotations

import io
import re

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tongket.resolutions.models import Indicator, Target

PARAGRAPH = (
    "Đến năm 2025, GRDP bình quân/người đạt 14.740 USD; tốc độ tăng trưởng GRDP bình quân "
    "13,5%/năm giai đoạn 2021 - 2025; thu ngân sách đạt khoảng 100 nghìn tỷ đồng; tỷ lệ hộ "
    "nghèo giảm xuống dưới 1%."
)


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _url(world) -> str:
    return reverse("extraction:import", args=[world.resolution.pk])


def _extract(client, world, text=PARAGRAPH):
    return client.post(_url(world), {"action": "extract", "text": text})


def _confirm_data(response, keep=None, **changes) -> dict:
    """The confirm form as the page posts it, from the proposals; `keep` lists the row numbers kept."""
    formset = response.context["formset"]
    data = {
        "action": "confirm",
        "source": response.context["source"],
        "row-TOTAL_FORMS": str(len(formset.forms)),
        "row-INITIAL_FORMS": "0",
        "row-MIN_NUM_FORMS": "0",
        "row-MAX_NUM_FORMS": "50",
    }
    for number, form in enumerate(formset.forms, start=1):
        for name in form.fields:
            value = form.initial.get(name)
            key = form.add_prefix(name)
            if name == "keep":
                if keep is None or number in keep:
                    data[key] = "on"
            elif isinstance(value, bool):
                if value:
                    data[key] = "on"
            else:
                data[key] = "" if value is None else str(value)
    data.update(changes)
    return data


def _rows(response) -> list[dict]:
    return [form.initial for form in response.context["formset"].forms]


# --------------------------------------------------------------------------- who


def test_the_secretariat_sees_the_page_and_the_resolution_offers_it(world):
    client = _client(world.secretariat)
    page = client.get(reverse("resolutions:detail", args=[world.resolution.pk]))
    assert 'data-testid="import-targets"' in page.content.decode()
    response = client.get(_url(world))
    assert response.status_code == 200
    assert "Nhập chỉ tiêu từ văn bản" in response.content.decode()


def test_the_resolution_text_is_offered_in_the_box(world):
    world.resolution.text = "Đến năm 2025, tỷ lệ hộ nghèo dưới 1%."
    world.resolution.save()
    response = _client(world.secretariat).get(_url(world))
    assert response.context["form"]["text"].value() == "Đến năm 2025, tỷ lệ hộ nghèo dưới 1%."


def test_the_resolution_page_does_not_offer_it_to_the_committee(world):
    page = _client(world.committee).get(reverse("resolutions:detail", args=[world.resolution.pk]))
    assert 'data-testid="import-targets"' not in page.content.decode()


@pytest.mark.parametrize("persona", ["committee", "focal_a", "viewer"])
def test_other_people_of_the_review_are_refused(world, persona):
    client = _client(getattr(world, persona))
    assert client.get(_url(world)).status_code == 403
    assert _extract(client, world).status_code == 403


def test_an_outsider_does_not_learn_the_page_exists(world):
    assert _client(world.outsider).get(_url(world)).status_code == 404


def test_anonymous_people_are_sent_to_sign_in(world):
    response = Client().get(_url(world))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_refused_confirm_saves_nothing(world):
    proposals = _extract(_client(world.secretariat), world)
    data = _confirm_data(proposals)
    response = _client(world.committee).post(_url(world), data)
    assert response.status_code == 403
    assert world.resolution.targets.count() == 1


# --------------------------------------------------------------------------- reading the input


def test_pasted_text_gives_one_row_per_target_with_its_words_marked(world):
    response = _extract(_client(world.secretariat), world)
    assert response.status_code == 200
    rows = _rows(response)
    assert [row["unit"] for row in rows] == ["USD", "%/năm", "nghìn tỷ đồng", "%"]
    assert rows[0]["lower"] == "14.740"  # the Vietnamese way
    html = response.content.decode()
    marks = re.findall(r'<mark class="source-span" id="src-(\d)"[^>]*>(.*?)</mark>', html)
    assert marks[0] == ("1", '<sup class="mark-number">1</sup>GRDP bình quân/người đạt 14.740 USD')
    assert len(marks) == 4


def test_the_closest_existing_indicator_is_preselected(world):
    rows = _rows(_extract(_client(world.secretariat), world))
    assert rows[0]["indicator"] == str(world.indicator.pk)
    assert rows[1]["indicator"] == str(world.growth_indicator.pk)
    assert rows[3]["indicator"] == "new"
    assert rows[3]["new_name"] == "tỷ lệ hộ nghèo"


def test_markup_in_the_text_is_shown_as_text_not_run(world):
    text = '<script>alert("x")</script> Đến năm 2025, tỷ lệ <b>hộ</b> nghèo dưới 1%.'
    html = _extract(_client(world.secretariat), world, text).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html
    assert "<b>hộ</b>" not in html


def test_an_uploaded_txt_file_is_read(world):
    upload = SimpleUploadedFile("nq.txt", PARAGRAPH.encode("utf-8"), "text/plain")
    response = _client(world.secretariat).post(_url(world), {"action": "extract", "file": upload})
    assert response.status_code == 200
    assert len(_rows(response)) == 4


def test_an_uploaded_docx_file_is_read(world):
    document = docx.Document()
    document.add_paragraph("Mục tiêu đến năm 2030:")
    document.add_paragraph("- GRDP bình quân đầu người đạt 25.000 USD;")
    buffer = io.BytesIO()
    document.save(buffer)
    upload = SimpleUploadedFile("nq.docx", buffer.getvalue())
    response = _client(world.secretariat).post(_url(world), {"action": "extract", "file": upload})
    assert response.status_code == 200
    [row] = _rows(response)
    assert (row["lower"], row["year"]) == ("25.000", 2030)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("nq.txt", b"GRDP \xf0\xe1t 14.740 USD", "không phải văn bản UTF-8"),
        ("nq.docx", b"PK\x03\x04 not really a zip", "không phải tệp .docx hợp lệ"),
        ("nq.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "dữ liệu nhị phân"),
        ("nq.pdf", b"%PDF-1.7", "chỉ nhận tệp .txt"),
    ],
)
def test_a_file_that_is_not_a_text_gets_a_clear_message(world, name, content, message):
    upload = SimpleUploadedFile(name, content)
    response = _client(world.secretariat).post(_url(world), {"action": "extract", "file": upload})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert world.resolution.targets.count() == 1


def test_a_file_over_20_mb_is_refused(world):
    upload = SimpleUploadedFile("nq.txt", b"a" * 20_000_001, "text/plain")
    response = _client(world.secretariat).post(_url(world), {"action": "extract", "file": upload})
    assert response.status_code == 400
    assert "quá lớn" in response.content.decode()


def test_a_long_text_travels_on_as_the_stretches_around_its_targets(world):
    filler = "Phát huy truyền thống văn hóa, nâng cao chất lượng nguồn nhân lực. " * 3000
    text = filler + PARAGRAPH + " " + filler
    client = _client(world.secretariat)
    response = _extract(client, world, text)
    assert len(_rows(response)) == 4
    assert len(response.context["source"]) < 5000
    assert len(response.content) < 200_000
    client.post(_url(world), _confirm_data(response, keep={4}))
    target = world.resolution.targets.get(text="tỷ lệ hộ nghèo giảm xuống dưới 1%")
    assert target.source_text.startswith("Đến năm 2025, GRDP bình quân/người")


def test_a_text_with_no_target_says_so(world):
    response = _extract(_client(world.secretariat), world, "Nâng cao năng lực lãnh đạo của Đảng.")
    assert response.status_code == 200
    assert "Không tìm thấy chỉ tiêu" in response.content.decode()


def test_an_empty_submission_asks_for_a_text(world):
    response = _extract(_client(world.secretariat), world, "   ")
    assert "Hãy dán văn bản" in response.content.decode()


# --------------------------------------------------------------------------- confirming


def test_confirming_two_rows_saves_them_and_shows_them_on_the_resolution(world):
    client = _client(world.secretariat)
    proposals = _extract(client, world)
    response = client.post(_url(world), _confirm_data(proposals, keep={1, 4}), follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "resolutions:detail", args=[world.resolution.pk]
    )
    saved = list(world.resolution.targets.exclude(code="T1").order_by("order"))
    assert [t.text for t in saved] == [
        "GRDP bình quân/người đạt 14.740 USD",
        "tỷ lệ hộ nghèo giảm xuống dưới 1%",
    ]
    assert saved[0].indicator == world.indicator
    poor = saved[1]
    assert (poor.lower, poor.upper, poor.direction, poor.year) == (None, 1, "decrease", 2025)
    assert poor.indicator.name == "tỷ lệ hộ nghèo"
    assert poor.source_text.startswith("Đến năm 2025, GRDP")
    html = response.content.decode()
    assert "tỷ lệ hộ nghèo giảm xuống dưới 1%" in html
    assert "Đã lưu 2 chỉ tiêu" in html


def test_a_scaled_unit_is_converted_into_the_new_indicator_unit(world):
    client = _client(world.secretariat)
    proposals = _extract(client, world)
    data = _confirm_data(
        proposals, keep={3}, **{"row-2-new_unit": "tỷ đồng", "row-2-new_code": "THU_NS"}
    )
    client.post(_url(world), data)
    target = Target.objects.get(resolution=world.resolution, indicator__code="THU_NS")
    assert (target.lower, target.upper, target.unit, target.approximate) == (
        100000,
        100000,
        "tỷ đồng",
        True,
    )


def test_a_growth_row_without_a_start_year_is_refused_and_nothing_is_saved(world):
    client = _client(world.secretariat)
    proposals = _extract(client, world)
    data = _confirm_data(proposals, keep={1, 2}, **{"row-1-start_year": ""})
    response = client.post(_url(world), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Dòng 2: chỉ tiêu tăng trưởng bình quân cần năm bắt đầu" in html
    assert 'id="src-2"' in html  # the table and its marks are shown again
    forms = response.context["formset"].forms
    assert forms[1].row_errors and "năm bắt đầu" in forms[1].row_errors[0]  # shown beside row 2
    assert forms[0].row_errors == []
    assert world.resolution.targets.count() == 1


def test_a_unit_that_cannot_be_converted_is_refused_naming_the_row(world):
    client = _client(world.secretariat)
    proposals = _extract(client, world)
    data = _confirm_data(
        proposals, keep={3}, **{"row-2-indicator": str(world.indicator.pk)}
    )  # thu ngân sách (nghìn tỷ đồng) linked to an indicator in USD
    response = client.post(_url(world), data)
    assert "Dòng 3: không quy đổi được đơn vị &#x27;nghìn tỷ đồng&#x27; sang &#x27;USD&#x27;" in (
        response.content.decode()
    )
    assert world.resolution.targets.count() == 1


def test_edited_fields_are_saved_as_edited(world):
    client = _client(world.secretariat)
    proposals = _extract(client, world)
    data = _confirm_data(
        proposals, keep={1}, **{"row-0-lower": "15.000,5", "row-0-upper": "", "row-0-code": "CT01"}
    )
    client.post(_url(world), data)
    target = Target.objects.get(resolution=world.resolution, code="CT01")
    assert (target.lower, target.upper) == (15000.5, None)


def test_a_number_not_written_the_vietnamese_way_is_refused(world):
    client = _client(world.secretariat)
    proposals = _extract(client, world)
    response = client.post(
        _url(world), _confirm_data(proposals, keep={1}, **{"row-0-lower": "1.5"})
    )
    assert response.status_code == 400
    assert "dấu phẩy là dấu thập phân" in response.content.decode()
    assert world.resolution.targets.count() == 1


def test_a_dropped_row_is_not_checked(world):
    client = _client(world.secretariat)
    proposals = _extract(client, world)
    data = _confirm_data(proposals, keep={1}, **{"row-1-lower": "rác", "row-1-start_year": ""})
    response = client.post(_url(world), data)
    assert response.status_code == 302
    assert world.resolution.targets.count() == 2


def test_confirming_with_every_row_dropped_saves_nothing(world):
    client = _client(world.secretariat)
    proposals = _extract(client, world)
    response = client.post(_url(world), _confirm_data(proposals, keep=set()))
    assert response.status_code == 400
    assert "Chưa chọn chỉ tiêu nào" in response.content.decode()
    assert not Indicator.objects.filter(code="TY_LE_HO_NGHEO").exists()


def test_a_tampered_form_gets_a_message_not_a_traceback(world):
    client = _client(world.secretariat)
    response = client.post(
        _url(world), {"action": "confirm", "source": "x", "row-TOTAL_FORMS": "x"}
    )
    assert response.status_code == 400
    response = client.post(
        _url(world),
        {"action": "confirm", "row-TOTAL_FORMS": "1", "row-INITIAL_FORMS": "0", "row-0-keep": "on",
         "row-0-text": "x", "row-0-kind": "level", "row-0-direction": "increase",
         "row-0-indicator": "999999", "row-0-span": "5,1"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "không còn tồn tại" in response.content.decode()
