"""LinReg Lab's window: PySide6 + pyqtgraph views around one Session.

``MainWindow`` and ``main`` are loaded on first use (PEP 562), so importing a sub-module such
as ``linreg_lab.gui.state.session`` does not build the whole window's import graph.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from linreg_lab.gui.shell.app import main
    from linreg_lab.gui.shell.main_window import MainWindow

__all__ = ["MainWindow", "main"]


def __getattr__(name: str) -> Any:
    if name == "MainWindow":
        from linreg_lab.gui.shell.main_window import MainWindow

        return MainWindow
    if name == "main":
        from linreg_lab.gui.shell.app import main

        return main
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
