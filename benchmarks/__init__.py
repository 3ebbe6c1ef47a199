"""Performance benchmarks; run them all with `python -m benchmarks` (see docs/performance.md)."""
