"""PySide6 reads the source of every module imported after it; here it reads without keeping it.

For its opt-in `from __feature__ import snake_case` switches, PySide6 (6.11, as installed)
asks of each module imported after it whether its source mentions "PySide6". It asks through
`inspect.getsource`, which keeps every line of every such file in `linecache` for the life of
the process: about 165,000 lines for this app's pages with pyqtgraph and numpy, about 15 MB,
and about 30 ms of reading and splitting. The app never switches a feature on.

The same question is answered here from the module's source file, read as bytes and dropped:
the same answer as PySide's for the modules of the app, its libraries and Python's own
library (a test compares some of each); PySide's own check answers for anything else (a module
without a source file, such as a frozen build's or an extension, or an object that is not a
module). If a later PySide6 no longer has the check, nothing is changed
(tests/render/test_pyside_feature.py then fails, to say so).

It is installed when the render package is first imported, which the window's package (ui/)
and lock.py do before any page, service, pyqtgraph or numpy.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

_FEATURE_MODULE = "shibokensupport.feature"
_CHECK = "_mod_uses_pyside"


def read_sources_without_keeping() -> bool:
    """Answer PySide6's question about each later import without keeping the module's source.

    Returns whether PySide6's check is the one replaced (True also when already replaced).
    """
    import PySide6.QtCore  # noqa: F401  (loads the feature module, if this PySide6 has it)

    feature = sys.modules.get(_FEATURE_MODULE)
    pyside_check = getattr(feature, _CHECK, None)
    if feature is None or not callable(pyside_check):
        return False
    if isinstance(pyside_check, _BytesCheck):
        return True
    setattr(feature, _CHECK, _BytesCheck(pyside_check))
    return True


class _BytesCheck:
    """Whether a module's source file mentions PySide6, read as bytes and not kept."""

    def __init__(self, pyside_check: Callable[[ModuleType], bool]):
        self.pyside_check = pyside_check

    def __call__(self, module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(module, ModuleType) and isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except (OSError, ValueError):  # gone, unreadable, or not a path at all
                pass
        return self.pyside_check(module)
