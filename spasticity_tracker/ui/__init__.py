"""The PySide6 and pyqtgraph user interface; the only package that imports Qt."""

# Before any page, pyqtgraph or numpy is imported: the render package makes PySide6's check
# of each later import read its source without keeping it (render/pyside_feature.py).
import spasticity_tracker.render  # noqa: F401
