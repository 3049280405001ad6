"""ComparisonTable: true · analytical · SGD columns show the session's numbers via fmt."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QColor

from linreg_lab import core
from linreg_lab.gui.panels.comparison_table import (
    ANALYTICAL_COL,
    SGD_COL,
    TRUE_COL,
    ComparisonTable,
    squared_losses,
)
from linreg_lab.gui.state.data_state import DataState, GenerationSpec
from linreg_lab.gui.state.hyperparameters import Hyperparameters
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.text.format import fmt
from tests.gui.language_switch import chinese, is_chinese


@pytest.fixture
def session() -> Session:
    return Session()


@pytest.fixture
def table(qtbot, session: Session) -> ComparisonTable:
    widget = ComparisonTable(session)
    qtbot.addWidget(widget)
    return widget


def column(table: ComparisonTable, col: int) -> list[str]:
    return [table.item(row, col).text() for row in range(table.rowCount())]


def test_structure(table: ComparisonTable) -> None:
    assert table.objectName() == "comparisonTable"
    assert table.columnCount() == 3 and table.rowCount() == 6  # w, b, 2 losses, dist, gap
    assert table.verticalHeaderItem(0).text() == "w"
    assert table.horizontalHeaderItem(TRUE_COL).foreground().color() == QColor("#009E73")
    assert table.horizontalHeaderItem(ANALYTICAL_COL).foreground().color() == QColor("#0072B2")
    assert table.horizontalHeaderItem(SGD_COL).foreground().color() == QColor("#E69F00")
    assert table.horizontalHeaderItem(ANALYTICAL_COL).text() == "Analytical"
    assert table.editTriggers() == table.EditTrigger.NoEditTriggers


def test_values_match_the_session_after_steps(table: ComparisonTable, session: Session) -> None:
    session.step(40)
    t, sol, data = session.trainer, session.solution, session.data
    train, val = squared_losses(session, t.w, t.b)
    assert column(table, SGD_COL) == [
        fmt(t.w[0]), fmt(t.b), fmt(train), fmt(val),
        fmt(np.hypot(t.w[0] - sol.lstsq.w[0], t.b - sol.lstsq.b)),
        fmt(train - sol.train_loss),
    ]
    assert column(table, ANALYTICAL_COL) == [
        fmt(sol.lstsq.w[0]), fmt(sol.lstsq.b), fmt(sol.train_loss), fmt(sol.val_loss), "", ""]
    true_train, true_val = squared_losses(session, data.true_w, data.true_b)
    assert column(table, TRUE_COL) == [
        fmt(data.true_w[0]), fmt(data.true_b), fmt(true_train), fmt(true_val), "", ""]


def test_squared_losses_agree_with_the_trainer(session: Session) -> None:
    session.step(25)
    t = session.trainer
    train, val = squared_losses(session, t.w, t.b)
    assert train == pytest.approx(t.loss())
    assert val == pytest.approx(t.val_loss())


def test_losses_are_squared_even_when_sgd_uses_another_loss(session: Session) -> None:
    session.set_hyperparameters(loss="absolute")
    session.step(25)
    t, val_set = session.trainer, session.data.val_set
    train, val = squared_losses(session, t.w, t.b)
    assert val == pytest.approx(np.mean(core.squared_loss(val_set.X @ t.w + t.b, val_set.y)))
    assert train == pytest.approx(session.stats.loss(t.w, t.b))


def test_rows_follow_dimension_and_cells_are_reused(qtbot) -> None:
    session = Session()
    table = ComparisonTable(session)
    qtbot.addWidget(table)
    kept = table.item(0, SGD_COL)
    session.step(5)
    assert table.item(0, SGD_COL) is kept  # only setText on the existing item
    spec = GenerationSpec(w=(1.0, -2.0, 0.5), b=0.3, num_examples=50, seed=3)
    session.generate(spec)
    assert table.rowCount() == 3 + 5
    assert [table.verticalHeaderItem(r).text() for r in range(3)] == ["w₁", "w₂", "w₃"]
    assert column(table, TRUE_COL)[:4] == ["1", "−2", "0.5", "0.3"]


def test_loaded_data_have_no_true_column(qtbot) -> None:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(30, 2))
    data = DataState.from_dataset(core.Dataset(X, X @ [1.0, 2.0] + 3.0), 0.2, seed=0)
    table = ComparisonTable(Session(data))
    qtbot.addWidget(table)
    assert set(column(table, TRUE_COL)) <= {"—", ""}


def test_not_unique_when_all_x_are_identical(qtbot) -> None:
    X = np.full((8, 1), 2.0)
    y = np.arange(8.0)
    data = DataState.from_dataset(core.Dataset(X, y), 0.0, seed=0)
    session = Session(data, Hyperparameters(batch_size=4))
    table = ComparisonTable(session)
    qtbot.addWidget(table)
    header = table.horizontalHeaderItem(ANALYTICAL_COL)
    assert "not unique" in header.text()
    assert "identical" in header.toolTip()
    assert column(table, ANALYTICAL_COL)[:2] == [fmt(session.solution.lstsq.w[0]),
                                                fmt(session.solution.lstsq.b)]
    session.step(3)
    assert column(table, SGD_COL)[0] == fmt(session.trainer.w[0])


def test_divergence_fills_without_warnings(table: ComparisonTable, session: Session) -> None:
    session.set_hyperparameters(lr=50.0)
    session.step(200)
    assert session.trainer.diverged
    assert all(text for text in column(table, SGD_COL))


def test_language_switch_retranslates_in_place(table: ComparisonTable, session: Session) -> None:
    session.step(40)
    sgd = column(table, SGD_COL)
    with chinese():
        assert table.horizontalHeaderItem(ANALYTICAL_COL).text() == "解析解"
        assert table.verticalHeaderItem(2).text() == "训练 ½·MSE"
        assert is_chinese(table.verticalHeaderItem(2).toolTip())
        assert table.verticalHeaderItem(0).text() == "w"
        assert column(table, SGD_COL) == sgd  # the numbers stay
    assert table.horizontalHeaderItem(ANALYTICAL_COL).text() == "Analytical"
    assert table.verticalHeaderItem(2).text() == "training ½·MSE"


def test_two_features_name_their_weights_with_subscripts(qtbot) -> None:
    spec = GenerationSpec(w=(2.0, -3.4), num_examples=50, seed=1)
    table = ComparisonTable(Session(DataState.generated(spec, 1)))
    qtbot.addWidget(table)
    assert [table.verticalHeaderItem(r).text() for r in range(3)] == ["w₁", "w₂", "b"]


def test_a_robust_loss_shows_itself_beside_the_squared_loss(table: ComparisonTable,
                                                            session: Session) -> None:
    """Huber selected: the table names both rulers and its Huber number is the trainer's own
    (the one the Formula panel and the loss curve show), its ½·MSE the session's."""
    session.set_hyperparameters(loss="huber", huber_delta=0.5)
    session.step(30)
    labels = [table.verticalHeaderItem(r).text() for r in range(table.rowCount())]
    assert labels == ["w", "b", "training Huber loss", "validation Huber loss",
                      "training ½·MSE", "validation ½·MSE", "‖θ − θ*‖", "½·MSE gap to optimum"]
    t, train = session.trainer, session.data.train_set
    sgd = column(table, SGD_COL)
    assert sgd[2:6] == [fmt(t.loss()), fmt(t.val_loss()), *map(fmt, squared_losses(session, t.w,
                                                                                   t.b))]
    assert sgd[2] != sgd[4]  # two different numbers, each under its own name
    sol = session.solution.lstsq
    huber = np.mean(core.huber_loss(train.X @ sol.w + sol.b, train.y, 0.5))
    assert column(table, ANALYTICAL_COL)[2] == fmt(huber)
    assert column(table, ANALYTICAL_COL)[4] == fmt(session.solution.train_loss)
    session.set_hyperparameters(loss="squared")
    assert table.rowCount() == 6 and table.verticalHeaderItem(2).text() == "training ½·MSE"
