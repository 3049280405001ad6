"""Real mouse events on a PlotWidget's viewport, in data coordinates."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


def to_pixel(plot, x: float, y: float) -> QPoint:
    """Viewport pixel of a data point."""
    vb = plot.getPlotItem().getViewBox()
    scene = vb.mapViewToScene(QPointF(x, y))
    return plot.mapFromScene(scene)


def to_data(plot, pixel: QPoint) -> tuple[float, float]:
    vb = plot.getPlotItem().getViewBox()
    p = vb.mapSceneToView(plot.mapToScene(pixel))
    return p.x(), p.y()


def _send(plot, kind, pos: QPoint, button, buttons) -> None:
    ev = QMouseEvent(kind, QPointF(pos), QPointF(plot.viewport().mapToGlobal(pos)), button,
                     buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(plot.viewport(), ev)


def click(plot, pos: QPoint, button=Qt.MouseButton.LeftButton) -> None:
    _send(plot, QMouseEvent.Type.MouseButtonPress, pos, button, button)
    _send(plot, QMouseEvent.Type.MouseButtonRelease, pos, button, Qt.MouseButton.NoButton)


def drag(plot, start: QPoint, end: QPoint, steps: int = 8) -> None:
    left = Qt.MouseButton.LeftButton
    _send(plot, QMouseEvent.Type.MouseButtonPress, start, left, left)
    for i in range(1, steps + 1):
        p = start + (end - start) * (i / steps)
        _send(plot, QMouseEvent.Type.MouseMove, p, Qt.MouseButton.NoButton, left)
    _send(plot, QMouseEvent.Type.MouseButtonRelease, end, left, Qt.MouseButton.NoButton)


def wheel(plot, pos: QPoint, delta: int) -> None:
    """One wheel event of `delta` eighths of a degree (120 = one notch; < 0 zooms out)."""
    viewport = plot.viewport()
    ev = QWheelEvent(QPointF(pos), QPointF(viewport.mapToGlobal(pos)), QPoint(0, 0),
                     QPoint(0, delta), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                     Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(viewport, ev)


def centre(plot) -> QPoint:
    return plot.viewport().rect().center()


def move(plot, pos: QPoint) -> None:
    """The mouse moves over the viewport with no button held (hover).

    pyqtgraph drops moves that come within 10 ms of the last one (its mouse rate limit), as
    a hand never does: wait that long first."""
    QTest.qWait(12)
    _send(plot, QMouseEvent.Type.MouseMove, pos, Qt.MouseButton.NoButton,
          Qt.MouseButton.NoButton)


def scene_pixel(plot, item) -> QPoint:
    """Viewport pixel of the centre of a graphics item (a button, a legend)."""
    return plot.mapFromScene(item.sceneBoundingRect().center())
