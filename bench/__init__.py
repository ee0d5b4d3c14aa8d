"""Benchmarks: `make bench` runs them on PostgreSQL; figures in bench/results/ and docs/benchmarks.md."""
