"""Background tasks (django-tasks): thin wrappers around the services."""

from __future__ import annotations

from django_tasks import task

from tongket.reports import services


@task()
def build_document(build_id: int) -> None:
    """Build one requested document (see services.run_build)."""
    services.run_build(build_id)
