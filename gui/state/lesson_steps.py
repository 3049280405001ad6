"""When a lesson's "try this" step is done: a small vocabulary of conditions, and a tracker.

Each step of a lesson file names, in order, the conditions that complete it ("done_when",
checked by core/schemas/lesson.schema.json). Two sorts exist:

- an action done, counted: ``{"pressed": "step", "times": 5}``;
- a fact that holds: a value reached (``{"value": "steps", "at_least": 10}``,
  ``{"value": "loss", "below": 0.6}``), ``{"diverged": true}``, a hyperparameter set
  (``{"hyperparameter": "batch_size", "is": 100}``), data generated with a field
  (``{"data": "noise_std", "is": 3}``), a banner showing (``{"banner": "warning"}``, or
  ``"none"``), a teaching tab in front (``{"opened": "noise"}``), a view option on
  (``{"view": "log_loss"}``), the half of the lab shown (``{"mode": "classification"}``),
  the softmax computed stably or naively (``{"stable": false}``).

Facts are read from the half shown: in the classification mode the values are the softmax
run's (loss is the cross-entropy; accuracy, val_accuracy, w_norm and classes exist only
there), so a lesson of d2l 3.4–3.7 waits for what its plots show.

A step is done once its conditions have come true one after another: an action counts only
after the conditions before it were met. The tracker is plain Python: the window feeds it the
actions it sees and a `Facts` snapshot of the Session and the views, so it can be tested and
reasoned about without a window.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING

import numpy as np

from linreg_lab.gui.state import builtin_sets
from linreg_lab.gui.state.data_state import GenerationSpec
from linreg_lab.gui.state.hyperparameters import Hyperparameters

if TYPE_CHECKING:
    from linreg_lab.gui.state.classification import ClassificationSession
    from linreg_lab.gui.state.session import Session

#: The classification mode's built-in sets (the Data menu's digits and iris).
CLASS_SETS = ("digits", "iris")
#: Actions a step may count (the window reports each when the learner does it).
ACTIONS = ("step", "epoch", "run", "reset", "generate", "add_point", "undo",
           "time_vector_addition", "time_sgd_epoch", "estimate_error",
           *(f"open_{key}" for key in builtin_sets.KEYS),  # Data ▸ a built-in set
           *(f"open_{key}" for key in CLASS_SETS))
#: Values a step may wait for; the last four are the classification mode's.
VALUES = ("steps", "epochs", "loss", "examples", "features", "accuracy", "val_accuracy",
          "w_norm", "classes")
#: The halves of the lab a step may ask for (gui/shell/mode_switch.py's MODES).
MODES = ("regression", "classification")
#: View options a step may ask for.
VIEWS = ("log_loss", "loss_in_epochs", "residuals")
#: What the banner may be showing ("none": no message at all).
BANNERS = ("warning", "error", "info", "none")
HYPERPARAMETERS = tuple(f.name for f in fields(Hyperparameters))
DATA_FIELDS = tuple(f.name for f in fields(GenerationSpec))
KINDS = ("pressed", "value", "diverged", "hyperparameter", "data", "banner", "opened", "view",
         "mode", "stable")


@dataclass(frozen=True)
class Condition:
    """One condition of a step: its kind, what it names, and the target (a count or value)."""

    kind: str
    name: str = ""
    target: object = None
    below: bool = False  # for "value": below the target instead of at least it

    @property
    def is_action(self) -> bool:
        return self.kind == "pressed"


def condition(raw: dict) -> Condition:
    """A Condition from one schema-checked JSON object."""
    if "pressed" in raw:
        return Condition("pressed", raw["pressed"], int(raw.get("times", 1)))
    if "value" in raw:
        below = "below" in raw
        return Condition("value", raw["value"], float(raw["below" if below else "at_least"]),
                         below)
    for kind in ("diverged", "stable"):
        if kind in raw:
            return Condition(kind, target=bool(raw[kind]))
    for kind in ("hyperparameter", "data"):
        if kind in raw:
            value = raw["is"]
            return Condition(kind, raw[kind], tuple(value) if isinstance(value, list) else value)
    kind = next(k for k in ("banner", "opened", "view", "mode") if k in raw)
    return Condition(kind, raw[kind])


@dataclass(frozen=True)
class Facts:
    """What the conditions look at: the shown half's state and what the views show."""

    steps: int = 0
    epochs: int = 0
    loss: float = math.nan
    examples: int = 0
    features: int = 1
    diverged: bool = False
    hyper: Hyperparameters = field(default_factory=Hyperparameters)
    spec: GenerationSpec | None = None  # the generation values of the data shown, if any
    banner: str = "none"
    tab: str = ""
    views: frozenset[str] = frozenset()
    mode: str = "regression"
    stable: bool = True
    accuracy: float = math.nan      # training accuracy (classification)
    val_accuracy: float = math.nan  # NaN without validation examples
    w_norm: float = math.nan        # ‖W‖ (Frobenius): grows without bound on separable data
    classes: int = 0


def session_facts(session: Session, *, banner: str, tab: str, views: Iterable[str]) -> Facts:
    """Facts of a gui.state.session.Session plus what the window shows."""
    t, data = session.trainer, session.data
    return Facts(steps=t.steps, epochs=t.epoch, loss=t.loss() if data.n_train else math.nan,
                 examples=session.dataset.n_examples, features=session.dataset.n_features,
                 diverged=bool(t.diverged), hyper=session.hyper, spec=data.spec,
                 banner=banner, tab=tab, views=frozenset(views))


def class_facts(session: ClassificationSession, *, banner: str, tab: str,
                views: Iterable[str]) -> Facts:
    """Facts of a gui.state.classification.ClassificationSession plus what the window shows.

    A diverged naive run's loss is NaN, so "loss below" never holds there."""
    t, data = session.trainer, session.dataset
    trained = data.n_examples > 0 and t.n_examples > 0
    val = t.val_accuracy() if trained else None
    with np.errstate(over="ignore", invalid="ignore"):
        w_norm = float(np.linalg.norm(t.W))
    return Facts(steps=t.steps, epochs=t.epoch, loss=t.loss() if trained else math.nan,
                 examples=data.n_examples, features=data.n_features,
                 diverged=bool(t.diverged), hyper=session.hyper, banner=banner, tab=tab,
                 views=frozenset(views), mode="classification", stable=session.stable,
                 accuracy=t.accuracy() if trained else math.nan,
                 val_accuracy=math.nan if val is None else float(val), w_norm=w_norm,
                 classes=data.num_classes)


def _same(a: object, b: object) -> bool:
    """Equal, floats to 1e-9 relative (a typed 0.005 is the file's 0.005)."""
    if isinstance(a, (tuple, list)) or isinstance(b, (tuple, list)):
        a_seq = tuple(a) if isinstance(a, (tuple, list)) else (a,)
        b_seq = tuple(b) if isinstance(b, (tuple, list)) else (b,)
        return len(a_seq) == len(b_seq) and all(map(_same, a_seq, b_seq))
    if isinstance(a, bool) or isinstance(b, bool) or isinstance(a, str) or isinstance(b, str):
        return a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    return a == b


def holds(c: Condition, facts: Facts) -> bool:
    """Whether a fact condition is true now (an action condition never "holds")."""
    if c.kind == "value":
        value = float(getattr(facts, c.name))
        return value < c.target if c.below else value >= c.target  # type: ignore[operator]
    if c.kind == "diverged":
        return facts.diverged == c.target
    if c.kind == "stable":
        return facts.stable == c.target
    if c.kind == "mode":
        return facts.mode == c.name
    if c.kind == "hyperparameter":
        return _same(getattr(facts.hyper, c.name), c.target)
    if c.kind == "data":
        return facts.spec is not None and _same(getattr(facts.spec, c.name), c.target)
    if c.kind == "banner":
        return facts.banner == c.name
    if c.kind == "opened":
        return facts.tab == c.name
    if c.kind == "view":
        return c.name in facts.views
    return False


class StepProgress:
    """How far one step has come: the conditions met so far, and the presses counted."""

    def __init__(self, conditions: Sequence[Condition]) -> None:
        self.conditions = tuple(conditions)
        self.position = 0  # index of the condition waited for; len(conditions) = done
        self.count = 0     # presses of the awaited action so far

    @property
    def done(self) -> bool:
        return self.position >= len(self.conditions)

    @property
    def awaited(self) -> Condition | None:
        return None if self.done else self.conditions[self.position]

    def observe(self, facts: Facts) -> None:
        """Pass every fact condition in turn that holds now."""
        while (c := self.awaited) is not None and not c.is_action and holds(c, facts):
            self._advance()

    def press(self, action: str) -> None:
        c = self.awaited
        if c is not None and c.is_action and c.name == action:
            self.count += 1
            if self.count >= int(c.target):  # type: ignore[call-overload]
                self._advance()

    def _advance(self) -> None:
        self.position += 1
        self.count = 0


class LessonProgress:
    """The steps of one lesson whose preset was loaded, each tracked on its own."""

    def __init__(self, lesson_id: str, steps: Sequence[Sequence[Condition]]) -> None:
        self.lesson_id = lesson_id
        self.steps = [StepProgress(conditions) for conditions in steps]

    def done(self) -> tuple[bool, ...]:
        return tuple(step.done for step in self.steps)

    def observe(self, facts: Facts) -> bool:
        """Update from the facts now; True when a step became done."""
        before = self.done()
        for step in self.steps:
            step.observe(facts)
        return self.done() != before

    def press(self, action: str, facts: Facts) -> bool:
        """An action done; facts before and after it are looked at too. True when a step
        became done."""
        before = self.done()
        for step in self.steps:
            step.observe(facts)
            step.press(action)
            step.observe(facts)
        return self.done() != before
