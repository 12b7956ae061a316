"""The admin: administrators (staff) only, on every method (Django's admin views answer any method).

Each registered model's changelist/add/change/delete/history URLs follow `model_view_rule` (computed
from the name); a model whose admin refuses adding or deleting gives an explicit entry in RULES.
"""

from __future__ import annotations

import re

from django.contrib import admin

from tests.authz import ADMIN, EVERYONE, METHODS, NOBODY, Rule, same_for

ADMIN_EVERY_METHOD = same_for(METHODS, ADMIN)

RULES = {
    "admin:index": Rule(**ADMIN_EVERY_METHOD),
    # Anyone may see the admin's sign-in form; staff are sent on to the index.
    "admin:login": Rule(GET=EVERYONE, POST=EVERYONE, PUT=EVERYONE),
    # Others are sent to the admin's index (which sends them to sign in).
    "admin:logout": Rule(POST=ADMIN, refusal_redirects=("/admin/",)),
    "admin:password_change": Rule(GET=ADMIN, POST=ADMIN, PUT=ADMIN),
    "admin:password_change_done": Rule(GET=ADMIN),
    "admin:jsi18n": Rule(GET=ADMIN),
    "admin:autocomplete": Rule(
        GET=ADMIN, query="?app_label=accounts&model_name=user&field_name=agency&term=hai"
    ),
    # No model has a public page (get_absolute_url), so "view on site" finds nothing, even for staff.
    "admin:view_on_site": Rule(
        GET=NOBODY,
        kwargs=lambda w: {
            "content_type_id": _content_type_id("accounts", "user"),
            "object_id": w.focal_a.pk,
        },
    ),
    "admin:app_list": Rule(**ADMIN_EVERY_METHOD, kwargs=lambda w: {"app_label": "accounts"}),
    # The catch-all answers 404 to staff for unknown admin paths and sends others to sign in.
    "admin/(?P<url>.*)$": Rule(kwargs=lambda w: {"url": "no/such/page/"}),
}

# Models whose admin refuses adding (made elsewhere: tokens and invitations carry a secret shown once;
# axes and the task queue write their own records), and the task results, which are read-only.
for _name in (
    "accounts_apitoken", "accounts_invitation", "axes_accessattempt", "axes_accesslog",
    "axes_accessfailurelog", "django_tasks_database_dbtaskresult", "reports_documentbuild",
):  # fmt: skip
    RULES[f"admin:{_name}_add"] = Rule()
RULES["admin:django_tasks_database_dbtaskresult_change"] = Rule(
    GET=ADMIN, PUT=ADMIN, PATCH=ADMIN, DELETE=ADMIN, kwargs=lambda w: {"object_id": 0}
)
RULES["admin:django_tasks_database_dbtaskresult_delete"] = Rule(kwargs=lambda w: {"object_id": 0})
# Django's UserAdmin names its password page after auth.User whatever the user model is.
RULES["admin:auth_user_password_change"] = Rule(
    **ADMIN_EVERY_METHOD, kwargs=lambda w: {"id": w.focal_a.pk}
)

_VIEW = re.compile(
    r"^admin:(?P<app>[a-z0-9_]+?)_(?P<model>[a-z0-9]+)_(?P<view>changelist|add|change|delete|history)$"
)
_REDIRECT = re.compile(r"^admin/(?P<app>[a-z0-9_]+)/(?P<model>[a-z0-9]+)/<path:object_id>/$")


def _content_type_id(app_label: str, model: str) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get(app_label=app_label, model=model).pk


def _model(app_label: str, model_name: str):
    for model in admin.site._registry:
        if model._meta.app_label == app_label and model._meta.model_name == model_name:
            return model
    return None


def _object_kwargs(model) -> dict:
    first = model._default_manager.order_by("pk").first()
    # No object yet: the admin redirects to its index with a message (still an administrator's page).
    return {"object_id": first.pk if first is not None else 0}


def model_view_rule(key: str) -> Rule | None:
    """The rule of a registered model's admin page (by URL name or, for the old redirect, by route)."""
    match = _VIEW.match(key)
    if match:
        model = _model(match["app"], match["model"])
        if model is None:
            return None
        if match["view"] in ("changelist", "add"):
            return Rule(**ADMIN_EVERY_METHOD)
        return Rule(**ADMIN_EVERY_METHOD, kwargs=lambda w: _object_kwargs(model))
    match = _REDIRECT.match(key)
    if match:
        model = _model(match["app"], match["model"])
        if model is None:
            return None
        return Rule(**ADMIN_EVERY_METHOD, kwargs=lambda w: _object_kwargs(model))
    return None
