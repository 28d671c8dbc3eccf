"""The storage tests run on both engines (tests/engines.py)."""

from tests.engines import database, server, server_diary

__all__ = ["database", "server", "server_diary"]
