"""Benchmarks: `make bench` runs them on PostgreSQL and writes figures to bench/results/ and docs/benchmarks.md."""
