"""Benchmark commands (`python -m benchmarks.ingest`, `.check`, `.load`): measurements, not tests."""
