"""What is drawn without a window: the trends chart and the clinic summary's PDF."""

from spasticity_tracker.render.pyside_feature import read_sources_without_keeping

# Before the chart's pyqtgraph and numpy are imported: their sources are read, not kept.
read_sources_without_keeping()
