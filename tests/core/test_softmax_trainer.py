"""SoftmaxTrainer: the regression trainer's minibatch semantics, exact gradients, divergence."""

import numpy as np
import pytest

from linreg_lab.core.class_data import gaussian_clusters
from linreg_lab.core.softmax import cross_entropy
from linreg_lab.core.softmax_optimum import softmax_optimum
from linreg_lab.core.softmax_trainer import (
    REASON_EXP_OVERFLOW,
    REASON_LOG_ZERO,
    SoftmaxTrainer,
)


def clusters(k=3, n=120, spread=1.5, seed=0, separable=False):
    ds = gaussian_clusters(k, n, spread=spread, seed=seed, separable=separable)
    return ds.X, ds.labels


def batch_loss(X, y, W, b):
    return cross_entropy(X @ W + b, y).mean()


def test_gradient_matches_central_finite_differences():
    X, y = clusters(k=4, n=37)
    t = SoftmaxTrainer(X, y, lr=0.5, batch_size=7, seed=3)
    t.step(5)
    u = t.last_update
    Xb, yb = X[u.batch], y[u.batch]
    h = 1e-6
    num_W = np.zeros_like(u.W_before)
    for idx in np.ndindex(*u.W_before.shape):
        up, down = u.W_before.copy(), u.W_before.copy()
        up[idx] += h
        down[idx] -= h
        num_W[idx] = (batch_loss(Xb, yb, up, u.b_before) - batch_loss(Xb, yb, down, u.b_before))
        num_W[idx] /= 2 * h
    num_b = np.array([
        (batch_loss(Xb, yb, u.W_before, u.b_before + h * e)
         - batch_loss(Xb, yb, u.W_before, u.b_before - h * e)) / (2 * h) for e in np.eye(4)])
    assert np.allclose(u.grad_W, num_W, rtol=1e-6, atol=1e-9)
    assert np.allclose(u.grad_b, num_b, rtol=1e-6, atol=1e-9)
    # and the update the trainer took is exactly that gradient step
    assert np.allclose(u.W_after, u.W_before - 0.5 * u.grad_W, rtol=0, atol=1e-15)
    assert np.allclose(u.b_after, u.b_before - 0.5 * u.grad_b, rtol=0, atol=1e-15)
    assert np.isclose(u.batch_loss, batch_loss(Xb, yb, u.W_before, u.b_before), rtol=1e-14)
    assert np.allclose(u.probabilities.sum(axis=1), 1.0)
    assert np.array_equal(u.one_hot.argmax(axis=1), yb)


def test_an_epoch_visits_every_example_once_with_a_short_last_batch():
    X, y = clusters(n=23)
    t = SoftmaxTrainer(X, y, batch_size=5, seed=1)
    seen, sizes = [], []
    for _ in range(t.steps_to_epoch(1)):
        assert t.step(1) == 1
        seen += t.last_batch.tolist()
        sizes.append(len(t.last_batch))
    assert sizes == [5, 5, 5, 5, 3]
    assert sorted(seen) == list(range(23)) and seen != list(range(23))  # shuffled
    assert t.epoch == 1 and t.epoch_position == 0


def test_without_shuffle_examples_come_in_order():
    X, y = clusters(n=12)
    t = SoftmaxTrainer(X, y, batch_size=4, shuffle=False, seed=1)
    t.step(4)
    assert t.last_batch.tolist() == [0, 1, 2, 3] and t.epoch == 1


def test_same_seed_same_numbers_bit_for_bit_however_the_steps_are_chunked():
    X, y = clusters()
    a = SoftmaxTrainer(X, y, seed=7, lr=0.3)
    b = SoftmaxTrainer(X, y, seed=7, lr=0.3)
    a.step(250)
    for chunk in (1, 2, 3, 50, 194):
        b.step(chunk)
    assert np.array_equal(a.W, b.W) and np.array_equal(a.b, b.b)
    assert np.array_equal(a.history.step_loss, b.history.step_loss)
    c = SoftmaxTrainer(X, y, seed=8, lr=0.3)
    c.step(250)
    assert not np.array_equal(a.W, c.W)


def test_w0_is_the_first_draw_of_the_seeded_generator_and_b_starts_at_zero():
    X, y = clusters(k=3)
    t = SoftmaxTrainer(X, y, seed=11)
    assert np.array_equal(t.W, np.random.default_rng(11).normal(0.0, 0.01, (2, 3)))
    assert np.array_equal(t.b, np.zeros(3))


def test_a_new_batch_size_continues_the_current_epoch():
    X, y = clusters(n=30)
    t = SoftmaxTrainer(X, y, batch_size=10, seed=2)
    t.step(1)
    t.batch_size = 4
    assert t.steps_to_epoch(1) == 5  # 20 examples left: 4 + 4 + 4 + 4 + 4
    t.run_epoch()
    assert t.epoch == 1 and t.steps == 6


def test_full_batch_gradient_descent_reaches_the_newton_optimum():
    X, y = clusters(k=3, n=90, spread=2.0, seed=4)
    opt = softmax_optimum(X, y)
    assert not opt.at_infinity
    t = SoftmaxTrainer(X, y, batch_size=90, shuffle=False, lr=1.0, seed=0)
    t.step(5000)
    assert t.loss() - opt.loss < 1e-9
    W = t.W - t.W.mean(axis=1, keepdims=True)  # the optimum's centred representative
    assert np.allclose(W, opt.W, atol=1e-4)


def test_sgd_loss_falls_and_history_records_epochs():
    X, y = clusters(k=3, n=150, seed=5)
    X_val, y_val = clusters(k=3, n=60, seed=6)
    t = SoftmaxTrainer(X, y, lr=0.2, seed=0, X_val=X_val, labels_val=y_val)
    start = t.loss()
    for _ in range(20):
        t.run_epoch()
    h = t.history
    assert h.epoch_index.tolist() == list(range(21))
    assert h.epoch_train_loss[0] == start and h.epoch_train_loss[-1] < 0.7 * start
    assert h.epoch_train_loss[-1] == t.loss() and h.epoch_val_loss[-1] == t.val_loss()
    assert h.epoch_train_accuracy[-1] == t.accuracy() > 0.8
    assert 0.7 < h.epoch_val_accuracy[-1] == t.val_accuracy()
    assert len(h.step_loss) == t.steps == 300


def test_history_keeps_evenly_spaced_steps_within_its_capacity():
    X, y = clusters(n=20)
    t = SoftmaxTrainer(X, y, batch_size=1, seed=0, history_capacity=16)
    t.step(100)
    steps = t.history.step_index
    assert len(steps) <= 16
    assert (np.diff(steps) == t.history.stride).all() and steps[-1] > 90


def test_weights_grow_without_bound_on_separable_data():
    X, y = clusters(k=3, n=90, spread=0.6, separable=True, seed=1)
    t = SoftmaxTrainer(X, y, lr=1.0, seed=0)
    for _ in range(60):
        t.run_epoch()
    norms, losses = t.history.epoch_w_norm, t.history.epoch_train_loss
    # ‖W‖ grows like log(steps) and the loss falls towards 0, epoch after epoch
    assert (np.diff(norms[10:]) > 0).all() and norms[-1] > norms[10] + 0.5
    assert (np.diff(losses[10:]) < 0).all()
    assert t.accuracy() == 1.0 and not t.diverged


def test_cross_entropy_sgd_cannot_blow_up_even_at_the_largest_learning_rate():
    X, y = clusters(k=3, n=60, spread=1.0, seed=2)
    t = SoftmaxTrainer(X, y, lr=100.0, seed=0)
    t.step(600)
    assert not t.diverged and np.isfinite(t.loss())


def test_naive_formula_overflows_on_large_logits_and_the_update_is_not_taken():
    X = np.array([[1.0], [2.0]])
    y = np.array([0, 1])
    W0 = np.array([[800.0, 0.0]])  # logits of 800 and 1600: exp overflows
    naive = SoftmaxTrainer(X, y, W0=W0, stable=False, shuffle=False, batch_size=2, seed=0)
    assert naive.step(3) == 0
    assert naive.diverged and naive.divergence_reason == REASON_EXP_OVERFLOW
    assert np.array_equal(naive.W, W0)
    stable = SoftmaxTrainer(X, y, W0=W0, shuffle=False, batch_size=2, seed=0)
    assert stable.step(3) == 3 and not stable.diverged


def test_naive_formula_takes_log_of_zero_when_logits_are_far_apart():
    X = np.array([[1.0], [1.0]])
    y = np.array([1, 1])
    W0 = np.array([[0.0, -800.0]])  # exp(−800) underflows to 0: ŷ_y = 0
    naive = SoftmaxTrainer(X, y, num_classes=2, W0=W0, stable=False, seed=0)
    naive.step(1)
    assert naive.divergence_reason == REASON_LOG_ZERO
    stable = SoftmaxTrainer(X, y, num_classes=2, W0=W0, seed=0)
    assert stable.step(1) == 1 and stable.last_update.batch_loss == 800.0


def test_naive_and_stable_trainers_agree_on_ordinary_data():
    X, y = clusters()
    a = SoftmaxTrainer(X, y, seed=3)
    b = SoftmaxTrainer(X, y, seed=3, stable=False)
    a.step(200)
    b.step(200)
    assert np.allclose(a.W, b.W, rtol=1e-10, atol=1e-12)


def test_predictions_and_bad_arguments():
    X, y = clusters(k=3)
    t = SoftmaxTrainer(X, y, seed=0)
    t.step(100)
    p = t.predict_proba(X)
    assert p.shape == (120, 3) and np.allclose(p.sum(axis=1), 1.0)
    assert np.array_equal(t.predict(X), p.argmax(axis=1))
    with pytest.raises(ValueError, match="classes"):
        SoftmaxTrainer(X, np.zeros(120, dtype=int) + 11)
    with pytest.raises(ValueError, match="lr"):
        t.lr = 0.0
    with pytest.raises(ValueError, match="batch_size"):
        t.batch_size = 0
    with pytest.raises(ValueError, match="W0"):
        SoftmaxTrainer(X, y, W0=np.zeros((3, 3)))
    with pytest.raises(ValueError, match="both"):
        SoftmaxTrainer(X, y, X_val=X)


# --------------------------------------------------------------------------- saving


def _round_trip(t, X, y, **kwargs):
    import json

    return SoftmaxTrainer.from_state(X, y, json.loads(json.dumps(t.state())), **kwargs)


@pytest.mark.parametrize("shuffle", [True, False])
def test_a_saved_state_continues_bit_for_bit(shuffle):
    X, y = clusters(k=4, n=53)
    X_val, y_val = clusters(k=4, n=20, seed=9)
    t = SoftmaxTrainer(X, y, lr=0.3, batch_size=7, shuffle=shuffle, seed=5, X_val=X_val,
                       labels_val=y_val, history_capacity=8)
    t.step(137)  # mid-epoch, after the history has thinned itself
    u = _round_trip(t, X, y, X_val=X_val, labels_val=y_val)
    assert np.array_equal(u.W, t.W) and u.steps == t.steps and u.epoch == t.epoch
    assert np.array_equal(u.last_batch, t.last_batch)
    t.step(300)
    u.step(300)
    assert np.array_equal(u.W, t.W) and np.array_equal(u.b, t.b)
    for name in ("step_index", "step_loss", "epoch_train_loss", "epoch_val_accuracy",
                 "epoch_w_norm"):
        assert np.array_equal(getattr(u.history, name), getattr(t.history, name),
                              equal_nan=True), name


def test_a_diverged_naive_run_is_saved_as_diverged():
    X, y = np.array([[1.0], [2.0]]), np.array([0, 1])
    t = SoftmaxTrainer(X, y, W0=[[800.0, 0.0]], stable=False, seed=0)
    t.step(1)
    u = _round_trip(t, X, y)
    assert u.diverged and u.divergence_reason == REASON_EXP_OVERFLOW and u.step(5) == 0


def test_a_state_refuses_other_data_and_names_broken_fields():
    X, y = clusters(n=30)
    t = SoftmaxTrainer(X, y, seed=0)
    t.step(4)
    with pytest.raises(ValueError, match="other data"):
        SoftmaxTrainer.from_state(X, (y + 1) % 3, t.state())
    for field, value, message in [
        ("W", [[1.0]], "W"),
        ("epoch_order", [0, 0, 1], "epoch_order"),
        ("position", 99, "position"),
        ("rng", {"bit_generator": "Nope"}, "rng"),
        ("kind", "SGDTrainer", "kind"),
    ]:
        state = t.state()
        state[field] = value
        with pytest.raises(ValueError, match=message):
            SoftmaxTrainer.from_state(X, y, state)
    state = t.state()
    del state["settings"]["lr"]
    with pytest.raises(ValueError, match=r"settings\.lr: is missing"):
        SoftmaxTrainer.from_state(X, y, state)


def test_trainer_figures_follow_the_parameters() -> None:
    """loss() and accuracy() are remembered per parameters, never stale after a step."""
    data = gaussian_clusters(3, 60, spread=2.0, seed=4)
    trainer = SoftmaxTrainer(data.X, data.labels, num_classes=3, seed=4)
    first = trainer.figures()
    assert first == (trainer.loss(), trainer.accuracy())
    trainer.step(5)
    o = data.X @ trainer.W + trainer.b
    assert trainer.loss() == pytest.approx(float(cross_entropy(o, data.labels).mean()))
    assert trainer.accuracy() == np.mean(o.argmax(axis=1) == data.labels)
    assert trainer.figures() != first
