"""The PySide6 and pyqtgraph user interface; the only package that imports Qt."""

from spasticity_tracker.render.pyside_feature import read_sources_without_keeping

# Before any page, pyqtgraph or numpy is imported: their sources are read, not kept.
read_sources_without_keeping()
