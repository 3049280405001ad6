"""core.history.History on its own: the block API the trainer's loop writes through."""

import numpy as np
import pytest

from linreg_lab.core.history import History
from linreg_lab.core.notation import LossKind


def no_losses(thetas, kinds, deltas):
    return np.zeros(len(thetas)), None


def write_steps(h: History, first: int, last: int) -> None:
    """Record steps first … last as the trainer does: loss = step, theta = [step, -step]."""
    block, row = h.reserve_steps(), 0
    due, stride = block.first_step, block.stride
    for step in range(first, last + 1):
        if step == due:
            block.loss[row], block.theta[row] = step, (step, -step)
            row, due = row + 1, due + stride
            if row == len(block.loss):
                h.commit_steps(row)
                block, row = h.reserve_steps(), 0
                due, stride = block.first_step, block.stride
    h.commit_steps(row)


@pytest.mark.parametrize("chunks", [[100], [1] * 100, [7, 30, 63], [63, 37]])
def test_rows_are_the_multiples_of_the_stride_however_the_steps_are_split(chunks):
    h = History(1, 8, no_losses, np.zeros(3))
    done = 0
    for k in chunks:
        write_steps(h, done + 1, done + k)
        done += k
    assert h.stride == 16 and h.step_index.tolist() == [16, 32, 48, 64, 80, 96]
    assert h.step_loss.tolist() == h.step_index.tolist()
    assert (h.step_w[:, 0] == h.step_index).all() and (h.step_b == -h.step_index).all()


def test_commit_refuses_more_rows_than_were_reserved():
    h = History(1, 4, no_losses, np.zeros(3))
    with pytest.raises(ValueError, match="do not fit"):
        h.commit_steps(5)


def test_epochs_keep_their_loss_kind_and_halve_alike():
    seen = []

    def evaluate(thetas, kinds, deltas):
        seen.append(kinds.tolist())
        return thetas[:, 0].copy(), None

    h = History(1, 4, evaluate, np.zeros(3))
    for epoch in range(1, 6):
        kind = LossKind.HUBER if epoch % 2 else LossKind.SQUARED
        h.record_epoch(epoch, np.array([epoch, 0.0]), kind, 0.5, 10 * epoch)
    assert h.epoch_index.tolist() == [2, 4] and h.epoch_train_loss.tolist() == [2.0, 4.0]
    assert seen[-1] == [0, 0]  # both kept rows were squared-loss epochs (code 0)
