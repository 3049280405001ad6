"""SGDTrainer.state / from_state: a restored trainer continues bit for bit, through JSON."""

import json
import math

import numpy as np
import pytest

from linreg_lab.core.exact_json import (
    array_from_json,
    array_to_json,
    float_from_json,
    float_to_json,
)
from linreg_lab.core.sgd import SGDTrainer

N = 53  # not a multiple of the batch sizes below: short last batches happen


def data(n=N, d=2, seed=1):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    return X, X @ np.linspace(2.0, -3.4, d) + 4.2 + rng.normal(0.0, 0.3, n)


def through_json(state: dict) -> dict:
    """What a file holds: strict JSON (no bare NaN), read back."""
    return json.loads(json.dumps(state, allow_nan=False))


def assert_same_run(a: SGDTrainer, c: SGDTrainer) -> None:
    assert np.array_equal(a.w, c.w) and a.w.tolist() == c.w.tolist()
    assert a.b == c.b and (a.steps, a.epoch) == (c.steps, c.epoch)
    assert a.epoch_position == c.epoch_position
    ha, hc = a.history, c.history
    for name in ("step_index", "step_loss", "step_w", "step_b", "epoch_index", "epoch_step",
                 "epoch_w"):
        assert np.array_equal(getattr(ha, name), getattr(hc, name)), name
    assert np.array_equal(ha.epoch_train_loss, hc.epoch_train_loss)
    assert (ha.start_w.tolist(), ha.start_b) == (hc.start_w.tolist(), hc.start_b)
    assert np.array_equal(a.last_batch, c.last_batch)
    if a.last_update is not None:
        assert a.last_update.batch_size == c.last_update.batch_size


@pytest.mark.parametrize("shuffle", [True, False])
@pytest.mark.parametrize("k", [0, 1, 5, 8, 16, 40])  # 8 and 16 end epochs at batch 7 (n = 53)
def test_restored_trainer_continues_bit_for_bit(shuffle, k):
    X, y = data()
    a = SGDTrainer(X, y, lr=0.05, batch_size=7, shuffle=shuffle, seed=3, history_capacity=8)
    a.step(k)
    c = SGDTrainer.from_state(X, y, through_json(a.state()))
    assert_same_run(a, c)
    for t in (a, c):  # a batch-size change mid-epoch, then many more steps (and halvings)
        t.step(3)
        t.batch_size = 5
        t.step(60)
    assert_same_run(a, c)


def test_state_saved_after_a_batch_size_and_shuffle_change_mid_epoch():
    X, y = data()
    a = SGDTrainer(X, y, lr=0.02, batch_size=7, shuffle=False, seed=5)
    a.step(10)
    a.batch_size, a.shuffle = 4, True  # the shuffle change waits for the next epoch
    a.step(3)
    c = SGDTrainer.from_state(X, y, through_json(a.state()))
    assert (c.batch_size, c.shuffle) == (4, True)
    a.step(50)
    c.step(50)
    assert_same_run(a, c)


def test_random_generator_state_is_kept_exactly():
    X, y = data()
    a = SGDTrainer(X, y, batch_size=10, seed=11)
    a.step(7)
    c = SGDTrainer.from_state(X, y, through_json(a.state()))
    assert c._epochs.rng.bit_generator.state == a._epochs.rng.bit_generator.state
    assert c._epochs.rng.permutation(N).tolist() == a._epochs.rng.permutation(N).tolist()


def test_robust_loss_with_validation_and_last_update():
    X, y = data(n=80, d=1, seed=4)
    Xv, yv = data(n=20, d=1, seed=5)
    a = SGDTrainer(X, y, lr=0.1, batch_size=9, seed=2, loss="huber", huber_delta=0.5,
                   X_val=Xv, y_val=yv)
    a.step(25)
    a.loss_name = "absolute"
    a.step(12)
    c = SGDTrainer.from_state(X, y, through_json(a.state()), X_val=Xv, y_val=yv)
    assert (c.loss_name, c.huber_delta, c.lr) == ("absolute", 0.5, 0.1)
    assert np.array_equal(a.history.epoch_val_loss, c.history.epoch_val_loss)
    ra, rc = a.last_update, c.last_update
    assert np.array_equal(ra.batch, rc.batch) and np.array_equal(ra.grad_w, rc.grad_w)
    assert (ra.b_before, ra.b_after, ra.loss_name) == (rc.b_before, rc.b_after, rc.loss_name)
    a.step(40)
    c.step(40)
    assert_same_run(a, c)
    assert a.val_loss() == c.val_loss()


def test_diverged_trainer_saves_and_loads():
    X, y = data(n=100)
    a = SGDTrainer(X, y, lr=1e160, batch_size=100, seed=0)
    a.step(5)
    assert a.diverged and "non-finite" in a.divergence_reason
    c = SGDTrainer.from_state(X, y, through_json(a.state()))
    assert c.diverged and c.divergence_reason == a.divergence_reason
    assert c.step(10) == 0 and np.array_equal(c.w, a.w) and c.b == a.b
    assert np.array_equal(c.history.epoch_train_loss, a.history.epoch_train_loss)


def test_a_trainer_whose_loss_overflows_is_diverged_and_saves_and_loads():
    X, y = data(n=100)
    X = X * 1e100
    a = SGDTrainer(X, y, w0=[1e300, -1e300], seed=0)  # its loss overflows from the start
    assert a.diverged and math.isinf(a.loss())
    text = json.dumps(a.state(), allow_nan=False)  # strict JSON, whatever the numbers
    c = SGDTrainer.from_state(X, y, json.loads(text))
    assert c.diverged and c.divergence_reason == a.divergence_reason
    assert c.step(10) == 0 and np.array_equal(c.w, a.w) and c.b == a.b


def test_other_data_are_refused():
    X, y = data()
    state = SGDTrainer(X, y, seed=1).state()
    y2 = y.copy()
    y2[3] = np.nextafter(y2[3], np.inf)  # one ulp is enough
    with pytest.raises(ValueError, match="other training data"):
        SGDTrainer.from_state(X, y2, state)
    with pytest.raises(ValueError, match="examples"):
        SGDTrainer.from_state(X[:-1], y[:-1], state)


@pytest.mark.parametrize(
    "key, value, message",
    [
        ("kind", "Adam", "not an SGDTrainer"),
        ("version", 99, "newer"),
        ("epoch_order", [0] * N, "permutation"),
        ("rng", {"bit_generator": "Nope"}, '^rng.bit_generator: must be one of "PCG64"'),
        ("rng", {"bit_generator": "PCG64", "state": "x"}, "^rng: not a valid PCG64 state"),
        ("position", N + 1, f"^position: must be at most {N}"),
        ("loss", "cubic", '^loss: must be one of "squared"'),
        ("w", [1.0], "^w: must hold 2 numbers, got 1"),
        ("steps", 1000, "^history.step_loss: the rows do not fit 1000 steps"),
        ("history", {"capacity": 8}, "^history.start: is missing"),
        ("lr", 0.0, "^lr: must be more than 0"),
        ("batch_size", 7.0, "^batch_size: must be a whole number"),
        ("huber_delta", "nan", "^huber_delta: must be a finite number"),
        ("data_sha256", "abc", "^data_sha256: must be a SHA-256 digest"),
        ("last", {"batch": [N], "lr": 0.03, "loss": "squared", "huber_delta": 1.0,
                  "before": [0.0] * 3, "after": [0.0] * 3}, "^last.batch: must hold example"),
    ],
)
def test_malformed_states_raise_value_errors(key, value, message):
    X, y = data()
    a = SGDTrainer(X, y, batch_size=7, seed=1)
    a.step(9)
    state = through_json(a.state())
    state[key] = value
    with pytest.raises(ValueError, match=message):
        SGDTrainer.from_state(X, y, state)


@pytest.mark.parametrize(
    "key, value, message",
    [
        ("capacity", 10**12, "^history.capacity: must be between 2 and 4194304"),
        ("stride", 3, "^history.stride: must be a power of two, got 3"),
        ("step_theta", [[0.0, 1.0]], "^history.step_theta: must have 3 columns"),
        ("epoch_kind", [7], "^history.epoch_kind: must hold loss kinds"),
        ("epoch_train_loss", [], "^history.epoch_train_loss: must hold 1 entry"),
    ],
)
def test_malformed_histories_are_refused_before_anything_is_allocated(key, value, message):
    X, y = data()
    a = SGDTrainer(X, y, batch_size=7, seed=1)
    a.step(9)
    state = through_json(a.state())
    state["history"][key] = value
    with pytest.raises(ValueError, match=message):
        SGDTrainer.from_state(X, y, state)


def test_state_is_strict_json_and_small():
    X, y = data()
    t = SGDTrainer(X, y, seed=1)
    t.step(20)
    text = json.dumps(t.state(), allow_nan=False)
    assert len(text) < 20_000


# --- the float encoding -----------------------------------------------------------------------


def test_exact_json_round_trips_every_float():
    values = [0.1, -0.0, 5e-324, 1.7976931348623157e308, 1 / 3, math.nan, math.inf, -math.inf]
    back = [float_from_json(v) for v in json.loads(json.dumps([float_to_json(v) for v in values],
                                                              allow_nan=False))]
    assert [v.hex() for v in back] == [v.hex() for v in values]
    a = np.array([[0.1, math.inf], [-math.inf, math.nan]])
    b = array_from_json(json.loads(json.dumps(array_to_json(a), allow_nan=False)), 2)
    assert np.array_equal(a, b, equal_nan=True)
    assert array_from_json([], 2, width=3).shape == (0, 3)


@pytest.mark.parametrize("bad", [True, "1.5", None, [1.0]])
def test_exact_json_refuses_what_is_not_a_number(bad):
    with pytest.raises(ValueError):
        array_from_json([1.0, bad], 1)


def test_exact_json_refuses_ragged_matrices():
    with pytest.raises(ValueError, match="equal lengths"):
        array_from_json([[1.0, 2.0], [3.0]], 2)


def test_step_records_carry_the_batch_size_and_the_step_each_epoch_ended_at():
    """A batch size changed mid-epoch: each epoch row knows the step it ended at, and the
    last update the batch size it was taken with (not the one set afterwards)."""
    X, y = data()
    t = SGDTrainer(X, y, batch_size=10, shuffle=False, seed=0)
    t.step(2)  # 20 of 53
    t.batch_size = 20
    t.step(2)  # 40, then 53 (a short batch of 13): epoch 1 ends at step 4
    assert t.last_update.batch_size == 20 and t.last_update.batch.size == 13
    t.step(3)  # 20, 40, 53: epoch 2 ends at step 7
    t.batch_size = 5
    assert t.last_update.batch_size == 20  # set after the step: the record keeps its own
    assert t.history.epoch_step.tolist() == [4, 7]
    big = SGDTrainer(X, y, batch_size=500, seed=0)
    big.step(1)
    assert big.last_update.batch_size == N == big.last_update.batch.size  # a full batch


def test_states_saved_before_epoch_steps_were_recorded_still_open():
    """Older files have no epoch_step and no last.batch_size: epochs are placed at the saved
    batch size's steps per epoch, the last update gets the saved batch size."""
    X, y = data()
    a = SGDTrainer(X, y, batch_size=7, seed=3)
    a.step(20)  # 8 steps per epoch of 53: two epochs
    old = through_json(a.state())
    del old["history"]["epoch_step"], old["last"]["batch_size"]
    c = SGDTrainer.from_state(X, y, old)
    assert c.history.epoch_step.tolist() == [8, 16] == a.history.epoch_step.tolist()
    assert c.last_update.batch_size == 7
    broken = through_json(a.state())
    broken["history"]["epoch_step"] = [16, 8]
    with pytest.raises(ValueError, match="epoch_step"):
        SGDTrainer.from_state(X, y, broken)
