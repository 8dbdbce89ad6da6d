"""Planner speed: a full re-plan of 100,000 applications and incremental re-plans.

Run:  PYTHONPATH=src /work/venv/bin/python bench/planner.py [--apps N] [--seed S]

Prints applications/s of a full re-plan and the median time of re-planning one
application after a new touch, each against a baseline measured in the same
process: a trivial per-application pass that only reads each history once
(sorts its touches and finds the last contact), the floor any planner pays.
"""

from __future__ import annotations

import contextlib

with contextlib.suppress(ModuleNotFoundError):  # bench/ is off sys.path: python -P, or a test
    import benchpath  # noqa: F401  (first: see bench/benchpath.py)

import argparse
import os
import random
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from followup.domain import model
from followup.planner import PlanDefaults, plan_all, plan_application
from followup.playbook import Playbook, load_playbook

PLACES = [
    ("America/New_York", "US"),
    ("America/Los_Angeles", "US"),
    ("Europe/Berlin", "DE"),
    ("Europe/London", "GB"),
    ("Asia/Tokyo", "JP"),
]
NOW = datetime(2026, 6, 15, 12, tzinfo=ZoneInfo("UTC"))
DEFAULTS = PlanDefaults(user_tz="America/New_York", user_country="US")


def make_people(rnd: random.Random, app_id: int) -> tuple[model.Person, ...]:
    people = [
        model.Person(app_id * 10, app_id, "Recruiter", "r@acme.test", "+1 555 0100",
               model.PersonRole.RECRUITER),
    ]  # fmt: skip
    for k in range(1, rnd.randint(1, 3) + 1):
        tz, country = rnd.choice(PLACES) if rnd.random() < 0.2 else (None, None)
        email = f"p{k}@acme.test" if rnd.random() < 0.9 else None
        people.append(
            model.Person(app_id * 10 + k, app_id, f"Interviewer {k}", email, None,
                         model.PersonRole.INTERVIEWER, connection=rnd.random() < 0.1, tz=tz,
                         country=country)
        )  # fmt: skip
    return tuple(people)


def make_history(rnd: random.Random, app_id: int) -> model.History:
    """One application somewhere in its life: applied, scheduled, waiting, closed."""
    tz, country = rnd.choice(PLACES)
    zone = ZoneInfo(tz)
    created = datetime(2026, 1, 5, 9, tzinfo=zone) + timedelta(days=rnd.randint(0, 150))
    app = model.Application(app_id, "Acme", "Engineer", created, country=country, tz=tz)
    people = make_people(rnd, app_id)
    if rnd.random() < 0.1:
        return model.History(app, people)  # applied, no interview yet
    interviews, touches = [], []
    start = created + timedelta(days=rnd.randint(3, 30), hours=rnd.randint(0, 8))
    for round_no in range(rnd.randint(1, 2)):
        decision = (start + timedelta(days=10)).date() if rnd.random() < 0.4 else None
        ids = tuple(p.id for p in people[1:])
        kind = rnd.choice(list(model.InterviewKind))
        iv = model.Interview(app_id * 10 + round_no, app_id, start, kind, ids,
                       end=start + timedelta(hours=1), decision_by=decision)  # fmt: skip
        interviews.append(iv)
        moment = start + timedelta(hours=5)
        for person in people[1:]:
            if rnd.random() < 0.7:
                touches.append(
                    _touch(app_id, len(touches), moment, model.TouchKind.THANK_YOU, person.id)
                )
        for kind_ in (model.TouchKind.ESTIMATE_REQUEST, model.TouchKind.FINAL_NOTE):
            moment += timedelta(days=rnd.randint(7, 10))
            if rnd.random() < 0.5:
                touches.append(_touch(app_id, len(touches), moment, kind_, people[0].id))
        if rnd.random() < 0.3:
            moment += timedelta(days=2)
            touches.append(_touch(app_id, len(touches), moment, model.TouchKind.REPLY, people[0].id,
                                  model.Direction.IN))  # fmt: skip
        start = moment + timedelta(days=rnd.randint(3, 14))
    if rnd.random() < 0.15:
        app = replace(app, outcome=rnd.choice(list(model.Outcome)), outcome_at=start)
    return model.History(app, people, tuple(interviews), tuple(touches))


def _touch(
    app_id: int, n: int, at: datetime, kind: model.TouchKind, person: int,
    direction: model.Direction = model.Direction.OUT,
) -> model.Touch:  # fmt: skip
    return model.Touch(
        app_id * 100 + n, app_id, at, model.Channel.EMAIL, direction, kind, person_id=person
    )


def baseline_pass(history: model.History) -> tuple[int, datetime | None]:
    """The floor: read the history once (sort touches, find the last outbound one)."""
    touches = sorted(history.touches, key=lambda t: t.at)
    last = None
    for touch in touches:
        if touch.direction is model.Direction.OUT:
            last = touch.at
    return history.application.id, last


def best_of(runs: int, work: Callable[[], object]) -> tuple[float, float]:
    """The best (wall-clock, CPU) seconds of `runs` runs: the least disturbed by other load."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def full_replan(histories: list[model.History], playbook: Playbook, runs: int) -> list[model.Plan]:
    plans: list[model.Plan] = []

    def planner() -> None:
        plans[:] = plan_all(histories, playbook, NOW, DEFAULTS)

    def baseline() -> None:
        for history in histories:
            baseline_pass(history)

    count = len(histories)
    wall, cpu = best_of(runs, planner)
    base_wall, base_cpu = best_of(runs, baseline)
    actions = sum(len(p.actions) for p in plans)
    print(
        f"full re-plan: {count / wall:,.0f} applications/s wall ({wall:.2f} s), "
        f"{count / cpu:,.0f}/s CPU ({cpu:.2f} s); {actions} actions; best of {runs}"
    )
    print(
        f"baseline pass: {count / base_wall:,.0f} applications/s wall ({base_wall:.3f} s), "
        f"{count / base_cpu:,.0f}/s CPU"
    )
    print(f"ratio planner/baseline time: {wall / base_wall:.1f}x wall, {cpu / base_cpu:.1f}x CPU")
    return plans  # fmt: skip


def incremental(
    histories: list[model.History], playbook: Playbook, rnd: random.Random, samples: int
) -> None:
    planner_times, baseline_times = [], []
    for history in rnd.sample(histories, min(samples, len(histories))):
        last = max((t.at for t in history.touches), default=history.application.created_at)
        new = _touch(history.application.id, 99, last + timedelta(days=1), model.TouchKind.REPLY,
                     history.people[0].id, model.Direction.IN)  # fmt: skip
        updated = replace(history, touches=(*history.touches, new))
        started = time.perf_counter()
        plan_application(updated, playbook, NOW, DEFAULTS)
        planner_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        baseline_pass(updated)
        baseline_times.append(time.perf_counter() - started)
    p_ms = statistics.median(planner_times) * 1000
    b_ms = statistics.median(baseline_times) * 1000
    p99 = sorted(planner_times)[int(len(planner_times) * 0.99)] * 1000
    print(f"incremental re-plan after a new touch: median {p_ms:.3f} ms, p99 {p99:.3f} ms "
          f"(baseline median {b_ms:.4f} ms, ratio {p_ms / b_ms:.1f}x; "
          f"{len(planner_times)} samples)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--apps", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--incremental", type=int, default=2000)
    args = parser.parse_args()
    rnd = random.Random(args.seed)
    playbook = load_playbook("seed")
    histories = [make_history(rnd, app_id) for app_id in range(1, args.apps + 1)]
    touches = sum(len(h.touches) for h in histories)
    print(f"{args.apps} applications, {touches} touches, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}")  # fmt: skip
    list(plan_all(histories[:2000], playbook, NOW, DEFAULTS))  # warm the calendar caches
    plans = full_replan(histories, playbook, args.runs)
    incremental(histories, playbook, rnd, args.incremental)
    stages = Counter(p.stage.value for p in plans)
    print("stages at " + NOW.date().isoformat() + ": " + ", ".join(
        f"{stage} {count}" for stage, count in stages.most_common()))  # fmt: skip


if __name__ == "__main__":
    main()
