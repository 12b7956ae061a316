"""`tongket send_reminders`: queue today's reminders and escalations (run daily from cron or a timer)."""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from tongket.reviews.models import Review
from tongket.reviews.reminders import send_due_reminders


class Command(BaseCommand):
    """Remind owners of what is due in the review's reminder days, due today, or overdue (once a day)."""

    help = (
        "Nhắc việc sắp đến hạn, đến hạn và quá hạn (báo Thường trực khi quá hạn); mỗi việc, mỗi loại "
        "nhắc chỉ một lần mỗi ngày. E-mail được xếp hàng để `tongket db_worker` gửi."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", help="Ngày chạy (YYYY-MM-DD), mặc định hôm nay.")
        parser.add_argument(
            "--review", action="append", default=[], help="Chỉ đợt tổng kết có mã này."
        )
        parser.add_argument("--dry-run", action="store_true", help="Chỉ liệt kê, không gửi.")

    def handle(self, *args, **options) -> None:
        day = None
        if options["date"]:
            try:
                day = dt.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError(
                    f"--date: ngày không hợp lệ {options['date']!r} (viết 2018-03-23)", returncode=2
                ) from exc
        reviews = None
        if options["review"]:
            reviews = list(Review.objects.filter(code__in=options["review"]))
            missing = sorted(set(options["review"]) - {r.code for r in reviews})
            if missing:
                raise CommandError(f"Không có đợt tổng kết: {', '.join(missing)}", returncode=1)
        run = send_due_reminders(day, reviews=reviews, dry_run=options["dry_run"])
        for key, kind, text in run.sent:
            self.stdout.write(f"{kind}\t{key}\t{text}")
        self.stdout.write(
            json.dumps({**run.as_dict(), "dry_run": options["dry_run"]}, ensure_ascii=False)
        )
