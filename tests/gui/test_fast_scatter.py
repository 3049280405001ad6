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


def _drawn(item: pg.ScatterPlotItem, qtbot):
    """The plot of the item alone, rendered to an image."""
    plot = pg.PlotWidget(background="w")
    qtbot.addWidget(plot)
    plot.addItem(item)
    plot.resize(300, 200)
    plot.setRange(xRange=(-3, 3), yRange=(-3, 3), padding=0)
    plot.show()
    qtbot.waitExposed(plot)
    return plot.grab().toImage()


def test_points_of_one_style_are_set_and_drawn_as_pyqtgraph_sets_and_draws_them(qtbot):
    import numpy as np

    rng = np.random.default_rng(2)
    x, y = rng.normal(size=500), rng.normal(size=500)
    style = {"size": 7, "pen": pg.mkPen("b", width=1.5), "brush": pg.mkBrush("r")}
    ours, theirs = FastScatter(**style), pg.ScatterPlotItem(**style)
    for item in (ours, theirs):
        item.setData(x, y)
        item.setData(x[:300], y[:300])  # set again: the atlas already holds the style
    assert np.array_equal(ours.data["sourceRect"], theirs.data["sourceRect"])
    assert ours._maxSpotPxWidth == theirs._maxSpotPxWidth
    assert _drawn(ours, qtbot) == _drawn(theirs, qtbot)


def test_points_with_styles_of_their_own_take_pyqtgraphs_way(qtbot):
    import numpy as np

    brushes = [pg.mkBrush(c) for c in ("r", "g", "b")]
    ours, theirs = FastScatter(size=9), pg.ScatterPlotItem(size=9)
    for item in (ours, theirs):
        item.setData([0.0, 1.0, -1.0], [0.0, 1.0, 2.0], brush=brushes, size=[5, 9, 13])
    assert np.array_equal(ours.data["sourceRect"], theirs.data["sourceRect"])
    assert len({tuple(r) for r in ours.data["sourceRect"].tolist()}) == 3
    assert _drawn(ours, qtbot) == _drawn(theirs, qtbot)
