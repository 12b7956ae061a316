"""Tests of the reviews app run background tasks (e-mails) immediately, in-process.

The root conftest sets TASKS_BACKEND too late (pytest-django has loaded the settings by then), so the
backend is overridden here through the settings fixture, which resets django-tasks' connections.
"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    """Run django-tasks tasks at enqueue time."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
