"""FormulaPanel: the chapter's formulas carry the session's live numbers, throttled."""

from __future__ import annotations

import re

import numpy as np
import pytest
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QGroupBox, QTextBrowser

from linreg_lab import core
from linreg_lab.gui.state.data_state import GenerationSpec
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.tabs.formula.cards import model_html, update_html
from linreg_lab.gui.tabs.formula.formula_panel import FormulaPanel
from linreg_lab.gui.tabs.formula.pieces import factor
from linreg_lab.gui.text.explanations import rank_reason_text
from linreg_lab.gui.text.format import fmt
from tests.gui.languages import switched_to

CJK = re.compile(r"[\u4e00-\u9fff]")


def plain(html: str) -> str:
    """The text a reader sees, whitespace collapsed (table cells become single spaces)."""
    doc = QTextDocument()
    doc.setHtml(html)
    return " ".join(doc.toPlainText().split())


def shown(card: QTextBrowser) -> str:
    return " ".join(card.toPlainText().split())


def update_line(before: float, lr: float, grad: float, after: float) -> str:
    return f"{fmt(before)} − {fmt(lr)} · {factor(grad)} = {fmt(after)}"


@pytest.fixture
def session() -> Session:
    return Session()


@pytest.fixture
def panel(qtbot, session: Session) -> FormulaPanel:
    widget = FormulaPanel(session)
    qtbot.addWidget(widget)
    widget.resize(1400, 340)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_structure_and_no_update_before_the_first_step(panel: FormulaPanel) -> None:
    assert panel.objectName() == "formulaPanel"
    assert "press Step to see an update" in shown(panel.update_card)
    for card in (panel.model_card, panel.loss_card, panel.update_card,
                 panel.analytical_card):
        assert card.accessibleName() and card.toolTip()


def test_one_step_shows_its_numbers(panel: FormulaPanel, session: Session) -> None:
    session.step(1)
    t, rec = session.trainer, session.trainer.last_update
    text = shown(panel.update_card)
    assert "press Step" not in text
    assert f"|B| = {len(rec.batch)}, η = {fmt(rec.lr)}" in text
    w_line = update_line(rec.w_before[0], rec.lr, rec.grad_w[0], rec.w_after[0])
    b_line = update_line(rec.b_before, rec.lr, rec.grad_b, rec.b_after)
    assert f"w ← {w_line}" in text
    assert f"b ← {b_line}" in text
    assert w_line.endswith(f"= {fmt(t.w[0])}") and b_line.endswith(f"= {fmt(t.b)}")
    model = shown(panel.model_card)
    assert f"ŷ = {fmt(t.w[0])}·x" in model and f"after {t.steps} steps" in model
    assert (f"L = {fmt(t.loss())} (squared loss ½·MSE) over n = {session.data.n_train}"
            in shown(panel.loss_card))


def test_a_short_last_batch_shows_its_real_size(panel: FormulaPanel, session: Session) -> None:
    n = session.data.n_train
    session.set_hyperparameters(batch_size=n - 7)
    session.step(2)  # the second batch of the epoch holds the 7 left over
    text = shown(panel.update_card)
    assert "|B| = 7," in text and "shorter" in text


def test_a_batch_size_changed_mid_epoch_labels_the_step_it_was_taken_with(
        qtbot, panel: FormulaPanel, session: Session) -> None:
    """A full batch of 10, then the batch size set to 20: the card still says the step used
    10 examples (not a "shorter last batch"), and that 20 applies from the next step."""
    def card() -> str:
        return shown(panel.update_card)

    session.step(1)
    session.set_hyperparameters(batch_size=20)
    assert "|B| = 10," in card() and "shorter" not in card()
    assert "(batch size 20 from the next step)" in card()
    session.step(1)
    qtbot.waitUntil(lambda: "|B| = 20," in card(), timeout=2000)
    assert "shorter" not in card() and "next step" not in card()
    session.step(3)  # 10 + 20·3 = 70 of 80: the epoch's last batch holds 10
    qtbot.waitUntil(lambda: "|B| = 10," in card(), timeout=2000)
    assert "shorter" in card()


def test_many_weights_use_subscripts_and_an_ellipsis(qtbot, panel: FormulaPanel,
                                                     session: Session) -> None:
    session.generate(GenerationSpec(w=tuple(float(k) for k in range(1, 10)), b=1.0))
    session.step(1)  # right after the data changed: within the throttle interval
    rec = session.trainer.last_update
    line = f"w₉ ← {update_line(rec.w_before[8], rec.lr, rec.grad_w[8], rec.w_after[8])}"
    qtbot.waitUntil(lambda: line in shown(panel.update_card), timeout=2000)
    text = shown(panel.update_card)
    assert "⋮" in text and "w₆ ←" not in text
    assert "ŷ = Xw + b" in shown(panel.model_card)
    analytical = shown(panel.analytical_card)
    assert "10×10" in analytical and "up to 3 features" in analytical


def test_analytical_pieces_equal_the_normal_equations(panel: FormulaPanel,
                                                       session: Session) -> None:
    session.generate(GenerationSpec(w=(2.0, -3.4), b=4.2, num_examples=60))
    train = session.data.train_set
    xtx, xty = core.normal_equation_pieces(train.X, train.y)
    assert xtx.shape == (3, 3)
    text = shown(panel.analytical_card)
    for row in xtx:
        assert " ".join(fmt(v) for v in row) in text
    assert " ".join(fmt(v) for v in xty) not in text  # a column: one entry per row
    for v in xty:
        assert fmt(v) in text
    sol = session.solution.lstsq
    assert f"w* = [{fmt(sol.w[0])}, {fmt(sol.w[1])}], b* = {fmt(sol.b)}" in text
    assert "QR decomposition" in text
    assert "Not unique" not in text


def test_identical_x_explains_why_there_is_no_unique_solution(panel: FormulaPanel,
                                                              session: Session) -> None:
    session.load_dataset(core.Dataset(np.full((10, 1), 2.0), np.arange(10.0)), "same x")
    text = shown(panel.analytical_card)
    assert session.solution.lstsq.reason == "identical_x"
    assert plain(rank_reason_text("identical_x")) in text
    assert "Not unique: rank of X is 1 but there are 2 parameters." in text


def test_choosing_a_loss_rewrites_the_loss_card(panel: FormulaPanel, session: Session) -> None:
    assert "½(ŷ(i) − y(i))²" in shown(panel.loss_card)
    session.set_hyperparameters(loss="huber", huber_delta=0.5)
    text = shown(panel.loss_card)
    assert "Huber loss" in text and "δ = 0.5" in text and "squared loss, not this one" in text
    assert f"L = {fmt(session.trainer.loss())}" in text
    session.step(1)
    assert "clip(" in shown(panel.update_card)


def test_training_ticks_are_coalesced_and_the_last_one_shown(qtbot, panel: FormulaPanel,
                                                              session: Session) -> None:
    session.step(1)                       # leading edge: shown at once
    first = fmt(session.trainer.w[0])
    assert f"= {first}" in shown(panel.update_card)
    for _ in range(20):                   # a burst of ticks within one refresh interval
        session.step(1)
    final = update_line(*(lambda r: (r.b_before, r.lr, r.grad_b, r.b_after))(
        session.trainer.last_update))
    assert final not in shown(panel.update_card)  # not rebuilt 20 times
    qtbot.waitUntil(lambda: final in shown(panel.update_card), timeout=2000)
    assert f"after {session.trainer.steps} steps" in shown(panel.model_card)


def test_a_hidden_panel_catches_up_when_shown(qtbot, panel: FormulaPanel,
                                              session: Session) -> None:
    panel.hide()
    session.step(3)
    assert "press Step" in shown(panel.update_card)  # no work while hidden
    panel.show()
    qtbot.waitExposed(panel)
    assert f"= {fmt(session.trainer.b)}" in shown(panel.update_card)


def test_html_builders_write_signs_readably() -> None:
    text = plain(model_html(np.array([-1.5]), -2.25, 3, 0))
    assert "ŷ = −1.5·x − 2.25" in text and "+ −" not in text
    assert "press Step" in plain(update_html(None, 10))


def test_language_switch_in_place_keeps_the_numbers(panel: FormulaPanel,
                                                   session: Session) -> None:
    session.step(1)
    w = fmt(session.trainer.w[0])
    box = panel.findChildren(QGroupBox)[0]
    assert box.title() == "Model"
    with switched_to("zh_CN"):
        assert CJK.search(box.title())
        assert CJK.search(shown(panel.update_card))  # the cards are written again in Chinese
        assert w in shown(panel.model_card) and f"= {w}" in shown(panel.update_card)
        assert CJK.search(panel.model_card.accessibleName())
    assert box.title() == "Model" and "after 1 steps" in shown(panel.model_card)
