"""FastScatter's cached bounding rectangle is always the one pyqtgraph would compute: after
new data, new spot sizes, a zoom and a resize."""

from __future__ import annotations

import pyqtgraph as pg

from linreg_lab.gui.plots.fast_scatter import FastScatter


def _fresh(item: FastScatter):
    return pg.ScatterPlotItem.boundingRect(item)  # pyqtgraph's own, computed now


def test_the_cached_rectangle_follows_data_sizes_and_view(qtbot) -> None:
    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    item = FastScatter(size=10)
    plot.addItem(item)
    plot.resize(400, 300)
    plot.show()
    qtbot.waitExposed(plot)
    item.setData([0.0, 1.0], [0.0, 1.0])
    first = item.boundingRect()
    assert first == _fresh(item) and item.boundingRect() == first
    item.setData([0.0, 5.0], [-2.0, 1.0])  # new data
    assert item.boundingRect() == _fresh(item) != first
    item.setSize(30)  # bigger spots: more padding
    assert item.boundingRect() == _fresh(item)
    plot.setRange(xRange=(0, 0.5), yRange=(0, 0.5), padding=0)  # zoom: pixels in data units
    qtbot.wait(10)
    assert item.boundingRect() == _fresh(item)
    plot.resize(200, 150)
    qtbot.wait(10)
    assert item.boundingRect() == _fresh(item)
    item.clear()
    assert item.boundingRect() == _fresh(item)
