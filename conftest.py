"""Test-wide set-up: background tasks run immediately, and the `world` of named personas."""

from __future__ import annotations

import pytest

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    """Tests run background tasks in-process as they are enqueued: no worker to start."""
    settings.TASKS = IMMEDIATE_TASKS


@pytest.fixture
def world(db):
    """A review with every persona (see tongket/core/testing.py)."""
    from tongket.core.testing import make_world

    return make_world()
