"""Decision regions: the grid's classes and probabilities are the trainer's, pixel by pixel."""

import numpy as np
import pytest

from linreg_lab.core.class_data import gaussian_clusters
from linreg_lab.core.decision_regions import boundary_line, decision_image
from linreg_lab.core.softmax import softmax
from linreg_lab.core.softmax_trainer import SoftmaxTrainer


@pytest.fixture(scope="module")
def trained():
    ds = gaussian_clusters(4, 200, spread=1.5, seed=0)
    t = SoftmaxTrainer(ds.X, ds.labels, lr=0.5, seed=0)
    t.step(2000)
    return t


def test_every_pixel_is_the_trainers_prediction(trained):
    img = decision_image(trained.W, trained.b, (-6, 6), (-5, 5), (50, 70))
    assert img.winner.shape == img.probability.shape == (50, 70)
    X, Y = np.meshgrid(img.xs, img.ys)
    points = np.column_stack([X.ravel(), Y.ravel()])
    assert np.array_equal(img.winner.ravel(), trained.predict(points))
    p = trained.predict_proba(points)
    assert np.allclose(img.probability.ravel(), p.max(axis=1), rtol=1e-12)
    chosen = decision_image(trained.W, trained.b, (-6, 6), (-5, 5), (50, 70), cls=2)
    assert np.allclose(chosen.probability.ravel(), p[:, 2], rtol=1e-12, atol=1e-300)


def test_far_out_pixels_stay_finite(trained):
    img = decision_image(trained.W * 1e5, trained.b, (-1e3, 1e3), (-1e3, 1e3), (20, 20))
    assert np.isfinite(img.probability).all() and (img.probability > 0).all()


def test_the_boundary_line_is_where_two_logits_tie(trained):
    W, b = trained.W, trained.b
    p, q, r = boundary_line(W, b, 0, 1)
    x1 = np.linspace(-3, 3, 7)
    x2 = -(p * x1 + r) / q
    o = np.column_stack([x1, x2]) @ W + b
    assert np.allclose(o[:, 0], o[:, 1], atol=1e-9)
    assert np.allclose(softmax(o)[:, 0], softmax(o)[:, 1])
    same = np.array([[1.0, 1.0], [2.0, 2.0]])
    assert boundary_line(same, [0.0, 1.0], 0, 1) is None


def test_bad_shapes_are_refused():
    with pytest.raises(ValueError):
        decision_image(np.zeros((3, 2)), np.zeros(2), (0, 1), (0, 1))
    with pytest.raises(ValueError):
        decision_image(np.zeros((2, 2)), np.zeros(2), (0, 1), (0, 1), (0, 5))
