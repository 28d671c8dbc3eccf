"""The core without Qt or a database: entities, scales, rules and statistics (stdlib only)."""
