import io

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document

from tongket.accounts.models import User
from tongket.reports.models import DocumentBuild
from tongket.reviews.models import Review


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """POST, then run what was queued on commit (tests run the task backend immediately, in-process)."""

    def send(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(*args, **kwargs)

    return send


@pytest.fixture
def demo(db, client):
    call_command("demo", "--quiet")
    return Review.objects.get(code="tk-32-2018")


def test_the_secretariat_builds_the_report_in_the_background_and_downloads_it(demo, client, post):
    client.force_login(User.objects.get(username="thuongtruc"))
    response = post(
        reverse("reports:build", args=[demo.code]), {"kind": "report"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert 'hx-trigger="every 1s"' in response.content.decode()  # the page polls the queued build
    build = DocumentBuild.objects.get()
    assert build.status == DocumentBuild.Status.DONE and build.progress == 100
    status = client.get(
        reverse("reports:status", args=[demo.code, build.pk]), HTTP_HX_REQUEST="true"
    )
    assert b'data-testid="download"' in status.content and b"every 1s" not in status.content
    download = client.get(reverse("reports:download", args=[demo.code, build.pk]))
    assert download["Content-Disposition"] == 'attachment; filename="tk-32-2018.docx"'
    header = Document(io.BytesIO(download.content)).tables[0]
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in "\n".join(cell.text for cell in header.rows[0].cells)


def test_the_appendix_is_a_workbook_with_numbers_as_numbers(demo, client, post):
    client.force_login(User.objects.get(username="thuongtruc"))
    post(reverse("reports:build", args=[demo.code]), {"kind": "appendix"})
    build = DocumentBuild.objects.get()
    sheet = openpyxl.load_workbook(io.BytesIO(bytes(build.content))).active
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    grdp_2017 = [
        r for r in rows if r[1] == "GRDP_PC" and r[3] == "2017" and r[2] == "Thành phố Hải Phòng"
    ]
    assert grdp_2017 and grdp_2017[0][4] == 3694
    assert any(r[10] == "minh họa" for r in rows)


def test_the_meeting_notice_is_built_with_the_same_machinery(demo, client, post):
    client.force_login(User.objects.get(username="thuongtruc"))
    post(reverse("reports:build", args=[demo.code]), {"kind": "notice", "meeting": "H1"})
    build = DocumentBuild.objects.get()
    assert build.status == "done" and build.file_name.endswith("thong-bao-ket-luan.docx")


def test_a_notice_without_a_meeting_is_refused_with_a_message(demo, client):
    client.force_login(User.objects.get(username="thuongtruc"))
    response = client.post(
        reverse("reports:build", args=[demo.code]), {"kind": "notice"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 400 and "phiên họp" in response.content.decode()
    assert not DocumentBuild.objects.exists()


def test_a_failed_build_says_why_on_the_page(demo, client, post, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("hỏng")

    monkeypatch.setattr("tongket.reports.services.build_report", boom)
    client.force_login(User.objects.get(username="thuongtruc"))
    post(reverse("reports:build", args=[demo.code]), {"kind": "report"})
    build = DocumentBuild.objects.get()
    assert build.status == "failed" and "hỏng" in build.message
    page = client.get(reverse("reports:documents", args=[demo.code]))
    assert "Không dựng được tài liệu" in page.content.decode()


def test_a_focal_point_reads_but_cannot_build(world, client):
    client.force_login(User.objects.get(username="focal_a"))
    assert client.get(reverse("reports:documents", args=[world.review.code])).status_code == 200
    response = client.post(reverse("reports:build", args=[world.review.code]), {"kind": "report"})
    assert response.status_code == 403 and not DocumentBuild.objects.exists()
