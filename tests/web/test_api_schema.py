"""API tests generated from the OpenAPI document (schemathesis): whatever the client sends
within or outside the schema, no 5xx, and every answer has a documented status, content
type and shape. Runs against the app with a small search already in it, through the same
guards as the browser (cookie and CSRF token sent with every call)."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from fastapi.routing import APIRoute
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from webtools import Served, seed_search

from followup.app.context import Context
from followup.web.api import router as api_router
from followup.web.app import create_app
from followup.web.outbox import router as outbox_router
from followup.web.review import router as review_router
from followup.web.stats import router as stats_router

HOST = "127.0.0.1"

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


# Every operation of the API, read from its router (no app needed to collect the tests).
OPERATIONS = sorted(
    (method, route.path)
    for router in (api_router, outbox_router, review_router, stats_router)
    for route in router.routes
    if isinstance(route, APIRoute) and route.include_in_schema
    for method in route.methods
)


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_the_api_keeps_its_document(
    web_ctx: Context, secret: bytes, method: str, path: str
) -> None:
    seed_search(web_ctx, profile=True)
    app = create_app(web_ctx, secret)
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app, headers={"Host": HOST})
    operation = schema[path][method]
    headers = Served(f"http://{HOST}", web_ctx, secret).csrf()

    @given(case=operation.as_strategy())
    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    def call(case: Any) -> None:
        case.call_and_validate(base_url=f"http://{HOST}", headers=headers, checks=CHECKS)

    call()
