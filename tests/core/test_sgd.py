"""SGDTrainer: d2l's results, exact minibatch semantics, determinism, divergence, history."""

import numpy as np
import pytest

from linreg_lab import core
from linreg_lab.core.losses import get_loss, squared_loss
from linreg_lab.core.sgd import SGDTrainer

TRUE_W, TRUE_B = np.array([2.0, -3.4]), 4.2


def d2l_data(n=1000, seed=0, noise=0.01):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 2))
    return X, X @ TRUE_W + TRUE_B + rng.normal(0.0, noise, n)


def lstsq(X, y):
    theta = np.linalg.lstsq(np.column_stack([X, np.ones(len(y))]), y, rcond=None)[0]
    return theta[:-1], theta[-1]


# --- the book's results ---------------------------------------------------------------------


def test_d2l_headline_three_epochs():
    X, y = d2l_data()
    t = SGDTrainer(X, y, lr=0.03, batch_size=10, seed=1)
    start = t.loss()
    assert t.step(300) == 300
    assert t.epoch == 3 and t.steps == 300
    # 200 seeds give at most ~2e-3 after 3 epochs; the noise floor of the loss is ~5e-5
    assert np.abs(t.w - TRUE_W).max() < 5e-3
    assert abs(t.b - TRUE_B) < 5e-3
    assert t.loss() < 1e-4 < start


def test_full_batch_gd_reaches_least_squares():
    X, y = d2l_data(n=200, seed=3, noise=0.5)
    t = SGDTrainer(X, y, lr=0.5, batch_size=200, shuffle=False, seed=0)
    t.step(400)
    w_star, b_star = lstsq(X, y)
    np.testing.assert_allclose(t.w, w_star, atol=1e-10)
    assert t.b == pytest.approx(b_star, abs=1e-10)
    assert t.epoch == 400


def test_full_batch_stability_limit_via_trainer():
    rng = np.random.default_rng(4)
    X = rng.normal(1.0, 2.0, size=(100, 1))
    y = 3.0 * X[:, 0] + 1.0 + rng.normal(0, 0.1, 100)
    limit = SGDTrainer(X, y).stability_limit()
    below = SGDTrainer(X, y, lr=0.97 * limit, batch_size=100, shuffle=False, seed=0)
    above = SGDTrainer(X, y, lr=1.03 * limit, batch_size=100, shuffle=False, seed=0)
    start = below.loss()
    below.step(500)
    above.step(500)
    assert below.loss() < 1e-3 * start
    assert above.loss() > 1e3 * start or above.diverged


# --- exact minibatch semantics ----------------------------------------------------------------


def test_hand_computed_updates_with_a_short_last_batch():
    X = np.arange(1.0, 6.0).reshape(5, 1)
    y = np.arange(1.0, 6.0)
    t = SGDTrainer(X, y, lr=0.1, batch_size=2, shuffle=False, w0=[0.0], b0=0.0)
    # batch [0, 1]: r = [-1, -2]; grad_w = (-1·1 - 2·2)/2 = -2.5, grad_b = -1.5
    t.step()
    assert t.last_batch.tolist() == [0, 1]
    assert t.w[0] == pytest.approx(0.25) and t.b == pytest.approx(0.15)
    # batch [2, 3]: r = [-2.1, -2.85]; grad_w = -8.85, grad_b = -2.475
    t.step()
    assert t.last_batch.tolist() == [2, 3]
    assert t.w[0] == pytest.approx(1.135) and t.b == pytest.approx(0.3975)
    assert t.epoch == 0
    # short batch [4]: r = 1.0725; averaged over 1 example, not 2
    t.step()
    rec = t.last_update
    assert rec.batch.tolist() == [4]
    assert rec.grad_w[0] == pytest.approx(5.3625) and rec.grad_b == pytest.approx(1.0725)
    assert rec.batch_loss == pytest.approx(1.0725**2 / 2)
    assert rec.w_before[0] == pytest.approx(1.135) and rec.b_before == pytest.approx(0.3975)
    assert rec.w_after[0] == t.w[0] == pytest.approx(0.59875)
    assert rec.b_after == t.b == pytest.approx(0.29025)
    assert rec.lr == 0.1
    assert t.epoch == 1 and t.epoch_position == 0
    t.step()
    assert t.last_batch.tolist() == [0, 1]  # unshuffled: the next epoch starts over in order


def test_shuffled_batches_follow_the_documented_generator_sequence():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(7, 2)), rng.normal(size=7)
    t = SGDTrainer(X, y, batch_size=3, seed=42)
    ref = np.random.default_rng(42)
    np.testing.assert_array_equal(t.history.start_w, ref.normal(0.0, 0.01, size=2))
    for _ in range(3):  # three epochs, each a fresh permutation
        perm = ref.permutation(7)
        seen = []
        for start in (0, 3, 6):
            t.step()
            np.testing.assert_array_equal(t.last_batch, perm[start : start + 3])
            seen.extend(t.last_batch)
        assert sorted(seen) == list(range(7))


def test_given_w0_draws_nothing_before_the_first_permutation():
    rng = np.random.default_rng(1)
    X, y = rng.normal(size=(6, 1)), rng.normal(size=6)
    t = SGDTrainer(X, y, batch_size=6, seed=5, w0=[0.5], b0=-1.0)
    assert t.w.tolist() == [0.5] and t.b == -1.0
    t.step()
    np.testing.assert_array_equal(t.last_batch, np.random.default_rng(5).permutation(6))


def test_batch_update_matches_direct_formula_for_each_loss():
    X, y = d2l_data(n=50, seed=2)
    y[::7] += 30.0  # outliers, so the robust losses clip
    for name in ("squared", "absolute", "huber"):
        t = SGDTrainer(X, y, lr=0.05, batch_size=8, seed=3, loss=name, huber_delta=0.5)
        t.step(4)
        w0, b0 = t.w, t.b
        t.step()
        idx = t.last_batch
        r = X[idx] @ w0 + b0 - y[idx]
        psi = get_loss(name).grad_r(r, 0.5)
        np.testing.assert_allclose(t.w, w0 - 0.05 * psi @ X[idx] / 8, rtol=1e-12)
        assert t.b == pytest.approx(b0 - 0.05 * psi.mean(), rel=1e-12)
        assert t.last_update.batch_loss == pytest.approx(get_loss(name).value_r(r, 0.5).mean())


# --- determinism and hyperparameter changes -----------------------------------------------------


def test_same_seed_same_numbers_however_the_steps_are_chunked():
    X, y = d2l_data(n=103, seed=9)
    a = SGDTrainer(X, y, batch_size=10, seed=7)
    b = SGDTrainer(X, y, batch_size=10, seed=7)
    a.step(500)
    for k in [1, 2, 3, 50, 7, 100, 1, 336]:
        b.step(k)
    assert b.steps == a.steps == 500
    assert np.array_equal(a.w, b.w) and a.b == b.b
    assert np.array_equal(a.history.step_w, b.history.step_w)
    assert np.array_equal(a.history.step_loss, b.history.step_loss)
    c = SGDTrainer(X, y, batch_size=10, seed=8)
    c.step(500)
    assert not np.array_equal(a.w, c.w)


def test_batch_size_change_mid_epoch_keeps_every_example_once():
    X, y = d2l_data(n=10, seed=1)
    t = SGDTrainer(X, y, batch_size=3, shuffle=False, seed=0)
    t.step()
    assert t.last_batch.tolist() == [0, 1, 2]
    t.batch_size = 4
    t.step()
    assert t.last_batch.tolist() == [3, 4, 5, 6]
    t.step()
    assert t.last_batch.tolist() == [7, 8, 9] and t.epoch == 1
    # shuffled, with the batch size changing every step: each epoch is still a permutation
    s = SGDTrainer(X, y, batch_size=2, seed=3)
    seen = []
    sizes = iter([1, 4, 2, 3, 5, 1, 2, 2, 6, 1])
    while s.epoch < 2:
        s.batch_size = next(sizes)
        s.step()
        seen.extend(s.last_batch.tolist())
    assert sorted(seen[:10]) == list(range(10)) and sorted(seen[10:]) == list(range(10))


def test_lr_loss_and_shuffle_changes_apply_without_reset():
    X, y = d2l_data(n=20, seed=4)
    t = SGDTrainer(X, y, batch_size=5, shuffle=False, seed=0)
    t.step(2)
    t.lr = 0.2
    w, b = t.w, t.b
    t.step()
    rec = t.last_update
    assert rec.lr == 0.2 and t.steps == 3
    np.testing.assert_allclose(t.w, w - 0.2 * rec.grad_w, rtol=1e-12)
    t.loss_name = "absolute"
    w, b = t.w, t.b
    t.step()  # the last batch of epoch 1, still in order
    assert t.last_batch.tolist() == [15, 16, 17, 18, 19] and t.epoch == 1
    r = X[15:] @ w + b - y[15:]
    np.testing.assert_allclose(t.last_update.grad_w, np.sign(r) @ X[15:] / 5)
    assert t.loss() == pytest.approx(np.abs(X @ t.w + t.b - y).mean())
    t.shuffle = True
    t.step()
    assert t.last_batch.tolist() != [0, 1, 2, 3, 4]
    with pytest.raises(ValueError):
        t.lr = -1.0
    with pytest.raises(ValueError):
        t.batch_size = 0
    with pytest.raises(ValueError):
        t.loss_name = "hinge"


def test_steps_to_epoch_counts_batches_left():
    X, y = d2l_data(n=25, seed=5)
    t = SGDTrainer(X, y, batch_size=4, seed=1)
    assert t.steps_to_epoch(0) == 0 and t.steps_to_epoch(1) == 7 and t.steps_to_epoch(3) == 21
    t.step(3)  # 12 examples visited, 13 left
    assert t.steps_to_epoch(2) == 4 + 7
    t.batch_size = 5
    assert t.steps_to_epoch(1) == 3
    assert t.step(t.steps_to_epoch(2)) == 3 + 5 and t.epoch == 2 and t.epoch_position == 0


def test_empty_training_set_does_nothing_quietly():
    t = SGDTrainer(np.zeros((0, 2)), np.zeros(0), seed=0)
    assert t.step(10) == 0 and t.run_epoch() == 0 and t.steps == 0
    assert np.isnan(t.loss()) and t.steps_to_epoch(1) == 0 and t.last_batch is None
    t.loss_name = "huber"
    assert np.isnan(t.loss())


def test_run_epoch_finishes_the_current_epoch():
    X, y = d2l_data(n=25, seed=5)
    t = SGDTrainer(X, y, batch_size=4, seed=1)
    assert t.run_epoch() == 7 and t.epoch == 1
    t.step(2)
    assert t.run_epoch() == 5 and t.epoch == 2 and t.epoch_position == 0


# --- divergence -----------------------------------------------------------------------------


def _assert_stopped(t, reason_part):
    assert t.diverged
    assert reason_part in t.divergence_reason
    assert np.isfinite(t.w).all() and np.isfinite(t.b)
    steps, w = t.steps, t.w
    assert t.step(10) == 0 and t.steps == steps and np.array_equal(t.w, w)
    assert np.isfinite(t.history.step_w).all() and np.isfinite(t.history.step_loss).all()


def test_huge_lr_explodes_and_stops_with_finite_parameters():
    X, y = d2l_data(n=100, seed=6)
    t = SGDTrainer(X, y, lr=10.0, batch_size=10, seed=0)
    done = t.step(1000)
    assert 0 < done < 1000 and t.steps == done
    _assert_stopped(t, "exploded")


def test_loss_overflow_is_reported_as_non_finite():
    X, y = d2l_data(n=100, seed=6)
    t = SGDTrainer(X, y, lr=1e160, batch_size=10, seed=0)
    t.step(10)
    _assert_stopped(t, "non-finite")


def test_parameter_overflow_keeps_the_last_finite_parameters():
    X, y = d2l_data(n=100, seed=6)
    t = SGDTrainer(X, y, lr=1e308, batch_size=10, seed=0)
    w0 = t.w
    assert t.step(5) == 0
    _assert_stopped(t, "overflow")
    assert np.array_equal(t.w, w0) and t.last_update is None


# --- history and losses -----------------------------------------------------------------------


def test_history_records_every_step_until_full():
    X, y = d2l_data(n=50, seed=1)
    t = SGDTrainer(X, y, batch_size=10, seed=2)
    w_path = []
    losses = []
    for _ in range(12):
        t.step()
        w_path.append(t.w)
        losses.append(t.last_update.batch_loss)
    h = t.history
    assert h.step_index.tolist() == list(range(1, 13))
    np.testing.assert_array_equal(h.step_w, w_path)
    np.testing.assert_allclose(h.step_loss, losses, rtol=1e-12)
    assert h.epoch_index.tolist() == [1, 2]


def test_history_stays_bounded_and_keeps_the_right_rows():
    X, y = d2l_data(n=1000, seed=2)
    full = SGDTrainer(X, y, batch_size=100, seed=4, history_capacity=10_000)
    small = SGDTrainer(X, y, batch_size=100, seed=4, history_capacity=8)
    full.step(3000)
    small.step(3000)
    h, ref = small.history, full.history
    assert len(ref.step_index) == 3000 and len(ref.epoch_index) == 300
    assert 4 <= len(h.step_index) <= 8 and h.stride in (512, 1024)
    idx = h.step_index
    assert np.all(idx % h.stride == 0) and idx[-1] <= 3000 < idx[-1] + h.stride
    np.testing.assert_array_equal(h.step_w, ref.step_w[idx - 1])
    np.testing.assert_array_equal(h.step_b, ref.step_b[idx - 1])
    np.testing.assert_array_equal(h.step_loss, ref.step_loss[idx - 1])
    e = h.epoch_index
    assert 4 <= len(e) <= 8
    np.testing.assert_array_equal(h.epoch_w, ref.epoch_w[e - 1])
    np.testing.assert_array_equal(h.epoch_train_loss, ref.epoch_train_loss[e - 1])


def test_long_run_memory_is_bounded():
    X, y = d2l_data(n=1000, seed=2)
    t = SGDTrainer(X, y, batch_size=1000, shuffle=False, seed=4, history_capacity=16)
    t.step(100_000)
    assert t.steps == 100_000
    assert len(t.history.step_index) <= 16 and len(t.history.epoch_index) <= 16
    assert t.history._loss.shape == (16,)  # the buffer never grew


def test_epoch_losses_and_validation_loss_per_epoch():
    X, y = d2l_data(n=300, seed=7, noise=0.3)
    Xv, yv = d2l_data(n=80, seed=8, noise=0.3)
    t = SGDTrainer(X, y, batch_size=20, seed=1, X_val=Xv, y_val=yv)
    t.step(15 * 3 + 4)
    h = t.history
    assert h.epoch_index.tolist() == [1, 2, 3]
    W, B = h.epoch_w, h.epoch_b
    train = [squared_loss(X @ w + b, y).mean() for w, b in zip(W, B, strict=True)]
    val = [squared_loss(Xv @ w + b, yv).mean() for w, b in zip(W, B, strict=True)]
    np.testing.assert_allclose(h.epoch_train_loss, train, rtol=1e-10)
    np.testing.assert_allclose(h.epoch_val_loss, val, rtol=1e-10)
    assert t.val_loss() == pytest.approx(squared_loss(Xv @ t.w + t.b, yv).mean(), rel=1e-10)
    assert t.loss() == pytest.approx(squared_loss(X @ t.w + t.b, y).mean(), rel=1e-10)
    assert SGDTrainer(X, y).history.epoch_val_loss is None and SGDTrainer(X, y).val_loss() is None


def test_epoch_losses_use_the_loss_selected_at_the_time():
    X, y = d2l_data(n=40, seed=3)
    t = SGDTrainer(X, y, batch_size=40, seed=0, loss="huber", huber_delta=0.5)
    t.step()
    t.loss_name = "squared"
    t.step()
    w, b = t.history.epoch_w, t.history.epoch_b
    huber = get_loss("huber").value(X @ w[0] + b[0], y, delta=0.5).mean()
    np.testing.assert_allclose(
        t.history.epoch_train_loss, [huber, squared_loss(X @ w[1] + b[1], y).mean()]
    )


def test_input_shapes_are_checked():
    X, y = d2l_data(n=10)
    with pytest.raises(ValueError, match=r"\(n,\)"):
        SGDTrainer(X, y.reshape(-1, 1))
    with pytest.raises(ValueError):
        SGDTrainer(X, y, w0=[1.0, 2.0, 3.0])
    with pytest.raises(ValueError):
        SGDTrainer(X, y, X_val=X)


def test_a_step_that_goes_non_finite_is_flagged_at_once() -> None:
    """The last update of a call is checked too: no inf loss shown as if training went on."""
    X = np.array([[1e100], [0.5e100], [-1e100]])
    t = SGDTrainer(X, np.array([1.0, 2.0, 3.0]), lr=0.03, batch_size=3, seed=0)
    t.step(1)
    assert t.diverged and "non-finite" in t.divergence_reason  # said at once, not a step later
    assert np.isfinite(t.w).all() and np.isfinite(t.loss())  # the numbers shown stay finite
    assert t.step(1) == 0


# --- a loss that would overflow is divergence, found the same however the steps are chunked ---


def test_a_step_whose_loss_would_overflow_is_not_taken():
    # one point at x = 1e100: the first update jumps w to ~1e196, where the loss is inf
    t = SGDTrainer(np.array([[1e100]]), np.array([0.0]), lr=0.03, batch_size=10, seed=0)
    assert not t.diverged and np.isfinite(t.loss())
    w = t.w
    assert t.run_epoch() == 0
    _assert_stopped(t, "non-finite")
    assert np.array_equal(t.w, w) and np.isfinite(t.loss())


def test_extreme_data_diverge_at_the_same_step_however_chunked():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(40, 1)) * 1e60
    X[7] = 1e100
    y = rng.normal(size=40)
    a = SGDTrainer(X, y, lr=1e-5, batch_size=4, seed=2)
    b = SGDTrainer(X, y, lr=1e-5, batch_size=4, seed=2)
    a.step(10_000)
    while b.step(1):
        pass
    assert a.diverged and b.diverged and a.divergence_reason == b.divergence_reason
    assert a.steps == b.steps and np.array_equal(a.w, b.w) and a.b == b.b
    assert np.isfinite(a.loss())


def test_validation_losses_that_would_overflow_count_too():
    # one update takes w from 0.01 to ~1e93: a finite training loss, an infinite validation one
    t = SGDTrainer(np.array([[1e50]]), np.array([0.0]), lr=1e-5, batch_size=1, w0=[0.01],
                   X_val=np.array([[1e100]]), y_val=np.array([0.0]))
    assert t.step(1) == 0
    _assert_stopped(t, "non-finite")
    assert np.isfinite(t.loss()) and np.isfinite(t.val_loss())


def test_a_start_or_loss_choice_whose_loss_overflows_is_diverged():
    X = np.array([[1e100], [-1e100]])
    y = np.array([0.0, 1.0])
    assert SGDTrainer(X, y, w0=[1e300], seed=0).diverged
    t = SGDTrainer(X, y, w0=[1e200], loss="absolute", seed=0)  # |r| = 1e300: finite
    assert not t.diverged and np.isfinite(t.loss())
    t.loss_name = "squared"  # r²/2 overflows
    assert t.diverged and "non-finite" in t.divergence_reason and t.step(5) == 0


# ----- d2l's sgd and sum versus mean (issue 13) ------------------------------------------


def _by_hand(X, y, lr, batch_size, rule, steps):
    """Minibatch SGD written out as d2l 3.2 does, without shuffling: the reference."""
    w, b = np.zeros(X.shape[1]), 0.0
    n, pos = len(y), 0
    for _ in range(steps):
        if pos >= n:
            pos = 0
        rows = np.arange(pos, min(pos + batch_size, n))
        pos = rows[-1] + 1
        r = X[rows] @ w + b - y[rows]
        divide = {"mean": len(rows), "d2l": batch_size, "sum": 1}[rule]
        w, b = w - lr * (r @ X[rows]) / divide, b - lr * r.sum() / divide
    return w, b


@pytest.mark.parametrize("rule", ["mean", "d2l", "sum"])
def test_update_rules_are_the_written_out_loop(rule):
    rng = np.random.default_rng(4)
    X = rng.normal(size=(23, 2))
    y = X @ [1.0, -2.0] + 0.5
    t = SGDTrainer(X, y, lr=0.01, batch_size=5, shuffle=False, w0=[0.0, 0.0], update=rule)
    t.step(14)  # 23 = 4·5 + 3: the short last batch is where d2l's sgd differs
    w, b = _by_hand(X, y, 0.01, 5, rule, 14)
    np.testing.assert_allclose(t.w, w, rtol=1e-13, atol=1e-15)
    assert t.b == pytest.approx(b, rel=1e-13)
    record = t.last_update
    assert record.update == rule and record.setting == 5


def test_d2l_differs_from_the_mean_only_in_short_batches_and_sum_is_lr_times_b():
    rng = np.random.default_rng(5)
    X = rng.normal(size=(20, 1))
    y = 3 * X[:, 0] + 1
    runs = {rule: SGDTrainer(X, y, lr=0.02, batch_size=5, shuffle=False, w0=[0.0],
                             update=rule) for rule in ("mean", "d2l", "sum")}
    for t in runs.values():
        t.step(8)  # 20 / 5: no short batch
    np.testing.assert_array_equal(runs["mean"].w, runs["d2l"].w)
    bigger = SGDTrainer(X, y, lr=0.1, batch_size=5, shuffle=False, w0=[0.0])
    bigger.step(8)
    np.testing.assert_allclose(runs["sum"].w, bigger.w, rtol=1e-12)  # η·B on the mean
    assert runs["sum"].last_update.step_lr == pytest.approx(0.1)


def test_the_update_rule_is_saved_and_an_old_state_means_the_mean():
    X, y = np.arange(12.0).reshape(6, 2), np.arange(6.0)
    t = SGDTrainer(X, y, lr=0.001, batch_size=4, update="d2l", seed=1)
    t.step(3)
    state = t.state()
    again = SGDTrainer.from_state(X, y, state)
    assert again.update == "d2l"
    t.step(5)
    again.step(5)
    np.testing.assert_array_equal(t.w, again.w)
    del state["update"], state["last"]["update"]
    assert SGDTrainer.from_state(X, y, state).update == "mean"
    with pytest.raises(ValueError, match="update must be one of"):
        t.update = "median"


def test_the_table_is_built_by_the_first_step_not_by_the_trainer() -> None:
    """A trainer made for an edit or an undo may never step: its [X, 1, −y] is not built
    until it does, and a run is the same either way."""
    X, y = core.synthetic_data([2.0, -3.4], 4.2, 500, seed=3)
    lazy, eager = core.SGDTrainer(X, y, seed=5), core.SGDTrainer(X, y, seed=5)
    assert lazy.known_table is None
    table = eager.table  # read before any step: built then
    assert eager.known_table is table
    shared = core.SGDTrainer(X, y, seed=5, table=table)
    for t in (lazy, eager, shared):
        t.step(123)
    assert lazy.known_table is not None
    np.testing.assert_array_equal(lazy.known_table, table)
    assert shared.table is table  # shared, not built again
    for t in (eager, shared):
        np.testing.assert_array_equal(t.w, lazy.w)
        assert t.b == lazy.b
