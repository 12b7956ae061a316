"""Background tasks of the review workflow (django-tasks): e-mails go out here, never in a request.

`tongket db_worker` runs them from the database queue in production; tests use the immediate backend.
Arguments are plain JSON values, as the database backend stores them.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task

logger = logging.getLogger("tongket")


@task()
def send_email(subject: str, body: str, recipients: list[str]) -> int:
    """Send one plain-text e-mail to the recipients; returns how many messages went out."""
    if not recipients:
        return 0
    sent = send_mail(
        subject=subject.replace("\n", " ")[:200],
        message=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=recipients,
        fail_silently=False,
    )
    logger.info("e-mail %r sent to %d recipient(s)", subject, len(recipients))
    return sent
