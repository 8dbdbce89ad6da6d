"""The web app (`followup serve`): server-rendered pages with htmx, a JSON API under /api/
and the calendar feed, over the same use cases as the CLI (followup.app).

Routes only parse, call a use case and render: no SQL, no mail adapters (an import-linter
contract holds them to it). `create_app(ctx, secret)` (followup.web.app) builds the ASGI app
around one context; `followup serve` runs it with uvicorn on 127.0.0.1.
"""
