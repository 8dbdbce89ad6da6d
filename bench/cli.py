"""How fast the everyday commands answer on the demo data.

Runs each real command in fresh interpreters (start-up is what a user waits for): `today`,
`plan --json`, `app list`, `app show`, `app add`, `touch add`, `done`, `draft` and `lint`,
and in the same run a bare interpreter (`python -c pass`) and, if installed, todoman's
`todo list`. Modules run from bytecode, as after `pip install`, kept in the bench's folder.
A write is taken back after each run (`followup undo`, not timed), so every
run sees the same data. Prints medians and ratios; the budget is 0.25 s a command.

    python bench/cli.py [--runs 11]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
BUDGET = 0.25
TOUCH = ["--direction", "in", "--kind", "reply", "--at", "2026-01-05T09:00"]
ACTION = "1-i1-thank-you-p1"  # the demo's thank-you to Dana at Acme, due today


def timed(argv: list[str], env: dict[str, str], runs: int, after: list[str] | None) -> float:
    """The median wall time of `argv`; `after` (untimed) puts the data back each time."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(argv, env=env, check=False, capture_output=True)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):  # lint says 1 when it has findings
            raise SystemExit(f"{' '.join(argv)}: {done.stderr.decode()}")
        if after is not None:
            subprocess.run(after, env=env, check=True, capture_output=True)
    return statistics.median(times)


def demo_home(name: str) -> tuple[Path, dict[str, str]]:
    """A new data home holding the demo search, and the environment of a run in it."""
    root = Path(tempfile.mkdtemp(prefix=f"followup-bench-{name}-"))
    home = root / "home"
    env = {**os.environ, "PYTHONPATH": str(SRC), "FOLLOWUP_HOME": str(home)}
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
) -> dict[str, float]:
    """The median time of each case, after one warm-up each (the same file cache for all);
    `after[name]` (untimed) takes back what a case wrote after each of its runs."""
    for name, argv in cases.items():
        timed(argv, env, 1, after.get(name))
    return {name: timed(argv, env, runs, after.get(name)) for name, argv in cases.items()}


def print_medians(medians: dict[str, float], title: str) -> None:
    """Each median, and its ratio to the first one's (a bare interpreter's)."""
    base = next(iter(medians.values()))
    print(title)
    for name, value in medians.items():
        print(f"  {name:28s} {value * 1000:7.1f} ms   x{value / base:5.2f} of a bare interpreter")


def runs_option(doc: str, default: int) -> int:
    """The --runs option of a bench that times commands: how many runs of each."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--runs", type=int, default=default)
    return int(parser.parse_args().runs)


def main() -> None:
    runs = runs_option(__doc__, 11)
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
    medians = time_cases(cases, env, runs, undo)
    print_medians(medians, f"median of {runs} runs each (demo data in {home})")
    slow = [n for n, v in medians.items() if v >= BUDGET and n != "todoman: todo list"]
    verdict = "met" if not slow else f"MISSED by {', '.join(slow)}"
    print(f"budget {BUDGET * 1000:.0f} ms a command: {verdict}")


if __name__ == "__main__":
    main()
