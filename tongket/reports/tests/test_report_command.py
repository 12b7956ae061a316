import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document

from tongket.reviews.models import Review, Section


@pytest.fixture
def demo(db):
    call_command("demo", "--quiet")


def _texts(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_the_demo_report_has_the_party_header_the_verdicts_and_the_numbered_outline(demo, tmp_path):
    out = tmp_path / "r.docx"
    call_command("report", "32-NQ/TW", "-o", str(out))
    text = _texts(Document(out))
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "Số 01-ĐA/BCĐ" in text
    assert "Hà Nội, ngày 31 tháng 10 năm 2018" in text
    for word in ("Vượt", "Đạt", "Cơ bản đạt", "Không đạt", "Chưa có số liệu"):
        assert word in text
    assert "3.694 USD" in text  # Vietnamese number formatting of a real figure
    assert "1. Công tác lãnh đạo" in text and "I. Tình hình và kết quả" in text
    assert "Phần này chưa được tiếp nhận" in text  # sections not accepted say so where they are
    assert "minh họa" in text


def test_the_state_format_and_a_resolution_without_review(demo, tmp_path):
    out = tmp_path / "r45.docx"
    call_command("report", "45-NQ/TW", "--format", "state", "-o", str(out))
    text = _texts(Document(out))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "14.740 USD" in text and "Chưa có số liệu" in text


def test_the_default_file_name_is_the_code_with_unsafe_characters_replaced(
    demo, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    call_command("report", "45-NQ/TW")
    assert (tmp_path / "45-NQ_TW.docx").is_file()


def test_a_review_with_no_accepted_sections_still_builds(demo, tmp_path):
    Section.objects.update(status=Section.Status.DRAFTING)
    out = tmp_path / "r.docx"
    call_command("report", "32-NQ/TW", "--review", "tk-32-2018", "-o", str(out))
    assert "Phần này chưa được tiếp nhận" in _texts(Document(out))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["99-NQ/TW"], "không có nghị quyết"),
        (["32-NQ/TW", "--review", "nope"], "không có đợt tổng kết"),
    ],
)
def test_unknown_codes_exit_1_with_a_message(demo, args, message):
    with pytest.raises(CommandError, match=message) as caught:
        call_command("report", *args)
    assert caught.value.returncode == 1


def test_several_reviews_need_review(demo):
    first = Review.objects.get(code="tk-32-2018")
    Review.objects.create(code="tk-32-2023", resolution=first.resolution, title="Sơ kết khác")
    with pytest.raises(CommandError, match="--review"):
        call_command("report", "32-NQ/TW")
