"""Preferences that outlive a session (QSettings): window layout, language, folders, speed."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

DEFAULT_FOLDER = ""


class AppSettings:
    """Typed access to the few things LinReg Lab remembers between runs."""

    def __init__(self) -> None:
        self._s = QSettings()

    def language(self) -> str | None:
        value = self._s.value("language")
        return str(value) if value else None

    def set_language(self, language: str) -> None:
        self._s.setValue("language", language)

    def appearance(self) -> str:
        """'system' (default), 'light' or 'dark'."""
        value = str(self._s.value("appearance", "system") or "system")
        return value if value in ("system", "light", "dark") else "system"

    def set_appearance(self, appearance: str) -> None:
        self._s.setValue("appearance", appearance)

    def window_layout(self) -> tuple[QByteArray | None, QByteArray | None]:
        return self._s.value("window/geometry"), self._s.value("window/state")

    def set_window_layout(self, geometry: QByteArray, state: QByteArray) -> None:
        self._s.setValue("window/geometry", geometry)
        self._s.setValue("window/state", state)

    def view_sizes(self, language: str) -> dict[str, tuple[int, int]]:
        """The smallest size each view of the window asked for when last built (its side
        panels: their natural size), in this language: the first frame holds their places at
        these sizes, so nothing moves when they come. Empty before the first start."""
        value = self._s.value(f"window/viewSizes/{language}")
        try:
            return {str(k): (int(v[0]), int(v[1])) for k, v in dict(value or {}).items()}
        except (TypeError, ValueError, IndexError):  # an edited or damaged file: start afresh
            return {}

    def set_view_sizes(self, language: str, sizes: dict[str, tuple[int, int]]) -> None:
        self._s.setValue(f"window/viewSizes/{language}", {k: list(v) for k, v in sizes.items()})

    def folder(self) -> str:
        return str(self._s.value("folder", DEFAULT_FOLDER) or DEFAULT_FOLDER)

    def set_folder(self, folder: str) -> None:
        self._s.setValue("folder", folder)

    def speed(self) -> float | None:
        """Steps per second of Run; None (the default) means as fast as possible."""
        value = self._s.value("speed")
        return float(value) if value not in (None, "", "max") else None

    def set_speed(self, rate: float | None) -> None:
        self._s.setValue("speed", "max" if rate is None else float(rate))

    def recent_files(self) -> list[str]:
        value = self._s.value("recent", [])
        return [str(v) for v in (value if isinstance(value, list) else [value]) if v]

    def add_recent_file(self, path: str, limit: int = 8) -> None:
        files = [path] + [f for f in self.recent_files() if f != path]
        self._s.setValue("recent", files[:limit])

    def restore_defaults(self) -> None:
        """Forget every preference; the next start looks like the first."""
        self._s.clear()
        self._s.sync()
