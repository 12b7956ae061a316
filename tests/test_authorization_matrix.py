"""The authorization matrix: every URL of the project × every persona × every method, against one table.

The table lives in tests/authz/ (one module per app; see tests/authz/__init__.py for how to add a URL).
A URL pattern (page, HTMX partial, download, admin, API operation) that the table does not cover fails
`test_every_url_is_in_the_table`, naming it.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
from urllib.parse import urlencode

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests.authz as authz
from tests.authz import METHODS, PERSONAS, Rule
from tests.authz.admin import model_view_rule

# API operations are checked by their OpenAPI path (API_RULES), not by the URL names ninja gives them.
API_DOCUMENT_NAMES = {"api:openapi-json", "api:openapi-view"}


def load_tables() -> tuple[dict[str, Rule], dict[str, Rule]]:
    """Every module's RULES and API_RULES, merged; a key declared twice is an error."""
    rules: dict[str, Rule] = {}
    api_rules: dict[str, Rule] = {}
    for info in sorted(pkgutil.iter_modules(authz.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"tests.authz.{info.name}")
        for source, target in (
            (getattr(module, "RULES", {}), rules),
            (getattr(module, "API_RULES", {}), api_rules),
        ):
            for key, rule in source.items():
                if key in target:
                    raise AssertionError(
                        f"{key!r} is declared twice in tests/authz (again in {info.name}.py)"
                    )
                target[key] = rule
    return rules, api_rules


RULES, API_RULES = load_tables()


def walk(patterns, prefix: str = "", namespace: str | None = None):
    """(key, route, pattern) of every URL pattern: the key is the namespaced name, else the route."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            full = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), full)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield name or route, route, pattern


def project_urls() -> tuple[dict[str, str], set[str]]:
    """key → route for every URL pattern of the root URLconf except ninja's per-operation names, and
    which keys are names (the others are routes of unnamed patterns)."""
    found: dict[str, str] = {}
    named: set[str] = set()
    for key, route, pattern in walk(get_resolver().url_patterns):
        if key.startswith("api:") and key not in API_DOCUMENT_NAMES:
            continue
        found.setdefault(key, route)
        if pattern.name:
            named.add(key)
    return found, named


def api_paths() -> dict[str, set[str]]:
    """OpenAPI path → methods, from the live schema."""
    from tongket.api import api

    schema = api.get_openapi_schema()
    return {path: {m.upper() for m in ops} for path, ops in schema["paths"].items()}


URLS, NAMED = project_urls()
API_PATHS = api_paths()


def rule_for(key: str) -> Rule | None:
    """The table's rule for a URL key (explicit entries win over the admin's computed ones)."""
    return RULES.get(key) or model_view_rule(key)


def test_every_url_is_in_the_table():
    missing = sorted(key for key in URLS if rule_for(key) is None)
    missing_api = sorted(path for path in API_PATHS if path not in API_RULES)
    message = []
    if missing:
        message.append(
            "URL names with no entry in the authorization table (add them to tests/authz/<app>.py, "
            "see tests/authz/__init__.py):\n  " + "\n  ".join(f"{k}  ({URLS[k]})" for k in missing)
        )
    if missing_api:
        message.append(
            "API paths with no entry in API_RULES (tests/authz/<app>.py):\n  "
            + "\n  ".join(missing_api)
        )
    assert not message, "\n".join(message)


def test_the_table_names_only_urls_that_exist():
    stale = sorted(set(RULES) - set(URLS))
    stale_api = sorted(set(API_RULES) - set(API_PATHS))
    assert not stale and not stale_api, f"entries for URLs that do not exist: {stale + stale_api}"


# --- Requests ---------------------------------------------------------------------------------------

LOGIN_PATHS = ("/accounts/login/", "/admin/login/")


def build_path(key: str, route: str, kwargs: dict) -> str:
    """The URL of a key: reversed by name, or the route with its parameters filled in."""
    if key in NAMED:
        return reverse(key, kwargs=kwargs or None)
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m[1]]), route)
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(kwargs[m[1]]), path)
    return "/" + path.lstrip("^").rstrip("$")


def is_login_redirect(response) -> bool:
    """A redirect to a sign-in page with ?next= (how pages refuse anonymous people)."""
    if response.status_code not in (301, 302, 303, 307, 308):
        return False
    location = response.headers.get("Location", "")
    return (
        any(location.startswith(p) or f"{p}?" in location for p in LOGIN_PATHS)
        and "next=" in location
    )


def send(client: Client, method: str, path: str, rule: Rule, world, api: bool):
    """One request in a savepoint that is rolled back, so that it changes nothing for the next."""
    body = rule.data(world) if rule.data else {}
    headers = dict(rule.headers)
    with transaction.atomic():
        if method == "GET":
            response = client.get(path + rule.query, headers=headers)
        elif api:
            response = client.generic(
                method,
                path + rule.query,
                json.dumps(body),
                content_type="application/json",
                headers=headers,
            )
        else:
            response = client.generic(
                method,
                path + rule.query,
                urlencode(body, doseq=True),
                content_type="application/x-www-form-urlencoded",
                headers=headers,
            )
        transaction.set_rollback(True)
    return response


def verdict(
    response, rule: Rule, allowed: bool, method_allowed_to_someone: bool, api: bool
) -> str | None:
    """None when the answer matches the table, else what is wrong."""
    status = response.status_code
    location = response.headers.get("Location", "")
    refused = status in (401, 403, 404) or is_login_redirect(response)
    if status in (301, 302, 303, 307, 308) and any(
        location.startswith(p) for p in rule.refusal_redirects
    ):
        refused = True
    if not method_allowed_to_someone and status == 405:
        refused = True
    if allowed:
        if refused or status == 405:
            return f"expected allowed, got {status} {response.headers.get('Location', '')}"
        if status >= 500:
            return f"expected allowed, got server error {status}"
        return None
    if refused:
        if api and status == 302:
            return "the API must answer 401/403/404, not redirect"
        return None
    return f"expected refused, got {status} {response.headers.get('Location', '')}"


_CLIENT: list[Client] = []


def shared_client() -> Client:
    """One test client for the whole run: building its middleware (whitenoise scans the static files)
    costs more than all of a URL's requests."""
    if not _CLIENT:
        _CLIENT.append(Client())
    return _CLIENT[0]


def check(world, key: str, path_for, rule: Rule, api: bool) -> list[str]:
    """Every persona × method on one URL; the list of mismatches."""
    problems = []
    kwargs = rule.kwargs(world)
    path = path_for(kwargs)
    client = shared_client()
    for persona in PERSONAS:
        client.logout()
        user = world.persona(persona)
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        for method in METHODS:
            allowed_personas = rule.allowed(method)
            try:
                response = send(client, method, path, rule, world, api)
            except Exception as exc:  # a traceback is always a failure; report it with the others
                problems.append(
                    f"{method:6} {path} as {persona}: raised {type(exc).__name__}: {exc}"
                )
                continue
            problem = verdict(
                response, rule, persona in allowed_personas, bool(allowed_personas), api
            )
            if problem:
                problems.append(f"{method:6} {path} as {persona}: {problem}")
    return problems


@pytest.mark.parametrize("key", sorted(k for k in URLS if rule_for(k) is not None))
def test_url_obeys_the_table(world, key):
    rule = rule_for(key)
    problems = check(world, key, lambda kw: build_path(key, URLS[key], kw), rule, api=False)
    assert not problems, f"{key}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("path", sorted(p for p in API_PATHS if p in API_RULES))
def test_api_operation_obeys_the_table(world, path):
    rule = API_RULES[path]
    problems = check(world, path, lambda kw: path.format(**kw), rule, api=True)
    assert not problems, f"{path}:\n  " + "\n  ".join(problems)
