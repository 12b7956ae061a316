"""Reminders: before the deadline, on it, and escalated when overdue; once per item, kind and day."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from tongket.figures.models import DataRequest
from tongket.reviews import services
from tongket.reviews.models import Notification, ReminderLog
from tongket.reviews.reminders import reminder_kind, send_due_reminders


def test_the_kind_depends_on_the_days_left():
    due = dt.date(2018, 4, 30)
    assert reminder_kind(due, dt.date(2018, 4, 27), 3) == "before"
    assert reminder_kind(due, dt.date(2018, 4, 28), 3) is None
    assert reminder_kind(due, due, 3) == "due"
    assert reminder_kind(due, dt.date(2018, 5, 1), 3) == "overdue"
    assert reminder_kind(due, dt.date(2018, 4, 30) - dt.timedelta(days=3), 0) is None


@pytest.fixture
def task(world):
    return services.add_task(
        world.review,
        world.secretariat,
        title="Tập hợp số liệu",
        owner=world.agency_a,
        deadline=dt.date(2018, 4, 30),
    )


def test_a_reminder_goes_to_the_owner_three_days_before_and_only_once_that_day(world, task):
    mail.outbox.clear()
    Notification.objects.all().delete()
    run = send_due_reminders(dt.date(2018, 4, 27))
    assert [(key, kind) for key, kind, _ in run.sent] == [(f"task:{task.pk}", "before")]
    assert [m.to for m in mail.outbox] == [[world.focal_a.email]]
    assert "còn 3 ngày" in mail.outbox[0].body
    assert Notification.objects.filter(user=world.focal_a).count() == 1
    again = send_due_reminders(dt.date(2018, 4, 27))
    assert again.sent == [] and again.skipped == 1
    assert len(mail.outbox) == 1


def test_an_overdue_item_is_escalated_to_the_secretariat_every_day(world, task):
    mail.outbox.clear()
    send_due_reminders(dt.date(2018, 5, 2))
    recipients = sorted(address for m in mail.outbox for address in m.to)
    assert recipients == sorted([world.focal_a.email, world.secretariat.email])
    assert "Quá hạn 2 ngày" in mail.outbox[0].subject
    send_due_reminders(dt.date(2018, 5, 3))
    assert ReminderLog.objects.filter(kind="overdue").count() == 2


def test_done_items_get_no_reminder(world, task):
    services.complete_task(task, world.focal_a)
    assert send_due_reminders(dt.date(2018, 5, 2)).sent == []


def test_data_requests_sections_and_milestones_are_reminded_too(world):
    services.add_milestone(
        world.review,
        world.secretariat,
        title="Mốc",
        deadline=dt.date(2018, 4, 30),
        owner=world.agency_b,
    )
    services.assign_section(
        world.section_a, world.secretariat, lead_agency=world.agency_a, due=dt.date(2018, 4, 30)
    )
    DataRequest.objects.create(
        review=world.review,
        code="YC1",
        agency=world.agency_c,
        title="Số liệu GRDP",
        deadline=dt.date(2018, 4, 30),
    )
    run = send_due_reminders(dt.date(2018, 4, 30))
    assert sorted(key.split(":")[0] for key, kind, _ in run.sent if kind == "due") == [
        "milestone",
        "request",
        "section",
    ]


def test_the_command_prints_a_summary_and_a_dry_run_sends_nothing(world, task, capsys):
    call_command("send_reminders", "--date", "2018-04-30", "--dry-run")
    out = capsys.readouterr().out
    assert json.loads(out.strip().splitlines()[-1])["sent"] == 1
    assert not ReminderLog.objects.exists()
    call_command("send_reminders", "--date", "2018-04-30")
    assert ReminderLog.objects.count() == 1


def test_the_command_refuses_a_bad_date_and_an_unknown_review(world):
    with pytest.raises(CommandError, match="ngày không hợp lệ") as bad:
        call_command("send_reminders", "--date", "30/04/2018")
    assert bad.value.returncode == 2
    with pytest.raises(CommandError, match="Không có đợt tổng kết: nope"):
        call_command("send_reminders", "--review", "nope")
