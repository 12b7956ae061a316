"""Convert a .docx report to PDF with LibreOffice (`libreoffice --headless --convert-to pdf`).

Each conversion runs in its own temporary directory with its own LibreOffice user profile
(`-env:UserInstallation`): two conversions at once, or a LibreOffice already open on the machine,
would otherwise share one profile and the second would silently do nothing. The process runs in
its own session so that a conversion that hangs is killed whole at the timeout.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

INSTALL_HINT = "Chưa cài LibreOffice: sudo apt-get install libreoffice-writer-nogui"
DEFAULT_TIMEOUT = 180


class PdfConversionError(RuntimeError):
    """The conversion failed; the message is Vietnamese and says why."""


class LibreOfficeMissing(PdfConversionError):
    """Neither `libreoffice` nor `soffice` is on the PATH."""

    def __init__(self) -> None:
        super().__init__(INSTALL_HINT)


def find_libreoffice() -> str | None:
    """The path of `libreoffice` or `soffice`, or None when LibreOffice is not installed."""
    for name in ("libreoffice", "soffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def convert_to_pdf(
    docx_path: str | Path,
    pdf_path: str | Path | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
) -> Path:
    """Convert `docx_path` to PDF and return the PDF's path (default: beside the .docx).

    Raises LibreOfficeMissing with the install command when LibreOffice is absent, and
    PdfConversionError when it fails, times out or writes no PDF.
    """
    executable = find_libreoffice()
    if executable is None:
        raise LibreOfficeMissing()
    source = Path(docx_path)
    if not source.is_file():
        raise PdfConversionError(f"Không tìm thấy tệp cần chuyển sang PDF: {source}")
    target = Path(pdf_path) if pdf_path is not None else source.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="tongket-pdf-") as work:
        workdir = Path(work)
        # A plain ASCII name: LibreOffice names its output after the input, and odd characters
        # in the user's file name must not break the command line or the lookup below.
        staged = workdir / "report.docx"
        shutil.copyfile(source, staged)
        outdir = workdir / "out"
        outdir.mkdir()
        profile = workdir / "profile"
        command = [
            executable,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(staged),
        ]
        env = {**os.environ, "HOME": str(workdir)}
        _run(command, env, timeout)
        produced = outdir / "report.pdf"
        if not produced.is_file() or produced.stat().st_size == 0:
            raise PdfConversionError(
                "LibreOffice không tạo được tệp PDF (tệp .docx có thể bị hỏng)"
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(produced), target)
    return target


def _run(command: list[str], env: dict[str, str], timeout: float) -> None:
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,  # its own process group, so the timeout kills every child
    )
    try:
        _out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise PdfConversionError(
            f"LibreOffice chuyển sang PDF quá {int(timeout)} giây nên đã bị dừng"
        ) from None
    if process.returncode != 0:
        detail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise PdfConversionError(
            f"LibreOffice báo lỗi khi chuyển sang PDF (mã {process.returncode}): {detail[0]}"
        )


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
