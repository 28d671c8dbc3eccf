"""The PySide6 and pyqtgraph user interface; the only package that imports Qt."""
