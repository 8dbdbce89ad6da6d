"""API tests generated from the OpenAPI document (schemathesis): whatever the client sends
within or outside the schema, no 5xx, and every answer has a documented status, content
type and shape. Runs against the app with a small search already in it, through the same
guards as the browser (cookie and CSRF token sent with every call). Half the calls name
the seeded records in their path (the application, its person, interview, contact and
first planned action), so that the writes reach their use cases, not only the 404 of an
unknown id."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from fastapi.routing import APIRoute
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from webtools import Served, seed_search

from followup.app.context import Context
from followup.web.api import router as api_router
from followup.web.api_mail import router as mail_router
from followup.web.api_records import router as records_router
from followup.web.api_settings import router as settings_router
from followup.web.api_uploads import router as uploads_router
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
    for router in (
        api_router,
        records_router,
        mail_router,
        settings_router,
        uploads_router,
        outbox_router,
        review_router,
        stats_router,
    )
    for route in router.routes
    if isinstance(route, APIRoute) and route.include_in_schema
    for method in route.methods
)


def seeded_ids(ctx: Context) -> dict[str, Any]:
    """The seeded search's ids, by the name of the path parameter that takes them."""
    from datetime import datetime

    from followup.app.planning import plan_applications
    from followup.app.touches import NewTouch, add_touch
    from followup.domain.model import Channel, Direction, TouchKind

    interview_id = seed_search(ctx, profile=True)
    reply = NewTouch(1, datetime(2026, 3, 4, 9, 0), Channel.EMAIL, Direction.IN, TouchKind.REPLY)
    touch = add_touch(ctx, reply)
    (planned,) = plan_applications(ctx)
    actions = [a.id for a in planned.plan.actions]
    return {
        "app_id": planned.history.application.id,
        "person_id": planned.history.people[0].id,
        "interview_id": interview_id,
        "action_id": actions[0],
        "touch_id": touch.id,
    }


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_the_api_keeps_its_document(
    web_ctx: Context, secret: bytes, method: str, path: str
) -> None:
    known = seeded_ids(web_ctx)
    app = create_app(web_ctx, secret)
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app, headers={"Host": HOST})
    operation = schema[path][method]
    headers = Served(f"http://{HOST}", web_ctx, secret).csrf()

    @given(case=operation.as_strategy(), seeded=st.booleans())
    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    def call(case: Any, seeded: bool) -> None:
        if seeded and case.path_parameters:
            case.path_parameters = {
                name: known.get(name, value) for name, value in case.path_parameters.items()
            }
        case.call_and_validate(base_url=f"http://{HOST}", headers=headers, checks=CHECKS)

    call()
