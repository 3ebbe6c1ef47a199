"""The matching benchmark keeps working: `python -m benchmarks --quick matching` as a smoke test."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_quick_matching_benchmark_runs_and_writes_its_figures():
    subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "matching"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )
    results = json.loads((ROOT / "benchmarks/results/matching-quick.json").read_text())["results"]
    floor, engine, brp_month, brp_year = results
    assert floor["benchmark"] == "matching.floor"
    assert engine["output_rows"] > 0 and engine["rows"] == 20_000
    assert engine["peak_rss_mb"] > 0 and engine["cpu_ratio_to_floor"] > 0
    assert engine["runs"] == floor["runs"] == 1 and engine["seconds_spread"]
    assert brp_month["benchmark"] == "matching.brp_month"
    assert 0 < brp_month["rows"] < brp_year["rows"] < engine["rows"]
