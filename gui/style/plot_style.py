"""pyqtgraph's global look, set once: antialiased lines, dark text on a white background."""

import pyqtgraph as pg


def apply_plot_style() -> None:
    pg.setConfigOptions(antialias=True, background="w", foreground="#202020")
