"""Every benchmark runs as `python bench/NAME.py`, though bench/inspect.py is named like the
standard library's `inspect` (its folder comes first on sys.path; see bench/benchpath.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
# the scripts that import the project (bench/cli.py and bench/today.py time child processes)
SCRIPTS = ["alerts", "backup", "inspect", "lint", "planner", "sync", "web"]
PROBE = (
    "import runpy, sys; sys.argv = [sys.argv[1], '--help']\n"
    "try:\n    runpy.run_path(sys.argv[0], run_name='__main__')\n"
    "except SystemExit as done:\n    assert not done.code, done.code\n"
    "import inspect; print('stdlib inspect:', inspect.getfile(inspect))\n"
)


@pytest.mark.parametrize("name", SCRIPTS)
def test_a_benchmark_runs_as_a_script_with_the_standard_inspect(name: str) -> None:
    script = BENCH / f"{name}.py"
    as_script = [sys.executable, str(script), "--help"]
    done = subprocess.run(as_script, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "usage:" in done.stdout
    # from bench/ itself, as `python NAME.py` would: the script's folder is sys.path[0]
    probe = [sys.executable, "-c", PROBE, str(script)]
    done = subprocess.run(
        probe, capture_output=True, text=True, timeout=120, check=False, cwd=BENCH
    )
    assert done.returncode == 0, done.stderr[-2000:]
    found = done.stdout.split("stdlib inspect:")[-1].strip()
    assert Path(found).parent != BENCH and found.endswith("inspect.py"), found
