"""Help → About: what LinReg Lab is, which book it teaches, and what it is built with.

The versions are read at run time (not written down), so a bug report that quotes this dialog
says exactly which Qt, pyqtgraph and NumPy were in use.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass

import numpy
import pyqtgraph
import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLayout,
    QVBoxLayout,
    QWidget,
)

from linreg_lab.gui.shell.app_icon import app_icon

DISTRIBUTION = "linreg-lab"
BOOK_URL = "https://zh.d2l.ai/chapter_linear-networks/linear-regression.html"
PROJECT_LICENCE = "MIT"
WRAP_WIDTH = 400  # px of a line of running text


@dataclass(frozen=True)
class Component:
    """One piece of software the app is built on, as shown in the dialog."""

    name: str
    version: str
    licence: str


def app_version() -> str | None:
    """The installed version of linreg-lab, or None when it is run from an uninstalled tree."""
    from importlib import metadata  # with the email package it pulls in, ~13 ms of start-up

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return None


def components() -> list[Component]:
    """The app itself and the libraries it runs on, with their versions and licences."""
    return [
        Component("LinReg Lab", app_version() or "?", PROJECT_LICENCE),
        Component("Qt", qVersion(), "LGPLv3"),
        Component("PySide6", PySide6.__version__, "LGPLv3"),
        Component("pyqtgraph", pyqtgraph.__version__, "MIT"),
        Component("NumPy", numpy.__version__, "BSD-3-Clause"),
        Component("Python", platform.python_version(), "PSF-2.0"),
    ]


class AboutDialog(QDialog):
    """Modal About box; Close or Esc dismisses it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About LinReg Lab"))
        self.setWindowIcon(app_icon())
        layout = QVBoxLayout(self)
        layout.addLayout(self._header())
        layout.addWidget(self._components_box())
        layout.addWidget(self._licence_label())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.setObjectName("aboutButtons")
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setToolTip(self.tr("Close this window (Esc)"))
        close.setAccessibleName(self.tr("Close"))
        layout.addWidget(buttons)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)  # no empty gaps

    def _header(self) -> QGridLayout:
        grid = QGridLayout()
        icon = QLabel(self)
        icon.setPixmap(app_icon().pixmap(64, 64))
        icon.setAccessibleName(self.tr("LinReg Lab icon"))
        grid.addWidget(icon, 0, 0, 3, 1, Qt.AlignmentFlag.AlignTop)
        title = self._label(f"<h2>{self.tr('LinReg Lab · 线性回归实验室')}</h2>", "aboutTitle")
        version = app_version()
        version_text = (self.tr("Version {version}").format(version=version) if version
                        else self.tr("Version unknown (not installed)"))
        purpose = self.tr("Learn linear regression by doing it: put data on a plot, run "
                          "minibatch stochastic gradient descent and watch it meet the "
                          "analytical solution.")
        book = self.tr('Teaches chapter 3.1, Linear Regression, of <a href="{url}">Dive into '
                       'Deep Learning</a> (zh.d2l.ai).').format(url=BOOK_URL)
        grid.addWidget(title, 0, 1)
        grid.addWidget(self._label(version_text, "aboutVersion"), 1, 1)
        text = f"<p>{purpose}</p><p>{book}</p>"
        grid.addWidget(self._label(text, "aboutPurpose", wrap=True), 2, 1)
        grid.setColumnStretch(1, 1)
        return grid

    def _components_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Built with"), self)
        box.setObjectName("aboutComponents")
        grid = QGridLayout(box)
        headers = (self.tr("Component"), self.tr("Version"), self.tr("Licence"))
        for col, text in enumerate(headers):
            grid.addWidget(self._label(f"<b>{text}</b>"), 0, col)
        for row, part in enumerate(components(), start=1):
            for col, text in enumerate((part.name, part.version, part.licence)):
                label = self._label(text)
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                grid.addWidget(label, row, col)
        grid.setColumnStretch(2, 1)
        return box

    def _licence_label(self) -> QLabel:
        text = self.tr("LinReg Lab is free software under the {licence} licence. Qt and "
                       "PySide6 are used under the GNU LGPL version 3.").format(
                           licence=PROJECT_LICENCE)
        return self._label(text, "aboutLicence", wrap=True)

    def _label(self, text: str, name: str = "", wrap: bool = False) -> QLabel:
        label = QLabel(text, self)
        if wrap:  # wrapped labels get a fixed width, so the dialog's height fits them
            label.setWordWrap(True)
            label.setFixedWidth(WRAP_WIDTH)
        label.setOpenExternalLinks(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        if name:
            label.setObjectName(name)
        return label
