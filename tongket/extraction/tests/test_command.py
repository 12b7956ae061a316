"""`tongket targets extract FILE` and `tongket targets score`: output, exit codes, no database."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

ROOT = Path(__file__).resolve().parents[3]


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("targets", *args, stdout=out)
    return out.getvalue()


def test_extract_prints_the_issue_example_as_json(tmp_path: Path) -> None:
    path = tmp_path / "nq.txt"
    path.write_text("Đến năm 2025, GRDP bình quân/người đạt 14.740 USD.", encoding="utf-8")
    data = json.loads(run("extract", str(path)))
    assert data == [
        {
            "text": "GRDP bình quân/người đạt 14.740 USD",
            "span": [14, 49],
            "indicator_text": "GRDP bình quân/người",
            "lower": 14740,
            "upper": 14740,
            "approximate": False,
            "unit": "USD",
            "direction": "increase",
            "kind": "level",
            "start_year": None,
            "year": 2025,
            "base_year": None,
        }
    ]


def test_extract_writes_vietnamese_unescaped(tmp_path: Path) -> None:
    path = tmp_path / "nq.txt"
    path.write_text("Tỷ lệ hộ nghèo dưới 1%.", encoding="utf-8")
    assert "Tỷ lệ hộ nghèo" in run("extract", str(path))


def test_extract_prints_an_empty_array_when_the_text_states_no_target(tmp_path: Path) -> None:
    path = tmp_path / "nq.txt"
    path.write_text("Xây dựng thành phố văn minh, hiện đại.", encoding="utf-8")
    assert json.loads(run("extract", str(path))) == []


def test_extract_reads_a_docx(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Tỷ lệ đô thị hóa đạt 60% vào năm 2025.")
    path = tmp_path / "nq.docx"
    document.save(str(path))
    data = json.loads(run("extract", str(path)))
    assert [(t["lower"], t["year"]) for t in data] == [(60, 2025)]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("nq.txt", b"T\xe1\xbb\xb7 l\xe9", "UTF-8"),
        ("nq.txt", b"abc\x00", "nhị phân"),
        ("nq.docx", b"fake", ".docx"),
    ],
)
def test_extract_refuses_bad_input_with_exit_code_1(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message) as error:
        run("extract", str(path))
    assert error.value.returncode == 1


def test_extract_refuses_a_missing_file_with_exit_code_1() -> None:
    with pytest.raises(CommandError, match="Không tìm thấy") as error:
        run("extract", "/khong/co/tep.txt")
    assert error.value.returncode == 1


def test_score_prints_precision_recall_and_f1() -> None:
    output = run("score")
    assert "precision:" in output and "recall:" in output and "F1:" in output


def test_the_command_needs_no_system_checks_or_database() -> None:
    from tongket.extraction.management.commands.targets import Command

    assert Command.requires_system_checks == []


def _cli(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tongket.settings", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "django", "targets", *args],
        input=stdin,
        capture_output=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def test_the_command_line_exits_0_1_and_2(tmp_path: Path) -> None:
    good = _cli("extract", "-", stdin="Tỷ lệ hộ nghèo dưới 1%.".encode())
    assert good.returncode == 0, good.stderr.decode()
    assert json.loads(good.stdout)[0]["upper"] == 1
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe")
    refused = _cli("extract", str(bad))
    assert refused.returncode == 1
    assert "UTF-8" in refused.stderr.decode()
    assert "Traceback" not in refused.stderr.decode()
    usage = _cli("extract")
    assert usage.returncode == 2
