"""Undo keeps a bounded history: long sessions and big data do not grow memory without end.

A long monkey run grew the process by gigabytes: every Generate of a million points stayed
alive in the undo stack. These tests pin the bound (bytes and steps), that what is kept still
undoes exactly, and that the window says when old steps were dropped.
"""

from __future__ import annotations

import gc
import weakref

import numpy as np
import pytest

from linreg_lab.gui.state.data_state import GenerationSpec
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.state.undo_history import MAX_UNDO_BYTES


@pytest.fixture
def session(qapp):
    s = Session()
    yield s
    s.deleteLater()


def test_big_generates_keep_at_most_the_byte_bound_and_free_the_rest(session):
    session.undo_stack.max_bytes = 8 * 2**20
    dropped: list[int] = []
    session.undo_stack.trimmed.connect(dropped.append)
    gone = []
    for seed in range(12):
        session.generate(GenerationSpec(num_examples=100_000, seed=seed))
        gone.append(weakref.ref(session.data))
        assert session.undo_stack.kept_bytes() <= 8 * 2**20
    gc.collect()
    assert sum(dropped) > 0 and session.undo_stack.count() < 12
    assert gone[0]() is None  # the oldest data were freed, not only forgotten
    assert gone[-2]() is not None  # the newest undo step is still there


def test_what_is_kept_still_undoes_exactly(session):
    session.undo_stack.max_bytes = 8 * 2**20
    seen = []
    for seed in range(8):
        session.generate(GenerationSpec(num_examples=100_000, seed=seed))
        seen.append(session.data.dataset.y.copy())
    kept = session.undo_stack.count()
    for back in range(1, kept):
        session.undo_stack.undo()
        np.testing.assert_array_equal(session.data.dataset.y, seen[-1 - back])
    session.undo_stack.undo()  # the oldest kept step undoes to the data before it
    assert not session.undo_stack.canUndo()
    while session.undo_stack.canRedo():
        session.undo_stack.redo()
    np.testing.assert_array_equal(session.data.dataset.y, seen[-1])


def test_many_small_edits_keep_the_newest_steps(session):
    session.undo_stack.max_steps = 5
    session.clear()
    for i in range(10):
        session.add_example(float(i), 2.0 * i)
    assert session.undo_stack.count() == 5
    while session.undo_stack.canUndo():
        session.undo_stack.undo()
    assert session.dataset.n_examples == 5  # the five newest clicks undone, no more


def test_the_default_bound_holds_a_few_million_point_steps(session):
    session.generate(GenerationSpec(num_examples=10**6, w=(1.0, 2.0)))
    one = session.data.nbytes()
    assert 3 * one < MAX_UNDO_BYTES < 2**30  # several big steps, never gigabytes


def test_a_redo_tail_is_released_by_a_new_edit(session):
    session.generate(GenerationSpec(num_examples=50_000, seed=1))
    tail = weakref.ref(session.data)
    session.undo_stack.undo()
    session.add_example(0.5, 1.0)
    gc.collect()
    assert tail() is None and not session.undo_stack.canRedo()


def test_the_window_says_when_old_steps_were_dropped(make_window, qtbot):
    window = make_window()
    window.session.undo_stack.max_steps = 2
    for i in range(3):
        window.session.add_example(float(i), 1.0)
    message = window.statusBar().currentMessage()
    assert "Undo" in message and "oldest" in message
