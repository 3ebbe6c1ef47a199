"""The pure matching engine: Polars and DuckDB, no Django.

Public entry points: `run_matching` (signals -> meldingen with statuses),
`with_priority_reasons` (the Dutch reasons of the meldingen shown or stored), `Policy` and
`PolicyError` (municipal policy as validated, JSON-serialisable data).
"""

from vroegsignaal.matching.engine.policy import Policy, PolicyError
from vroegsignaal.matching.engine.priority import with_priority_reasons
from vroegsignaal.matching.engine.run import MatchResult, run_matching

__all__ = ["MatchResult", "Policy", "PolicyError", "run_matching", "with_priority_reasons"]
