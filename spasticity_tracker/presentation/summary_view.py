"""What the Summary page says of the chosen period before anything is printed."""

from __future__ import annotations

from spasticity_tracker.presentation.formatting import period_text
from spasticity_tracker.reports.figures import SummaryFigures

DEFAULT_PRESET = 0  # since the last appointment


def overview_text(figures: SummaryFigures) -> str:
    """'1 Jun 2026 to 30 Nov 2026: 156 of 183 days with entries, mean stiffness 6.2, ...'."""
    mean = figures.stiffness
    stiffness = (
        f"mean stiffness {mean.value:.1f}" if mean.value is not None else "not enough entries"
    )
    changes = len(figures.comparisons)
    effects = len(figures.side_effects)
    return (
        f"{period_text(figures.first, figures.last)}: {figures.days_with_entries} of "
        f"{figures.days} days with entries, {stiffness}, {changes} dose change"
        f"{'' if changes == 1 else 's'}, {effects} side effect{'' if effects == 1 else 's'} "
        "reported."
    )
