"""Reminders: what is due in `review.reminder_days` days, due today, or overdue, told once a day.

`send_reminders` (the management command) calls `send_due_reminders` daily. For each open item of the
unified work list (milestones, section drafts, data requests, tasks) with a deadline it picks a kind:
`before` (exactly `reminder_days` days ahead), `due` (today) or `overdue` (past; every day, and the
review's secretariat is told too — the escalation). A ReminderLog row per item, kind and day makes a
second run on the same day send nothing. The log row, the in-app notifications and the queued e-mails
are written in one transaction per item.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tongket.reviews import services
from tongket.reviews.models import ReminderLog, Review


@dataclass
class ReminderRun:
    """What a run sent (or would send, on a dry run)."""

    day: dt.date
    sent: list[tuple[str, str, str]] = field(default_factory=list)  # (item key, kind, text)
    skipped: int = 0  # already reminded today

    def as_dict(self) -> dict:
        """A JSON-friendly summary for the command's output."""
        return {"day": self.day.isoformat(), "sent": len(self.sent), "already_sent": self.skipped}


def reminder_kind(due: dt.date, day: dt.date, reminder_days: int) -> str | None:
    """The kind of reminder an item due on `due` gets on `day`, or None."""
    left = (due - day).days
    if left < 0:
        return "overdue"
    if left == 0:
        return "due"
    if reminder_days > 0 and left == reminder_days:
        return "before"
    return None


def reminder_text(item: services.WorkItem, kind: str, day: dt.date) -> str:
    """The reminder's sentence, in Vietnamese."""
    values = {
        "kind": item.kind_label, "title": item.title, "owner": item.owner or _("chưa giao"),
        "due": services.format_date(item.due), "n": abs((item.due - day).days) if item.due else 0,
        "review": item.review.code,
    }  # fmt: skip
    if kind == "before":
        return (
            _(
                "Nhắc việc [%(review)s]: %(kind)s “%(title)s” (%(owner)s) đến hạn ngày %(due)s, còn %(n)s ngày."
            )
            % values
        )
    if kind == "due":
        return (
            _("Đến hạn hôm nay [%(review)s]: %(kind)s “%(title)s” (%(owner)s), hạn %(due)s.")
            % values
        )
    return (
        _("Quá hạn %(n)s ngày [%(review)s]: %(kind)s “%(title)s” (%(owner)s), hạn %(due)s.")
        % values
    )


def send_due_reminders(
    day: dt.date | None = None, *, reviews=None, dry_run: bool = False
) -> ReminderRun:
    """Find what is due and tell its owners (and the secretariat when overdue), once per item, kind and day."""
    day = day or services.today()
    run = ReminderRun(day=day)
    for review in reviews if reviews is not None else Review.objects.all():
        for item in services.work_items([review], open_only=True):
            if item.due is None:
                continue
            kind = reminder_kind(item.due, day, review.reminder_days)
            if kind is None:
                continue
            if ReminderLog.objects.filter(item_key=item.key, kind=kind, day=day).exists():
                run.skipped += 1
                continue
            text = reminder_text(item, kind, day)
            if dry_run:
                run.sent.append((item.key, kind, text))
                continue
            try:
                with transaction.atomic():
                    ReminderLog.objects.create(item_key=item.key, kind=kind, day=day)
                    _tell(review, item, kind, text)
            except IntegrityError:  # another run got there first: still once a day
                run.skipped += 1
                continue
            run.sent.append((item.key, kind, text))
    return run


def _tell(review: Review, item: services.WorkItem, kind: str, text: str) -> None:
    """Notify the owner agency's people (and its own address), plus the secretariat when overdue."""
    from tongket.reviews.tasks import send_email

    users = services.agency_users(review, item.owner)
    if kind == "overdue" or not users:
        # Escalation: the secretariat hears of everything late, and of anything nobody else would hear of.
        users = [*users, *services.secretariat_users(review)]
    services.notify(users, review=review, text=text, url=item.url)
    known = {u.email for u in users if u.email}
    agency_address = getattr(item.owner, "email", "")
    if agency_address and agency_address not in known:
        send_email.enqueue(
            subject=f"[Tongket] {text[:120]}",
            body=text + "\n\n— Tongket",
            recipients=[agency_address],
        )
