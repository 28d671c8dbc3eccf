"""The performance harness: `uv run python -m benchmarks` (see README, "Performance")."""
