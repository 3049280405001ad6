"""The application icon, read from resources/icons through importlib.resources.

Reading bytes (not file paths) keeps it working from a wheel, a zip or an editable install.
The SVG is the source; the 256 px PNG shipped next to it is rendered from it by running this
module (`python -m gui.app_icon`), so the two never disagree.
"""

from __future__ import annotations

from importlib.resources import files

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

ICON_NAME = "linreg-lab"
PNG_SIZE = 256
#: Small sizes are drawn from the SVG directly, so they stay crisp in menus and task bars.
SVG_SIZES = (16, 24, 32, 48, 64, 128)


def icon_bytes(suffix: str) -> bytes:
    """The raw bytes of resources/icons/linreg-lab.<suffix> ('svg' or 'png')."""
    return (files("linreg_lab.resources") / "icons" / f"{ICON_NAME}.{suffix}").read_bytes()


def render_svg(svg: bytes, size: int) -> QImage:
    """Draw the SVG into a transparent square image of `size` px."""
    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        raise ValueError("the icon SVG could not be parsed")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def app_icon() -> QIcon:
    """The app's icon at every common size (needs a QGuiApplication)."""
    icon = QIcon()
    svg = icon_bytes("svg")
    for size in SVG_SIZES:
        icon.addPixmap(QPixmap.fromImage(render_svg(svg, size)))
    png = QPixmap()
    if png.loadFromData(icon_bytes("png"), "PNG"):
        icon.addPixmap(png)
    return icon


def _write_png() -> None:
    """Regenerate resources/icons/linreg-lab.png from the SVG (run from the repository)."""
    import sys
    from pathlib import Path

    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    target = Path(__file__).resolve().parents[2] / "resources" / "icons" / f"{ICON_NAME}.png"
    if not render_svg(icon_bytes("svg"), PNG_SIZE).save(str(target), "PNG"):
        raise SystemExit(f"could not write {target}")
    print(f"wrote {target}")


if __name__ == "__main__":
    _write_png()
