"""`tongket bench generate --values N [--seed S] [-o DIR]`: a deterministic national data set."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tongket.figures import benchdata


class Command(BaseCommand):
    """Generate the benchmark data set (a bundle and Tongket CSV files)."""

    help = "Sinh bộ dữ liệu quốc gia để đo hiệu năng (gói dữ liệu + các tệp CSV số liệu)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
        gen = sub.add_parser("generate", called_from_command_line=parser.called_from_command_line)
        gen.add_argument("--values", type=int, required=True)
        gen.add_argument("--seed", type=int, default=1)
        gen.add_argument("-o", "--output", default="var/bench")

    def handle(self, *args, **options) -> None:
        if options["values"] < 0:
            raise CommandError("--values phải không âm", returncode=2)
        start = time.perf_counter()
        out = Path(options["output"])
        try:
            paths = benchdata.generate(options["values"], options["seed"], out)
        except ValueError as exc:
            raise CommandError(str(exc), returncode=2) from None
        seconds = time.perf_counter() - start
        self.stdout.write(f"{out / 'bundle.json'}")
        for path in paths:
            self.stdout.write(str(path))
        self.stdout.write(f"# {options['values']} giá trị, {len(paths)} tệp CSV, {seconds:.1f} s")
        self.stdout.write(f"# nạp: tongket bundle import {out / 'bundle.json'}")
        self.stdout.write(
            f"#      for f in {out}/figures-*.csv; do tongket data import $f --max-size 100000000; done"
        )
