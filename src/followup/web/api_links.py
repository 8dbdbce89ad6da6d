"""OpenAPI links of the JSON API: what a created record's id may be used for next (the
application added -> show, change, delete it, add its people...). Clients and generated
stateful tests follow them; they are added to the document FastAPI makes from the routes."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

APP = "/api/applications/{app_id}"
# (the creating call, its status) -> link name -> (operation it feeds, its parameter)
LINKS: dict[tuple[str, str], dict[str, tuple[str, str, str]]] = {
    ("/api/applications", "post"): {
        "ShowIt": (APP, "get", "app_id"),
        "ChangeIt": (APP, "patch", "app_id"),
        "DeleteIt": (APP, "delete", "app_id"),
        "MoveIt": (f"{APP}/move", "post", "app_id"),
        "RecordItsOutcome": (f"{APP}/outcome", "post", "app_id"),
        "SetItsOffer": (f"{APP}/offer", "put", "app_id"),
        "AddAPerson": (f"{APP}/people", "post", "app_id"),
        "AddAnInterview": (f"{APP}/interviews", "post", "app_id"),
        "LogAContact": (f"{APP}/touches", "post", "app_id"),
    },
    (f"{APP}/people", "post"): {
        "ChangeThem": ("/api/people/{person_id}", "patch", "person_id"),
        "MergeIntoThem": ("/api/people/{person_id}/merge", "post", "person_id"),
        "DeleteThem": ("/api/people/{person_id}", "delete", "person_id"),
    },
    (f"{APP}/interviews", "post"): {
        "ChangeIt": ("/api/interviews/{interview_id}", "patch", "interview_id"),
        "DeleteIt": ("/api/interviews/{interview_id}", "delete", "interview_id"),
    },
    (f"{APP}/touches", "post"): {
        "DeleteIt": ("/api/touches/{touch_id}", "delete", "touch_id"),
    },
}


def _ref(path: str, method: str) -> str:
    """A JSON pointer to an operation of the document (RFC 6901 escapes)."""
    return "#/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + method


def add_links(web: FastAPI) -> None:
    """Put LINKS in the app's OpenAPI document (made once, when first asked for)."""
    make = web.openapi

    def openapi() -> dict[str, Any]:
        if web.openapi_schema:
            return web.openapi_schema
        document = make()
        for (path, method), links in LINKS.items():
            created = document["paths"][path][method]["responses"]["201"]
            created["links"] = {
                name: {
                    "operationRef": _ref(target, how),
                    "parameters": {parameter: "$response.body#/id"},
                }
                for name, (target, how, parameter) in links.items()
            }
        return document

    web.openapi = openapi  # type: ignore[method-assign]
