"""`python -m benchmarks [--quick]`: run every benchmark, write JSON and markdown results.

Results go to benchmarks/results/<name>.json and <name>.md (<name>-quick.* with --quick, a
small size for a smoke test that finishes in seconds).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
from pathlib import Path

from benchmarks import database, letters, matching, monitoring, pages, retention

BENCHES = {
    "matching": matching,
    "database": database,
    "letters": letters,
    "monitoring": monitoring,
    "pages": pages,
    "retention": retention,
}
RESULTS = Path(__file__).parent / "results"


def _markdown(name: str, rows: list[dict], machine: dict) -> str:
    columns = list(dict.fromkeys(key for row in rows for key in row))
    lines = [
        f"# Benchmark {name}",
        "",
        f"{machine['date']}, {machine['cpus']} CPU's, Python {machine['python']}, "
        f"load average {' / '.join(map(str, machine['load_average']))}.",
        "",
        "| " + " | ".join(columns) + " |",
        "|" + "---|" * len(columns),
    ]
    lines += ["| " + " | ".join(str(row.get(c, "")) for c in columns) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def main() -> None:
    """Run the benchmarks named on the command line (all by default) and write their results."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="small size, for a smoke test")
    parser.add_argument("names", nargs="*", help=f"benchmarks to run: {', '.join(BENCHES)}")
    args = parser.parse_args()
    unknown = sorted(set(args.names) - set(BENCHES))
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}")
    machine = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        # Other work on the machine inflates wall-clock seconds; the load says how much.
        "load_average": [round(load, 2) for load in os.getloadavg()],
    }
    RESULTS.mkdir(exist_ok=True)
    for name in args.names or BENCHES:
        rows = BENCHES[name].run(quick=args.quick)
        stem = f"{name}-quick" if args.quick else name
        (RESULTS / f"{stem}.json").write_text(
            json.dumps({"machine": machine, "results": rows}, indent=2) + "\n"
        )
        (RESULTS / f"{stem}.md").write_text(_markdown(name, rows, machine))
        print(_markdown(name, rows, machine))


if __name__ == "__main__":
    main()
