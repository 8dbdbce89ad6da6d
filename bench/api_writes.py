"""What a write costs through the JSON API and through the web form that calls the same use
case: logging a contact (`POST /api/applications/ID/touches` against `POST
/apps/ID/touches/new`), in-process (Starlette's test client, through the guards), over a
seeded home of `--apps` applications.

CPU time of this process per request (the machine is shared: wall time would measure the
neighbours), the two kinds alternated call by call so that both see the same load; the
median and p90 of each, and their ratio.

    python bench/api_writes.py [--apps 500] [--calls 200]
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _seed_of_web_bench() -> object:
    """bench/web.py's seeding (500 applications, each with a person and an interview)."""
    spec = importlib.util.spec_from_file_location("bench_web", HERE / "web.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.seed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--apps", type=int, default=500)
    parser.add_argument("--calls", type=int, default=200)
    args = parser.parse_args()
    seed = _seed_of_web_bench()

    from starlette.testclient import TestClient

    from followup.app.root import build_context
    from followup.config import load_settings
    from followup.web.app import create_app
    from followup.web.secret import load_web_secret

    home = Path(tempfile.mkdtemp(prefix="followup-bench-api-"))
    seed(home, args.apps)  # type: ignore[operator]
    ctx = build_context(load_settings({"FOLLOWUP_HOME": str(home), "FOLLOWUP_USER_TZ": "UTC"}))
    client = TestClient(create_app(ctx, load_web_secret(home)), base_url="http://127.0.0.1:8150")
    token = client.get("/api/session").json()["csrf_token"]
    at = "2026-01-05T09:30"
    contact = {"at": at, "channel": "email", "direction": "in", "kind": "reply"}

    def api(app_id: int) -> int:
        answer = client.post(
            f"/api/applications/{app_id}/touches",
            json=contact,
            headers={"X-CSRF-Token": token},
        )
        return answer.status_code

    def form(app_id: int) -> int:
        fields = {**contact, "csrf_token": token}
        answer = client.post(f"/apps/{app_id}/touches/new", data=fields, follow_redirects=False)
        return answer.status_code

    spent: dict[str, list[float]] = {"api": [], "form": []}
    for n in range(args.calls):
        app_id = 1 + n % args.apps
        for name, call, ok in (("api", api, 201), ("form", form, 303))[:: 1 if n % 2 else -1]:
            before = time.process_time()
            status = call(app_id)
            spent[name].append(time.process_time() - before)
            assert status == ok, (name, status)
    print(f"{args.apps} applications, {args.calls} contacts logged each way, CPU ms per call:")
    for name, times in spent.items():
        ms = sorted(t * 1000 for t in times)
        p90 = ms[int(len(ms) * 0.9)]
        print(f"  {name:5} median {statistics.median(ms):7.2f}  p90 {p90:7.2f}")
    ratio = statistics.median(spent["api"]) / statistics.median(spent["form"])
    print(f"  api / form (medians): {ratio:.2f}")
    ctx.close()


if __name__ == "__main__":
    sys.exit(main())
