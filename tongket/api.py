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
