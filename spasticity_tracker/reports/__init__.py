"""The clinic summary: figures computed from the diary (pure), then escaped HTML; no printing."""
