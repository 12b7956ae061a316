"""The REST API (django-ninja): OpenAPI at /api/openapi.json, docs at /api/docs.

Each app adds its router in its own `api.py`; they are mounted here.
"""

from __future__ import annotations

from ninja import NinjaAPI

api = NinjaAPI(
    title="Tongket API",
    version="1",
    description="API của Tongket: đợt tổng kết, nghị quyết, chỉ tiêu, chỉ số, địa bàn, cơ quan, số liệu.",
    urls_namespace="api",
)

# Each app's router, mounted by import path so that apps stay independent of each other.
for _prefix, _router in [
    ("/", "tongket.organizations.api.router"),
    ("/", "tongket.resolutions.api.router"),
    ("/", "tongket.reviews.api.router"),
    ("/", "tongket.figures.api.router"),
    ("/", "tongket.assessment.api.router"),
    ("/", "tongket.reports.api.router"),
]:
    api.add_router(_prefix, _router)
