"""A stateful fuzz of the Session with no window: every request, absurd values included.

Hypothesis drives a Session (and its RunLoop's turns) through random sequences of data edits,
generation, loading, splits, training, hyperparameter changes, lessons, undo/redo and session
files, and checks after every step what the views rely on:

- nothing escapes but RefusedChange (or SessionFileError from a session file), always with a
  message, and a refused change changes nothing;
- data, split and trainer agree (the trainer sees exactly the training rows, feature counts
  match);
- what the views show is finite or flagged: the trainer's w, b and loss are finite unless it
  diverged, the analytical solution is finite, the stability limit is never NaN;
- the analytical solution equals numpy.linalg.lstsq on [X, 1] where that problem is well posed;
- a diverged trainer was announced with the diverged signal (the banner listens to it);
- undo and redo bring back exactly (bit for bit) the data they left.

The CI setting runs a few thousand steps (about 10 s here). A long run:
    LINREG_FUZZ_EXAMPLES=2000 pytest tests/gui/test_session_machine.py
(LINREG_FUZZ_STEPS sets the steps per example; the long run is not derandomised.)
"""

from __future__ import annotations

import math
import os
import shutil
import tempfile
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from linreg_lab import core
from linreg_lab.core.notation import LOSS_KINDS, NOISE_KINDS
from linreg_lab.gui.state.data_state import GenerationSpec
from linreg_lab.gui.state.lessons import apply_lesson, load_lessons
from linreg_lab.gui.state.run_loop import RunLoop
from linreg_lab.gui.state.session import RefusedChange, Session
from linreg_lab.gui.state.session_io import SessionFileError, open_session, save_session

EXAMPLES = int(os.environ.get("LINREG_FUZZ_EXAMPLES", "0"))
LONG = EXAMPLES > 0
STEPS = int(os.environ.get("LINREG_FUZZ_STEPS", "40" if LONG else "30"))
SETTINGS = settings(
    max_examples=EXAMPLES or 120,
    stateful_step_count=STEPS,
    deadline=None,
    derandomize=not LONG,  # CI: the same few hundred steps every run, never flaky
    database=None,
    suppress_health_check=list(HealthCheck),
    print_blob=True,
)

LESSONS = [lesson for lesson in load_lessons() if not lesson.classifies]  # this Session's

# ----------------------------------------------------------------------------- strategies

EXTREMES = (0.0, -0.0, 1e300, -1e300, 1e-300, -1e-300, 5e-324, 1e100, -1e100, 9.9e99, 1e50,
            -1e-50, 1e308, 1.7976931348623157e308, math.nan, math.inf, -math.inf)
ordinary = st.floats(-50, 50, allow_nan=False)
number = st.one_of(ordinary, ordinary, st.sampled_from(EXTREMES), st.floats(width=64))
big_or_small = st.one_of(ordinary, st.sampled_from(EXTREMES))


@st.composite
def generation_specs(draw) -> GenerationSpec:
    d = draw(st.sampled_from((1, 1, 1, 2, 3)))
    w = tuple(draw(st.lists(st.one_of(ordinary, st.sampled_from((1e308, 1e100, 0.0))),
                            min_size=d, max_size=d)))
    lo = draw(st.one_of(st.none(), st.floats(-20, 20)))
    x_range = None
    if lo is not None:
        width = draw(st.sampled_from((1e-300, 1e-12, 1e-6, 1.0, 30.0, 0.0, -1.0)))
        x_range = (lo, lo + width)  # lo ≈ hi: every x (almost) the same
    return GenerationSpec(
        w=w, b=draw(st.one_of(ordinary, st.sampled_from((1e100, 1e300)))),
        noise_std=draw(st.sampled_from((0.0, 0.0, 0.1, 1.0, 1e3, 1e99))),
        noise=draw(st.sampled_from(NOISE_KINDS)),
        num_examples=draw(st.sampled_from((1, 2, 3, 5, 20, 60, 150))),
        seed=draw(st.integers(0, 2**31 - 1)), x_range=x_range,
        val_fraction=draw(st.sampled_from((0.0, 0.0, 0.2, 0.5, 0.51, -0.1))))


@st.composite
def datasets(draw) -> core.Dataset:
    n = draw(st.sampled_from((0, 1, 2, 3, 8, 40)))
    d = draw(st.sampled_from((1, 1, 2, 3)))
    kind = draw(st.sampled_from(("random", "identical_x", "duplicate", "huge", "tiny")))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    X = rng.normal(size=(n, d))
    if kind == "identical_x":
        X[:] = draw(big_or_small.filter(math.isfinite))
    elif kind == "duplicate" and d > 1:
        X[:, 1] = X[:, 0]
    elif kind == "huge":
        X *= draw(st.sampled_from((1e99, 1e100, 1e150, 1e300)))
    elif kind == "tiny":
        X *= draw(st.sampled_from((1e-300, 1e-200, 1e-30)))
    with np.errstate(over="ignore", invalid="ignore"):
        y = X.sum(axis=1) * draw(ordinary) + rng.normal(size=n) * draw(
            st.sampled_from((0.0, 1.0, 1e90)))
    return core.Dataset(X, np.where(np.isfinite(y), y, 0.0))


HYPER_CHANGES = st.one_of(
    st.fixed_dictionaries({"lr": st.sampled_from(
        (1e300, 0.0, -0.1, math.nan, math.inf, 1e-5, 1e-3, 0.03, 0.5, 3.0, 100.0, 1e-6))}),
    st.fixed_dictionaries({"batch_size": st.sampled_from(
        (0, 1, 2, 10, 10**6, 10**30, -3, 2.5, True))}),
    st.fixed_dictionaries({"num_epochs": st.sampled_from((0, 1, 3, 10**5, 10**12, -1))}),
    st.fixed_dictionaries({"huber_delta": st.sampled_from(
        (0.0, -1.0, math.nan, 1e-300, 0.5, 1.0, 1e4, 1e5))}),
    st.fixed_dictionaries({"seed": st.sampled_from((-1, 0, 7, 2**31 - 1, 2**31, 2**63))}),
    st.fixed_dictionaries({"init": st.sampled_from(("normal", "zeros", "point", "bogus"))}),
    st.fixed_dictionaries({"init_w": st.one_of(
        st.lists(number, min_size=0, max_size=4).map(tuple),
        st.just((math.nan,)))}),
    st.fixed_dictionaries({"init_b": number}),
    st.fixed_dictionaries({"loss": st.sampled_from((*LOSS_KINDS, "cubic"))}),
    st.fixed_dictionaries({"standardize": st.booleans()}),
    st.fixed_dictionaries({"shuffle": st.booleans()}),
    st.fixed_dictionaries({"init": st.just("point"), "init_w": st.lists(
        big_or_small, min_size=1, max_size=3).map(tuple), "init_b": big_or_small}),
)


# ----------------------------------------------------------------------------- helpers


def data_fingerprint(s: Session) -> tuple:
    """The data exactly: bytes of X, y and the split, names and share."""
    d, ds = s.data, s.dataset
    return (ds.X.shape, ds.X.tobytes(), ds.y.tobytes(), d.val_mask.tobytes(),
            ds.feature_names, ds.label_name, d.val_fraction)


def fingerprint(s: Session) -> tuple:
    """Everything a refused change must leave as it was."""
    t = s.trainer
    return (data_fingerprint(s), s.hyper, t.w.tobytes(), t.b, t.steps, t.epoch, t.diverged,
            t.lr, t.batch_size, t.loss_name, s.solution.lstsq.w.tobytes(), s.solution.lstsq.b,
            s.undo_stack.index(), s.undo_stack.count())


def reference_solution(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float] | None:
    """numpy's lstsq on [X, 1] and a tolerance, where the problem is well posed; else None."""
    n, d = X.shape
    if n < d + 1:
        return None
    A = np.column_stack([X, np.ones(n)])
    with np.errstate(all="ignore"):
        sv = np.linalg.svd(A, compute_uv=False)
        if not np.all(np.isfinite(sv)) or not sv[0] / sv[-1] <= 1e6:
            return None
    theta = np.linalg.lstsq(A, y, rcond=None)[0]
    return theta, sv[0] / sv[-1]


class SessionMachine(RuleBasedStateMachine):
    """One Session (and its RunLoop) driven through random requests."""

    def __init__(self) -> None:
        super().__init__()
        self.session = Session()
        self.loop = RunLoop(self.session)
        self.folder = Path(tempfile.mkdtemp(prefix="linreg-fuzz-"))
        self.saved = 0
        self.undo_model: dict[int, tuple] = {0: data_fingerprint(self.session)}
        self.announced: list = []  # trainers the diverged signal was emitted for
        self.session.diverged.connect(lambda _reason: self.announced.append(
            self.session.trainer))

    def teardown(self) -> None:
        self.loop.pause()
        self.loop.deleteLater()
        self.session.deleteLater()
        shutil.rmtree(self.folder, ignore_errors=True)

    # ----- running one request ----------------------------------------------------------
    def attempt(self, change, *args, **kwargs) -> bool:
        """Make one request: refused ones must say why and change nothing."""
        before = fingerprint(self.session)
        stack = self.session.undo_stack
        index, count = stack.index(), stack.count()
        try:
            change(*args, **kwargs)
        except (RefusedChange, SessionFileError) as refused:
            assert str(refused).strip(), f"{type(refused).__name__} without a message"
            assert fingerprint(self.session) == before, f"refused ({refused}) but changed"
            return False
        if (stack.index(), stack.count()) != (index, count) or \
                data_fingerprint(self.session) != before[0]:
            self._record_push()
        return True

    def _record_push(self) -> None:
        """A command was pushed (or merged): forget redo states, remember the new one."""
        index = self.session.undo_stack.index()
        self.undo_model = {k: v for k, v in self.undo_model.items() if k < index}
        self.undo_model[index] = data_fingerprint(self.session)

    # ----- data edits --------------------------------------------------------------------
    @initialize(n_features=st.sampled_from((1, 1, 2)))
    def start(self, n_features):
        if n_features != 1:
            self.attempt(self.session.generate, GenerationSpec(w=(1.0, -2.0), num_examples=30))

    @rule(x=number, y=number)
    def add_point(self, x, y):
        d = self.session.dataset.n_features
        self.attempt(self.session.add_example, x if d == 1 else np.full(d, x), y)

    @rule(where=st.floats(0, 1.2), x=number, y=number, continuing=st.booleans())
    def move_point(self, where, x, y, continuing):
        n, d = self.session.dataset.n_examples, self.session.dataset.n_features
        row = int(where * n)  # sometimes one past the end: a stale view's row
        self.attempt(self.session.move_example, row, x if d == 1 else np.full(d, x), y,
                     continuing=continuing)

    @rule(rows=st.lists(st.floats(0, 1.1), max_size=4))
    def delete_points(self, rows):
        n = self.session.dataset.n_examples
        self.attempt(self.session.remove_examples, [int(r * n) for r in rows])

    @rule(spec=generation_specs())
    def generate(self, spec):
        self.attempt(self.session.generate, spec)

    @rule()
    def clear(self):
        self.attempt(self.session.clear)

    @rule(dataset=datasets())
    def load(self, dataset):
        self.attempt(self.session.load_dataset, dataset, "Load data")

    @rule(share=st.sampled_from((0.0, 0.1, 0.2, 0.5, 0.5000001, 0.9, -0.2, math.nan, math.inf)))
    def validation_share(self, share):
        self.attempt(self.session.set_validation_fraction, share)

    # ----- training ----------------------------------------------------------------------
    @rule(k=st.sampled_from((1, 1, 3, 10, 100, 2000, 20000)))
    def step(self, k):
        self.attempt(self.session.step, k)

    @rule()
    def epoch(self):
        self.attempt(self.session.step_epoch)

    @rule(turns=st.integers(1, 6), rate=st.sampled_from((None, None, 1.0, 50.0, 1e6)))
    def run_loop_turns(self, turns, rate):
        """Start, drive the loop's compute and redraw turns by hand, pause."""
        loop = self.loop
        loop.set_steps_per_second(rate)
        self.attempt(loop.start)
        for _ in range(turns):
            for timer, turn in ((loop._compute, loop._compute_turn),
                                (loop._redraw, loop._redraw_turn)):
                if timer.isActive():
                    timer.stop()
                    self.attempt(turn)
        self.attempt(loop.pause)
        assert not loop.running

    @rule()
    def reset(self):
        self.attempt(self.session.reset)

    @rule(changes=HYPER_CHANGES)
    def hyperparameters(self, changes):
        self.attempt(self.session.set_hyperparameters, **changes)

    @rule(index=st.integers(0, len(LESSONS) - 1),
          seed=st.one_of(st.none(), st.integers(0, 2**31 - 1)))
    def lesson(self, index, seed):
        self.attempt(apply_lesson, self.session, LESSONS[index], seed=seed)

    # ----- undo and redo -----------------------------------------------------------------
    @rule()
    def undo(self):
        stack = self.session.undo_stack
        if stack.canUndo():
            stack.undo()
            self._check_undo_model("undo")

    @rule()
    def redo(self):
        stack = self.session.undo_stack
        if stack.canRedo():
            stack.redo()
            self._check_undo_model("redo")

    def _check_undo_model(self, what: str) -> None:
        expected = self.undo_model.get(self.session.undo_stack.index())
        if expected is not None:
            assert data_fingerprint(self.session) == expected, f"{what} did not restore the data"

    # ----- session files -----------------------------------------------------------------
    @rule(reopen=st.booleans())
    def save_and_open(self, reopen):
        s = self.session
        self.saved += 1
        path = self.folder / f"fuzz-{self.saved}.linreglab"
        if not self.attempt(save_session, s, path):
            return
        if not reopen:
            return
        data, t = data_fingerprint(s), s.trainer
        w, b, steps = t.w.tobytes(), t.b, t.steps
        if self.attempt(open_session, s, path):
            self.undo_model = {0: data_fingerprint(s)}
            assert data_fingerprint(s) == data, "a reopened session has other data"
            assert (s.trainer.w.tobytes(), s.trainer.b, s.trainer.steps) == (w, b, steps)

    # ----- what must always hold -----------------------------------------------------------
    @invariant()
    def data_split_and_trainer_agree(self):
        s = self.session
        data, t = s.data, s.trainer
        n, d = s.dataset.n_examples, s.dataset.n_features
        assert data.val_mask.shape == (n,) and data.val_mask.dtype == bool
        assert data.n_train + data.val_rows.size == n
        assert t.n_examples == data.n_train, (t.n_examples, data.n_train)
        assert t.w.shape == (d,)
        assert s.solution.lstsq.w.shape == (d,)
        assert s.stats.n_features == d
        assert (s.val_stats is None) == (data.val_rows.size == 0)
        assert 0.0 <= data.val_fraction <= 0.5

    @invariant()
    def shown_numbers_are_finite_or_flagged(self):
        s = self.session
        t = s.trainer
        if not t.diverged:
            assert np.all(np.isfinite(t.w)) and math.isfinite(t.b), (t.w, t.b)
        assert np.all(np.isfinite(s.solution.lstsq.w)) and math.isfinite(s.solution.lstsq.b)
        if s.data.n_train:
            assert math.isfinite(s.solution.train_loss)
            loss = t.loss()
            assert t.diverged or math.isfinite(loss), f"loss {loss} not flagged as diverged"
            val = t.val_loss()
            assert t.diverged or val is None or math.isfinite(val), val
        assert not math.isnan(s.stability_limit())

    @invariant()
    def divergence_is_announced(self):
        """A diverged trainer was announced (the banner and the run loop listen to that)."""
        t = self.session.trainer
        if t.diverged:
            assert any(a is t for a in self.announced), t.divergence_reason

    @invariant()
    def solution_matches_numpy_where_well_posed(self):
        s = self.session
        train = s.data.train_set
        ref = reference_solution(train.X, train.y)
        if ref is None:
            return
        theta_ref, cond = ref
        sol = s.solution.lstsq
        theta = np.append(sol.w, sol.b)
        A = np.column_stack([train.X, np.ones(train.n_examples)])
        residual = np.linalg.norm(A @ theta_ref - train.y)
        scale = np.linalg.norm(theta_ref) + cond * residual / np.linalg.norm(A, 2)
        eps = np.finfo(float).eps
        assert np.linalg.norm(theta - theta_ref) <= 1e3 * eps * cond * scale + 1e-300, (
            theta, theta_ref, cond)
        assert sol.rank == train.n_features + 1


def test_the_session_holds_under_random_requests(qapp):
    run_state_machine_as_test(SessionMachine, settings=SETTINGS)
