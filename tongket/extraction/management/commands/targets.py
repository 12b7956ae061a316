"""`tongket targets extract FILE` and `tongket targets score [CORPUS]`: the extractor on the command line.

Needs no database: system checks are skipped and no model is touched.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from tongket.extraction.extractor import extract_targets
from tongket.extraction.reading import SourceError, read_source
from tongket.extraction.scoring import DEFAULT_CORPUS, CorpusError, format_misses, score_corpus


class Command(BaseCommand):
    """Extract the targets of a resolution's text as JSON, or score the extractor on a corpus."""

    help = _(
        "Trích xuất chỉ tiêu từ văn bản nghị quyết (extract FILE: .txt UTF-8, .docx hoặc - cho "
        "đầu vào chuẩn) hoặc chấm điểm bộ trích xuất trên ngữ liệu (score [CORPUS])."
    )
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        """Two subcommands: `extract FILE` and `score [CORPUS]`."""
        subparsers = parser.add_subparsers(dest="action", required=True, metavar="{extract,score}")
        extract = subparsers.add_parser(
            "extract", help=_("in ra mảng JSON các chỉ tiêu trích xuất từ FILE")
        )
        extract.add_argument(
            "file", help=_("tệp .txt (UTF-8) hoặc .docx; '-' để đọc đầu vào chuẩn")
        )
        score = subparsers.add_parser(
            "score", help=_("in precision, recall và F1 của bộ trích xuất trên ngữ liệu")
        )
        score.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS), help=_("tệp .jsonl"))
        score.add_argument(
            "--misses", action="store_true", help=_("in thêm các câu trích xuất chưa khớp")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        """Run the chosen subcommand; a refused input ends with exit code 1 and a message."""
        if options["action"] == "extract":
            self._extract(options["file"])
        else:
            self._score(options["corpus"], options.get("misses", False))

    def _extract(self, source: str) -> None:
        try:
            text = read_source(source)
        except SourceError as exc:
            raise CommandError(str(exc), returncode=1) from exc
        targets = [target.to_dict() for target in extract_targets(text)]
        self.stdout.write(json.dumps(targets, ensure_ascii=False, indent=2))

    def _score(self, corpus: str, show_misses: bool) -> None:
        try:
            score = score_corpus(corpus)
        except CorpusError as exc:
            raise CommandError(str(exc), returncode=1) from exc
        self.stdout.write(score.summary())
        if show_misses and score.misses:
            self.stdout.write(format_misses(score, limit=1000))
