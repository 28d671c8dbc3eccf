"""Choosing files and folders without blocking: each chooser opens with open() and a callback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget


def _open(dialog: QFileDialog, on_chosen: Callable[[Path], object]) -> QFileDialog:
    dialog.fileSelected.connect(lambda name: on_chosen(Path(name)))
    dialog.open()
    return dialog


def choose_folder(
    parent: QWidget, caption: str, on_chosen: Callable[[Path], object]
) -> QFileDialog:
    """A folder to write into."""
    dialog = QFileDialog(parent, caption)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly)
    return _open(dialog, on_chosen)


def choose_file(
    parent: QWidget, caption: str, name_filter: str, on_chosen: Callable[[Path], object]
) -> QFileDialog:
    """An existing file to read."""
    dialog = QFileDialog(parent, caption, "", name_filter)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return _open(dialog, on_chosen)


def choose_new_file(
    parent: QWidget,
    caption: str,
    suggested: str,
    name_filter: str,
    suffix: str,
    on_chosen: Callable[[Path], object],
) -> QFileDialog:
    """A file to write, with its suffix (e.g. ".pdf") added when left out."""
    dialog = QFileDialog(parent, caption, suggested, name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix(suffix.lstrip("."))
    return _open(dialog, lambda path: on_chosen(path.with_suffix(suffix)))
