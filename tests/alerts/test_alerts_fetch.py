"""The HTTP client of the sources against a local server: conditional GET, the size and time
caps, retries with backoff, the per-host rate limit, the User-Agent."""

from __future__ import annotations

import time

import pytest
from boards import Boards

from followup.alerts.fetch import USER_AGENT, Fetcher, FetchError


def fetcher(**options: object) -> tuple[Fetcher, list[float]]:
    pauses: list[float] = []
    settings = {"timeout": 2.0, "deadline": 1.0, "per_host_interval": 0.0, "backoff": 0.01}
    made = Fetcher(**(settings | options), sleep=pauses.append)  # type: ignore[arg-type]
    return made, pauses


def test_a_conditional_get_answered_304_is_nothing_new(boards: Boards) -> None:
    boards.serve("/jobs", body=b"[]", etag='"v1"')
    client, _ = fetcher()
    first = client.get(boards.url + "/jobs")
    assert (first.body, first.etag) == (b"[]", '"v1"')
    again = client.get(boards.url + "/jobs", etag=first.etag)
    assert again.body is None
    assert boards.requests[1].headers["If-None-Match"] == '"v1"'
    assert boards.requests[0].headers["User-Agent"] == USER_AGENT
    assert USER_AGENT.startswith("followup/")


def test_a_response_too_large_is_cut_off(boards: Boards) -> None:
    boards.serve("/huge", behaviour="huge")
    boards.serve("/declared", body=b"x" * 3000)
    client, _ = fetcher(max_bytes=1000 * 1000, deadline=30.0)
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        client.get(boards.url + "/huge")
    assert caught.value.code == "alerts.fetch-too-large"
    assert time.monotonic() - started < 10
    small, _ = fetcher(max_bytes=2000)
    with pytest.raises(FetchError) as caught:
        small.get(boards.url + "/declared")  # refused on its Content-Length
    assert caught.value.code == "alerts.fetch-too-large"


def test_a_response_that_never_ends_is_given_up(boards: Boards) -> None:
    boards.serve("/endless", behaviour="endless")
    client, _ = fetcher(deadline=0.5)
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        client.get(boards.url + "/endless")
    assert caught.value.code == "alerts.fetch-too-slow"
    assert time.monotonic() - started < 5


def test_busy_answers_are_retried_with_growing_pauses(boards: Boards) -> None:
    boards.serve("/flaky", body=b"[]", behaviour="flaky", failures_left=2)
    client, pauses = fetcher(backoff=0.1)
    assert client.get(boards.url + "/flaky").body == b"[]"
    assert len(boards.requests) == 3
    assert len(pauses) == 2  # Retry-After: 0 means the backoff's own pause
    assert 0.05 <= pauses[0] <= 0.15 and 0.1 <= pauses[1] <= 0.3  # doubled, with jitter


def test_retries_end_in_a_clear_error_and_a_404_is_not_retried(boards: Boards) -> None:
    boards.serve("/down", body=b"", behaviour="flaky", failures_left=10)
    client, _ = fetcher(retries=2)
    with pytest.raises(FetchError, match="HTTP 503") as caught:
        client.get(boards.url + "/down")
    assert caught.value.code == "alerts.fetch-failed"
    assert len(boards.requests) == 3
    with pytest.raises(FetchError, match="HTTP 404"):
        client.get(boards.url + "/missing")
    assert len(boards.requests) == 4


def test_one_host_is_asked_at_most_once_per_interval(boards: Boards) -> None:
    boards.serve("/a", body=b"[]")
    client, pauses = fetcher(per_host_interval=5.0)
    client.get(boards.url + "/a")
    client.get(boards.url + "/a")
    assert len(pauses) == 1 and 4.0 < pauses[0] <= 5.0
