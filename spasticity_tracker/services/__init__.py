"""One method per user action: validate, run one transaction, return what changed."""
