"""Test-wide set-up: a local secret key, and the browser options every Playwright test uses."""

from __future__ import annotations

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tongket.settings")
# Tests run the background-task backend immediately, in-process: no worker to start.
os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")

import pytest  # noqa: E402


@pytest.fixture
def world(db):
    """A review with every persona (see tongket/core/testing.py)."""
    from tongket.core.testing import make_world

    return make_world()
