"""The pure matching engine: Polars and DuckDB, no Django.

Public entry points: `run_matching` (signals -> meldingen with statuses), `Policy` and
`PolicyError` (municipal policy as validated, JSON-serialisable data).
"""

from vroegsignaal.matching.engine.policy import Policy, PolicyError
from vroegsignaal.matching.engine.run import MatchResult, run_matching

__all__ = ["MatchResult", "Policy", "PolicyError", "run_matching"]
