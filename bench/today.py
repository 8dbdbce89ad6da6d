"""How fast `followup today` answers on the demo data.

Runs the real command in fresh interpreters (start-up is what a user waits for) and, in the
same run, two baselines: a bare interpreter (`python -c pass`) and an interpreter that only
imports click (the least any CLI here pays). Prints medians and ratios; the budget is 0.4 s.

    python bench/today.py [--runs 21]
"""

from __future__ import annotations

import sys

from cli import demo_home, print_medians, runs_option, time_cases  # bench/cli.py, next to this file


def main() -> None:
    runs = runs_option(__doc__, 21)
    home, env = demo_home("today")
    py = sys.executable
    cases = {
        "python -c pass": [py, "-c", "pass"],
        "python -c 'import click'": [py, "-c", "import click"],
        "followup today": [py, "-m", "followup", "today"],
        "followup today --json": [py, "-m", "followup", "today", "--json"],
    }
    medians = time_cases(cases, env, runs, after={})
    print_medians(medians, f"median of {runs} runs each (demo data in {home})")
    today = medians["followup today"].wall
    verdict = "met" if today < 0.4 else "MISSED"
    print(f"followup today: {today * 1000:.0f} ms (budget 400 ms: {verdict})")


if __name__ == "__main__":
    main()
