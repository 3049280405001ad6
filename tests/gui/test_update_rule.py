"""d2l's sgd and sum versus mean, through the Training panel, the Formula tab and the η check."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QComboBox

from linreg_lab import core
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.state.session_io import open_session
from tests.gui.languages import switched_to
from tests.gui.lesson_driver import select


@pytest.fixture
def window(make_window):
    return make_window()


def _choose(qtbot, window, rule: str) -> None:
    combo = window.training_panel.findChild(QComboBox, "updateCombo")
    select(qtbot, combo, rule)
    assert window.session.hyper.update == rule == window.session.trainer.update


def test_each_rule_reaches_the_trainer_and_the_formula_says_what_it_did(window, qtbot):
    s = window.session
    _choose(qtbot, window, "d2l")
    s.step(8)  # 80 training examples, batch 10: the 8th batch is the last, and full
    reference = core.SGDTrainer(s.data.train_set.X, s.data.train_set.y, lr=s.hyper.lr,
                                batch_size=10, seed=s.hyper.seed, update="d2l")
    reference.step(8)
    np.testing.assert_array_equal(s.trainer.w, reference.w)
    window.tabs.show_panel("formula")
    _choose(qtbot, window, "sum")
    s.step(1)
    card = window.tabs.formula.update_card
    qtbot.waitUntil(lambda: "a learning rate |B| = 10 times larger" in card.toPlainText())
    assert f"{10 * s.hyper.lr:.2g}·g" in card.toPlainText()  # the factor the rows use
    assert s.trainer.last_update.step_lr == pytest.approx(10 * s.hyper.lr)


def test_a_sum_is_warned_about_at_a_tenth_of_the_limit(window, qtbot):
    s = window.session
    limit = s.learning_rate_check().full_limit
    _choose(qtbot, window, "sum")
    assert s.learning_rate_check().full_limit == pytest.approx(limit / 10)
    window.request(s.set_hyperparameters, lr=round(limit / 5, 4))  # safe for the mean
    assert s.lr_risk() is not None and window.banner.kind() == "warning"


def test_the_rule_is_named_in_chinese_and_saved_with_the_session(window, qtbot, tmp_path):
    combo = window.training_panel.findChild(QComboBox, "updateCombo")
    with switched_to("zh_CN"):
        assert combo.itemText(1) == "d2l 的 sgd：求和 ÷ batch_size"
    _choose(qtbot, window, "d2l")
    window.session.step(3)
    path = tmp_path / "d2l.linreglab"
    assert window.session_files.save_to(path)
    again = Session()
    open_session(again, path)
    assert again.hyper.update == "d2l" == again.trainer.update
    assert again.trainer.last_update.update == "d2l"
