"""A shuffled epoch gathered a block ahead of its batches trains exactly as one gathered whole.

On big data the SGD loop gathers Z[order] in blocks as its batches reach them (a whole epoch of
10⁶ rows at random stalled the first Step ~100 ms). These runs compare block sizes down to one
row against a block larger than the data, which is the whole-epoch gather.
"""

import numpy as np
import pytest

from linreg_lab.core import epoch_order
from linreg_lab.core.epoch_order import EpochOrder
from linreg_lab.core.sgd import SGDTrainer
from tests.core.test_sgd_state import assert_same_run, data, through_json

N = 1_001  # with batch 16: short last batches, and batches that straddle block ends


def run(block: int, monkeypatch, chunks=(1, 7, 150, 3, 400)) -> SGDTrainer:
    monkeypatch.setattr(epoch_order, "GATHER_BLOCK", block)
    X, y = data(N, d=3)
    t = SGDTrainer(X, y, lr=0.02, batch_size=16, shuffle=True, seed=5, history_capacity=64)
    for k in chunks:  # ~2 epochs and a half, in chunks that start mid-block
        t.step(k)
    return t


@pytest.mark.parametrize("block", [1, 5, 64, 333])
def test_block_gather_trains_as_the_whole_epoch_gather(block, monkeypatch):
    whole = run(10 * N, monkeypatch)
    assert_same_run(run(block, monkeypatch), whole)


def test_a_restored_run_gathers_its_rows_as_it_needs_them(monkeypatch):
    monkeypatch.setattr(epoch_order, "GATHER_BLOCK", 64)
    X, y = data(N, d=3)
    a = SGDTrainer(X, y, lr=0.02, batch_size=16, shuffle=True, seed=5)
    a.step(90)  # mid-epoch, past the first blocks
    c = SGDTrainer.from_state(X, y, through_json(a.state()))
    for t in (a, c):
        t.step(200)
    assert_same_run(a, c)


def test_rows_read_from_outside_are_the_whole_gathered_epoch(monkeypatch):
    monkeypatch.setattr(epoch_order, "GATHER_BLOCK", 10)
    X, y = data(N, d=2)
    order = EpochOrder(X, y, np.random.default_rng(0))
    _, drawn = order.start_epoch(shuffle=True, lazy=True)
    assert order.ready == 0  # nothing gathered until a batch asks
    assert order.gather_to(3) == 10  # a block ahead
    Z = np.column_stack([X, np.ones(N), -y])
    assert np.array_equal(order.rows, Z[drawn])  # completed for a reader of the whole epoch
    assert order.ready == N


def test_an_eager_epoch_is_gathered_at_once(monkeypatch):
    monkeypatch.setattr(epoch_order, "GATHER_BLOCK", 10)
    X, y = data(N, d=2)
    order = EpochOrder(X, y, np.random.default_rng(0))
    rows, drawn = order.start_epoch(shuffle=True)  # softmax regression's trainer reads these
    assert order.ready == N
    assert np.array_equal(rows, np.column_stack([X, np.ones(N), -y])[drawn])
