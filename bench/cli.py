"""How fast the everyday commands answer on the demo data.

Runs each real command in fresh interpreters (start-up is what a user waits for): `today`,
`plan --json`, `app list`, `app show`, `app add`, `touch add`, `done`, `draft` and `lint`,
and in the same run a bare interpreter (`python -c pass`) and, if installed, todoman's
`todo list`. Modules run from bytecode, as after `pip install`, kept in the bench's folder.
A write is taken back after each run (`followup undo`, not timed), so every
run sees the same data. Prints the medians of wall time and of CPU time (user + system: what
a busy machine still measures fairly) and ratios; the budget is 0.25 s a command.

`--against OLD/src` times another version of the code in the same run, each command of
both versions alternately, each with its own demo data and bytecode, for a fair comparison
on a loaded machine.

    python bench/cli.py [--runs 11] [--against OLD/src]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

SRC = Path(__file__).resolve().parent.parent / "src"
BUDGET = 0.25
TOUCH = ["--direction", "in", "--kind", "reply", "--at", "2026-01-05T09:00"]
ACTION = "1-i1-thank-you-p1"  # the demo's thank-you to Dana at Acme, due today


class Timing(NamedTuple):
    wall: float  # seconds
    cpu: float  # seconds of user + system time of the command's process


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def run_once(argv: list[str], env: dict[str, str], after: list[str] | None) -> Timing:
    """One run of `argv`; `after` (untimed) puts the data back."""
    cpu, start = _children_cpu(), time.perf_counter()
    done = subprocess.run(argv, env=env, check=False, capture_output=True)
    timing = Timing(time.perf_counter() - start, _children_cpu() - cpu)
    if done.returncode not in (0, 1):  # lint says 1 when it has findings
        raise SystemExit(f"{' '.join(argv)}: {done.stderr.decode()}")
    if after is not None:
        subprocess.run(after, env=env, check=True, capture_output=True)
    return timing


def median(timings: list[Timing]) -> Timing:
    return Timing(
        statistics.median(t.wall for t in timings), statistics.median(t.cpu for t in timings)
    )


def timed(argv: list[str], env: dict[str, str], runs: int, after: list[str] | None) -> Timing:
    """The median times of `argv`; `after` (untimed) puts the data back each time."""
    return median([run_once(argv, env, after) for _ in range(runs)])


def demo_home(name: str, src: Path = SRC) -> tuple[Path, dict[str, str]]:
    """A new data home holding the demo search, and the environment of a run in it of the
    code in `src`."""
    root = Path(tempfile.mkdtemp(prefix=f"followup-bench-{name}-"))
    home = root / "home"
    env = {**os.environ, "PYTHONPATH": str(src), "FOLLOWUP_HOME": str(home)}
    env.pop("FOLLOWUP_DATABASE_URL", None)
    # As installed by pip, followup runs from bytecode; a shell that forbids writing it
    # (PYTHONDONTWRITEBYTECODE) would time the compiling of every module instead. The
    # bytecode goes to the bench's own folder, not next to the sources.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(root / "pycache")
    env["XDG_CACHE_HOME"] = str(root / "cache")  # what followup keeps between runs
    demo = [sys.executable, "-m", "followup", "demo", "--home", str(home)]
    subprocess.run(demo, env=env, check=True, stdout=subprocess.DEVNULL)
    return home, env


def time_cases(
    cases: dict[str, list[str]], env: dict[str, str], runs: int, after: dict[str, list[str]]
) -> dict[str, Timing]:
    """The median times of each case, after one warm-up each (the same file cache for all);
    `after[name]` (untimed) takes back what a case wrote after each of its runs."""
    for name, argv in cases.items():
        timed(argv, env, 1, after.get(name))
    return {name: timed(argv, env, runs, after.get(name)) for name, argv in cases.items()}


def print_medians(medians: dict[str, Timing], title: str) -> None:
    """Each median, and its ratio to the first one's (a bare interpreter's)."""
    base = next(iter(medians.values()))
    print(title)
    for name, value in medians.items():
        print(
            f"  {name:28s} {value.wall * 1000:7.1f} ms wall  x{value.wall / base.wall:5.2f}"
            f"   {value.cpu * 1000:7.1f} ms CPU  x{value.cpu / base.cpu:5.2f} of a bare interpreter"
        )


def compare(
    cases: dict[str, list[str]],
    envs: dict[str, dict[str, str]],
    runs: int,
    after: dict[str, list[str]],
) -> None:
    """Each case run by each version in turn (`envs`: version -> environment), `runs` times;
    prints the median CPU and wall time of each."""
    print(f"median of {runs} runs each, the versions alternating: CPU (user + sys) / wall")
    for name, argv in cases.items():
        found: dict[str, list[Timing]] = {label: [] for label in envs}
        for env in envs.values():  # a warm-up each
            run_once(argv, env, after.get(name))
        for _ in range(runs):
            for label, env in envs.items():
                found[label].append(run_once(argv, env, after.get(name)))
        shown = "   ".join(
            f"{label} {m.cpu * 1000:6.1f} / {m.wall * 1000:6.1f} ms"
            for label, m in ((label, median(t)) for label, t in found.items())
        )
        print(f"  {name:28s} {shown}")


def runs_option(doc: str, default: int) -> int:
    """The --runs option of a bench that times commands: how many runs of each."""
    return int(_options(doc, default).runs)


def _options(doc: str, default: int) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--runs", type=int, default=default)
    parser.add_argument("--against", type=Path, help="another version's src folder")
    return parser.parse_args()


def main() -> None:
    options = _options(__doc__, 11)
    runs = options.runs
    home, env = demo_home("cli")
    py = sys.executable
    draft = home / "draft.txt"
    draft.write_text(
        "Dear Dana,\n\nThank you for the conversation about your streaming jobs today.\n\nSam\n",
        encoding="utf-8",
    )
    followup = [py, "-m", "followup"]
    cases = {
        "python -c pass": [py, "-c", "pass"],
        "today": [*followup, "today"],
        "plan --json": [*followup, "plan", "--json"],
        "app list": [*followup, "app", "list"],
        "app show 1": [*followup, "app", "show", "1"],
        "app add": [
            *followup,
            "app",
            "add",
            "--company",
            "Hooli",
            "--role",
            "SRE",
            "--allow-duplicate",
        ],
        "touch add": [*followup, "touch", "add", "--app", "1", "--channel", "email", *TOUCH],
        "done": [*followup, "done", ACTION],
        "draft": [*followup, "draft", ACTION],
        "lint": [*followup, "lint", "--kind", "thank-you", str(draft)],
    }
    todo = shutil.which("todo")
    if todo is not None:
        cases["todoman: todo list"] = [todo, "list"]
    undo = {name: [*followup, "undo"] for name in ("app add", "touch add", "done")}
    if options.against is not None:
        _, old = demo_home("cli-old", options.against.resolve())
        compare(cases, {"old": old, "new": env}, runs, undo)
        return
    medians = time_cases(cases, env, runs, undo)
    print_medians(medians, f"median of {runs} runs each (demo data in {home})")
    slow = [n for n, v in medians.items() if v.wall >= BUDGET and n != "todoman: todo list"]
    verdict = "met" if not slow else f"MISSED by {', '.join(slow)}"
    print(f"budget {BUDGET * 1000:.0f} ms a command: {verdict}")


if __name__ == "__main__":
    main()
