"""A fuzzer for arrpy's public API: `python -m tools.fuzz --help` (driver in run.py)."""
