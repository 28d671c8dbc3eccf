"""What the pages say after an undo or a redo: which action it was, in the words of its menu."""

from __future__ import annotations


def undone_text(action: str) -> str:
    """'Undone: delete the entry of 2 Jun 2026 08:00, entered by Jo.'."""
    return f"Undone: {action}."


def redone_text(action: str) -> str:
    """'Redone: delete the entry of 2 Jun 2026 08:00, entered by Jo.'."""
    return f"Redone: {action}."
