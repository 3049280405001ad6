"""The finite bounds every framing starts from: NaN and ±inf are left out, whatever mix."""

from __future__ import annotations

import numpy as np
import pytest

from linreg_lab.gui.plots.view_bounds import finite_bounds, frame

NAN, INF = float("nan"), float("inf")


@pytest.mark.parametrize(("values", "bounds"), [
    ([3.0, -2.0, 5.0], (-2.0, 5.0)),
    ([NAN, 1.0, NAN, -4.0], (-4.0, 1.0)),       # NaN skipped by one fmin/fmax pass
    ([INF, -1.0, 3.0, NAN], (-1.0, 3.0)),       # an infinity: masked out instead
    ([-INF, 7.0], (7.0, 7.0)),
    ([NAN, INF, -INF], None),
    ([], None),
])
def test_finite_bounds_leave_out_nan_and_infinity(values, bounds):
    assert finite_bounds(np.array(values)) == bounds


def test_a_frame_shows_every_finite_value_and_none_of_the_others():
    lo, hi = frame(np.array([1.0, NAN, 3.0, INF]))
    assert lo < 1.0 and hi > 3.0 and hi - lo < 3.0
    assert frame(np.array([NAN, -INF])) is None
