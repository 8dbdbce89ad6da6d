"""How fast `followup today` answers on the demo data.

Runs the real command in fresh interpreters (start-up is what a user waits for) and, in the
same run, two baselines: a bare interpreter (`python -c pass`) and an interpreter that only
imports click (the least any CLI here pays). Prints medians and ratios; the budget is 0.4 s.

    python bench/today.py [--runs 21]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"


def timed(argv: list[str], env: dict[str, str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="followup-bench-today-"))
    env = {**os.environ, "PYTHONPATH": str(SRC), "FOLLOWUP_HOME": str(home)}
    env.pop("FOLLOWUP_DATABASE_URL", None)
    py = sys.executable
    subprocess.run(
        [py, "-m", "followup", "demo", "--home", str(home)],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    # one warm-up each, so the OS file cache is the same for all three
    cases = {
        "python -c pass": [py, "-c", "pass"],
        "python -c 'import click'": [py, "-c", "import click"],
        "followup today": [py, "-m", "followup", "today"],
        "followup today --json": [py, "-m", "followup", "today", "--json"],
    }
    for argv in cases.values():
        timed(argv, env, 1)
    medians = {name: statistics.median(timed(argv, env, args.runs)) for name, argv in cases.items()}
    base = medians["python -c pass"]
    print(f"median of {args.runs} runs each (demo data in {home})")
    for name, value in medians.items():
        print(f"  {name:28s} {value * 1000:7.1f} ms   x{value / base:5.2f} of a bare interpreter")
    today = medians["followup today"]
    verdict = "met" if today < 0.4 else "MISSED"
    print(f"followup today: {today * 1000:.0f} ms (budget 400 ms: {verdict})")


if __name__ == "__main__":
    main()
