"""What is drawn without a window: the trends chart and the clinic summary's PDF."""

from spasticity_tracker.render.pyside_feature import read_sources_without_keeping

# The one place it is installed: the window (ui/), the data folder's lock and the summary
# command all import this package before their pages, services, pyqtgraph or numpy.
read_sources_without_keeping()
