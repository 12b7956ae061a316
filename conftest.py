"""Test-wide set-up: background tasks run immediately, and the `world` of named personas."""

from __future__ import annotations

import pytest

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def test_settings(settings):
    """Background tasks run in-process as they are enqueued (no worker to start), and passwords hash
    fast: the world has eight accounts and PBKDF2 would dominate the suite's time."""
    settings.TASKS = IMMEDIATE_TASKS
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    """A review with every persona (see tongket/core/testing.py)."""
    from tongket.core.testing import make_world

    return make_world()
