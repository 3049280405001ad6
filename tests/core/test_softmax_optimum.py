"""The Newton reference: a gradient below 1e-8 when the optimum is finite, and said when not."""

import numpy as np
import pytest

from linreg_lab.core.class_data import ClassDataset, gaussian_clusters, load_iris
from linreg_lab.core.softmax import cross_entropy
from linreg_lab.core.softmax_optimum import (
    REASON_PARTLY_SEPARABLE,
    REASON_SEPARABLE,
    softmax_optimum,
)


@pytest.mark.parametrize("k", [2, 3, 4, 6])
@pytest.mark.parametrize("seed", [0, 1])
def test_optimum_gradient_is_below_1e_8_on_overlapping_clusters(k, seed):
    ds = gaussian_clusters(k, 200, spread=1.8, seed=seed)
    opt = softmax_optimum(ds.X, ds.labels, k)
    assert not opt.at_infinity and opt.reason is None
    assert opt.grad_max < 1e-8
    assert opt.iterations < 30
    assert np.allclose(opt.W.sum(axis=1), 0.0) and abs(opt.b.sum()) < 1e-12  # centred
    # a minimum: every small perturbation raises the loss
    rng = np.random.default_rng(seed)
    for _ in range(10):
        dW, db = rng.normal(size=opt.W.shape) * 1e-3, rng.normal(size=k) * 1e-3
        assert cross_entropy(ds.X @ (opt.W + dW) + opt.b + db, ds.labels).mean() > opt.loss


def test_the_optimum_does_not_depend_on_the_features_scale():
    ds = gaussian_clusters(3, 150, spread=2.0, seed=3)
    opt = softmax_optimum(ds.X, ds.labels)
    scaled = softmax_optimum(ds.X * [1e3, 1e-3] + [5e3, -2.0], ds.labels)
    assert scaled.grad_max < 1e-8
    assert np.isclose(scaled.loss, opt.loss, rtol=1e-10)


@pytest.mark.parametrize("k", [2, 3, 6])
def test_separable_clusters_have_their_optimum_at_infinity(k):
    ds = gaussian_clusters(k, 120, spread=0.5, separable=True, seed=k)
    opt = softmax_optimum(ds.X, ds.labels, k)
    assert opt.at_infinity and opt.reason == REASON_SEPARABLE
    assert opt.accuracy == 1.0


def test_iris_setosa_alone_separates_so_the_optimum_is_at_infinity():
    iris = load_iris()
    opt = softmax_optimum(iris.X, iris.labels)
    assert opt.at_infinity and opt.reason == REASON_PARTLY_SEPARABLE
    # without setosa the two others overlap: a finite optimum
    rest = ClassDataset(iris.X[iris.labels > 0], iris.labels[iris.labels > 0] - 1,
                        iris.class_names[1:])
    finite = softmax_optimum(rest.X, rest.labels)
    assert not finite.at_infinity and finite.grad_max < 1e-8


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        softmax_optimum(np.zeros((0, 2)), np.zeros(0, dtype=int), 2)
    with pytest.raises(ValueError):
        softmax_optimum([[np.nan, 1.0], [0.0, 1.0]], [0, 1])
