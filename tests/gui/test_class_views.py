"""The classification mode's teaching views, each on a real ClassificationSession: what they
show equals the trainer's numbers (predictions, history, W, the last update), they follow
training and a change of data, and they switch to Chinese with the book's terms."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from linreg_lab import core
from linreg_lab.core.class_data import load_digits
from linreg_lab.gui.panels.class_status_line import ClassStatusLine
from linreg_lab.gui.panels.confusion_matrix import ConfusionMatrix
from linreg_lab.gui.panels.digit_weights import DigitWeights, colour_limit, diverging_rgb
from linreg_lab.gui.plots.class_loss_plot import ClassLossPlot
from linreg_lab.gui.plots.neuron.drawing import shown_inputs
from linreg_lab.gui.plots.neuron.network import edge_widths
from linreg_lab.gui.plots.neuron.softmax_network import SoftmaxNetwork
from linreg_lab.gui.state.classification import ClassificationSession
from linreg_lab.gui.tabs.formula.softmax_formula import SoftmaxFormula
from linreg_lab.gui.text.format import fmt, fmt_percent
from tests.gui.language_switch import chinese, is_chinese


@pytest.fixture
def session(qapp):
    s = ClassificationSession()
    yield s
    s.deleteLater()


def shown(qtbot, widget, size=(520, 380)):
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def give_validation(session: ClassificationSession, share: float = 0.3) -> None:
    session.set_validation_fraction(share)


def no_validation(session: ClassificationSession) -> None:
    session.set_validation_fraction(0.0)


def table_counts(matrix: ConfusionMatrix) -> np.ndarray:
    table = matrix.table
    return np.array([[int(table.item(i, j).text()) for j in range(table.columnCount())]
                     for i in range(table.rowCount())])


# ----- confusion matrix -------------------------------------------------------------------
def test_confusion_counts_are_the_trainers_predictions(qtbot, session) -> None:
    no_validation(session)
    matrix = shown(qtbot, ConfusionMatrix(session))
    assert matrix.objectName() == "confusionMatrix"
    session.step(3)
    t = session.trainer
    X, y = t.training_set
    expected = core.confusion_matrix(y, t.predict(X), 3)
    qtbot.waitUntil(lambda: np.array_equal(table_counts(matrix), expected))
    assert expected.sum() == session.dataset.n_examples
    assert fmt_percent(t.accuracy()) in matrix.accuracy_label.text()
    assert [matrix.table.horizontalHeaderItem(j).text() for j in range(3)] == \
        list(session.dataset.class_names)
    assert not matrix.validation_button.isEnabled()  # no validation set yet


def test_confusion_shades_a_row_by_share_and_bolds_the_diagonal(qtbot, session) -> None:
    matrix = shown(qtbot, ConfusionMatrix(session))
    session.step_epoch()
    counts = table_counts(matrix)
    i = int(np.argmax(counts.sum(axis=1)))
    best = matrix.table.item(i, int(np.argmax(counts[i]))).background().color()
    zero = [j for j in range(3) if counts[i, j] == 0]
    assert best != QColor("white")
    if zero:
        assert matrix.table.item(i, zero[0]).background().color() == QColor("white")
    assert matrix.table.item(1, 1).font().bold() and not matrix.table.item(0, 1).font().bold()


def test_confusion_switches_to_the_validation_set(qtbot, session) -> None:
    give_validation(session)
    matrix = shown(qtbot, ConfusionMatrix(session))
    session.step(5)
    t = session.trainer
    X_val, y_val = t.validation_set
    assert matrix.validation_button.isEnabled()
    QTest.mouseClick(matrix.validation_button, Qt.MouseButton.LeftButton)
    assert matrix.showing() == "validation"
    expected = core.confusion_matrix(y_val, t.predict(X_val), 3)
    np.testing.assert_array_equal(table_counts(matrix), expected)
    assert expected.sum() == len(y_val) < session.dataset.n_examples
    assert fmt_percent(t.val_accuracy()) in matrix.accuracy_label.text()


def test_confusion_matrix_in_chinese(qtbot, session) -> None:
    matrix = shown(qtbot, ConfusionMatrix(session))
    with chinese():
        assert "混淆矩阵" in matrix._title.text()
        assert matrix.validation_button.text() == "验证数据"
        assert "准确率" in matrix.accuracy_label.text()
    assert "Confusion matrix" in matrix._title.text()


def test_confusion_follows_new_data(qtbot, session) -> None:
    matrix = shown(qtbot, ConfusionMatrix(session))
    session.generate(5, 50, seed=2)
    assert table_counts(matrix).shape == (5, 5)
    train = session.data.train_set  # the training rows: the validation ones are held out
    np.testing.assert_array_equal(table_counts(matrix).sum(axis=1), train.class_counts())


# ----- loss and accuracy curves -----------------------------------------------------------
def test_accuracy_and_loss_curves_are_the_history(qtbot, session) -> None:
    no_validation(session)
    plot = shown(qtbot, ClassLossPlot(session))
    session.step_epoch()
    session.step_epoch()
    session.step(4)
    h, t = session.trainer.history, session.trainer
    per_epoch = math.ceil(t.n_examples / t.batch_size)
    np.testing.assert_array_equal(plot.train_accuracy_curve.yData,
                                  100 * h.epoch_train_accuracy)
    np.testing.assert_array_equal(plot.train_accuracy_curve.xData,
                                  h.epoch_index * per_epoch)
    np.testing.assert_array_equal(plot.train_loss_curve.yData, h.epoch_train_loss)
    np.testing.assert_array_equal(plot.minibatch_curve.yData, h.step_loss)
    assert plot.loss_now.xData.tolist() == [t.steps]
    assert plot.accuracy_now.yData.tolist() == [100 * t.accuracy()]
    x_val, _ = plot.val_accuracy_curve.getData()
    assert x_val is None or x_val.size == 0  # no validation set: nothing drawn


def test_validation_accuracy_curve(qtbot, session) -> None:
    give_validation(session)
    plot = shown(qtbot, ClassLossPlot(session))
    session.step_epoch()
    np.testing.assert_array_equal(plot.val_accuracy_curve.yData,
                                  100 * session.trainer.history.epoch_val_accuracy)


def test_reference_optimum_is_dashed_at_its_loss(qtbot, session) -> None:
    plot = shown(qtbot, ClassLossPlot(session))
    ref = session.reference()
    assert not ref.at_infinity
    assert plot.reference_loss_value() == pytest.approx(ref.loss)
    assert plot.reference_accuracy.value() == pytest.approx(100 * ref.accuracy)
    assert plot.reference_loss.pen.style() == Qt.PenStyle.DashLine


def test_separable_data_say_there_is_no_finite_optimum(qtbot, session) -> None:
    plot = shown(qtbot, ClassLossPlot(session))
    session.generate(3, 60, spread=0.3, separable=True, seed=1)
    assert session.reference().at_infinity
    assert plot.reference_loss_value() is None
    label = plot._loss_legend.getLabel(plot._reference_loss_sample).text
    assert "no finite optimum" in label


def test_large_data_are_solved_off_the_gui_thread(qtbot, session) -> None:
    plot = shown(qtbot, ClassLossPlot(session))
    data = load_digits()
    small = core.ClassDataset(data.X[:400], data.labels[:400], data.class_names,
                              data.feature_names)
    session.load_dataset(small, "digits")
    assert plot.reference.is_solving()  # the window keeps running meanwhile
    with qtbot.waitSignal(plot.reference.ready, timeout=60_000):
        pass
    assert plot.reference.current() is not None
    session.undo_stack.undo()
    session.undo_stack.redo()  # the same data again: remembered, not solved again
    assert not plot.reference.is_solving() and plot.reference.current() is not None


def test_plot_frames_training_until_the_learner_zooms(qtbot, session) -> None:
    from tests.gui.mouse import scene_pixel, wheel

    plot = shown(qtbot, ClassLossPlot(session), (520, 420))
    session.step(40)
    x_range = plot.loss_item.viewRange()[0]
    assert x_range[0] <= 0 and 40 <= x_range[1] <= 2 * 64  # 0 … the next power of two
    assert plot.accuracy_item.viewRange()[0] == pytest.approx(x_range)  # linked
    wheel(plot, scene_pixel(plot, plot.loss_item.getViewBox()), 240)  # zoom in
    zoomed = plot.loss_item.viewRange()[0]
    assert zoomed[1] - zoomed[0] < x_range[1] - x_range[0]
    session.step(200)
    assert plot.loss_item.viewRange()[0] == pytest.approx(zoomed)  # the learner's view stays
    plot.reframe()  # what the "A" button does
    assert plot.loss_item.viewRange()[0][1] >= 240


def test_loss_plot_in_chinese(qtbot, session) -> None:
    plot = shown(qtbot, ClassLossPlot(session))
    with chinese():
        assert "交叉熵" in plot.loss_item.getAxis("left").labelText
        assert "准确率" in plot.accuracy_item.getAxis("left").labelText
    assert plot.accuracy_item.getAxis("left").labelText == "accuracy (%)"


# ----- digits' weight images --------------------------------------------------------------
@pytest.fixture
def digits_session(qapp):
    s = ClassificationSession()
    s.load_dataset(load_digits(), "digits")
    s.set_hyperparameters(batch_size=32, lr=0.01)
    yield s
    s.deleteLater()


def test_weight_images_are_W_reshaped(qtbot, digits_session) -> None:
    view = shown(qtbot, DigitWeights(digits_session), (640, 480))
    digits_session.step(20)
    W = digits_session.trainer.W
    qtbot.waitUntil(lambda: view.colour_limit() == colour_limit(W))
    for j in (0, 7):
        np.testing.assert_array_equal(view.weight_image(j), W[:, j].reshape(8, 8))
    # the tile's pixel in row r, column c shows W[8r + c, j]
    image = view._weight_tiles[3][0].pixmap().toImage()
    r, c = 4, 2
    size = image.width() // 8
    colour = QColor(image.pixel(c * size + size // 2, r * size + size // 2))
    expected = diverging_rgb(np.array([W[8 * r + c, 3]]), view.colour_limit())[0]
    assert (colour.red(), colour.green(), colour.blue()) == tuple(int(v) for v in expected)


def test_sample_captions_are_the_predicted_probabilities(qtbot, digits_session) -> None:
    view = shown(qtbot, DigitWeights(digits_session), (640, 480))
    digits_session.step_epoch()
    qtbot.waitUntil(lambda: not view._redraw.pending)
    t = digits_session.trainer
    X, labels = t.training_set
    rows = view.sample_rows()
    assert sorted(labels[rows].tolist()) == list(range(10))
    p = t.predict_proba(X[rows])
    for caption, probs in zip(view.sample_captions(), p, strict=True):
        top = int(np.argmax(probs))
        assert f"ŷ {top}: {fmt_percent(probs[top])}" in caption


def test_weight_view_explains_itself_without_images(qtbot, session) -> None:
    view = shown(qtbot, DigitWeights(session))
    assert not view.showing_images() and "image data" in view.note.text()
    session.load_dataset(load_digits(), "digits")
    assert view.showing_images()
    with chinese():
        assert is_chinese(view._weights_title.text())


# ----- softmax formula --------------------------------------------------------------------
def test_formula_shows_the_last_update(qtbot, session) -> None:
    view = shown(qtbot, SoftmaxFormula(session), (1200, 360))
    assert "No step taken yet" in view.update_card.toPlainText()
    session.step(3)
    u = session.trainer.last_update
    model, loss = view.model_card.toPlainText(), view.loss_card.toPlainText()
    gradient, update = view.gradient_card.toPlainText(), view.update_card.toPlainText()
    for j in range(3):
        assert fmt(u.logits[0, j]) in model and fmt(u.probabilities[0, j]) in model
        assert fmt(u.probabilities[0, j] - u.one_hot[0, j]) in gradient
        assert fmt(u.b_after[j]) in update
    c = int(np.argmax(u.one_hot[0]))
    assert fmt(-math.log(u.probabilities[0, c])) in loss
    top = int(np.argmax(u.probabilities[0]))
    verdict = "correct" if top == c else "wrong"
    assert f"{session.dataset.class_names[top]}, {verdict}" in model
    assert fmt(u.batch_loss) in loss
    assert fmt(u.W_after[1, 2]) in update and f"η = {fmt(u.lr)}" in update


def test_formula_follows_another_example_of_the_batch(qtbot, session) -> None:
    view = shown(qtbot, SoftmaxFormula(session), (1200, 360))
    session.step(1)
    u = session.trainer.last_update
    assert view.example_spin.maximum() == len(u.batch)
    view.example_spin.setFocus()
    QTest.keyClick(view.example_spin, Qt.Key.Key_Up)
    assert view.example() == 1
    assert fmt(u.logits[1, 0]) in view.model_card.toPlainText()


def test_formula_update_lists_the_weights_that_moved_most_for_digits(qtbot,
                                                                     digits_session) -> None:
    view = shown(qtbot, SoftmaxFormula(digits_session), (1200, 360))
    digits_session.step(2)
    u = digits_session.trainer.last_update
    i, j = np.unravel_index(np.argmax(np.abs(u.grad_W)), u.grad_W.shape)
    assert f"w{i + 1},{j + 1}" in view.update_card.toPlainText()
    assert "of the 640 weights" in view.update_card.toPlainText()


def test_formula_in_chinese(qtbot, session) -> None:
    view = shown(qtbot, SoftmaxFormula(session), (1200, 360))
    session.step(1)
    with chinese():
        assert "交叉熵损失" in view._boxes[1].title()
        assert "独热编码" in view.loss_card.toPlainText()
    assert view._boxes[1].title() == "Cross-entropy loss"


# ----- the network ------------------------------------------------------------------------
def test_network_edges_are_the_live_weights(qtbot, session) -> None:
    net = shown(qtbot, SoftmaxNetwork(session), (420, 260))
    session.step(10)
    t = session.trainer
    theta = np.vstack([t.W, t.b])
    edges = net.edges()
    assert len(edges) == 3 * 3  # x₁, x₂ and the constant 1, into o₁ … o₃
    widths = edge_widths(theta)
    for i, j, weight, width in edges:
        assert weight == theta[i, j] and width == widths[i, j]
    image = net.grab().toImage()
    assert len({image.pixel(x, y) for x in range(0, 420, 4) for y in range(0, 260, 4)}) > 5


def test_network_collapses_the_digits_inputs(qtbot, digits_session) -> None:
    net = shown(qtbot, SoftmaxNetwork(digits_session), (420, 260))
    rows = {i for i, *_ in net.edges()}
    cols = {j for _, j, *_ in net.edges()}
    assert rows == {i for i in shown_inputs(64) if i is not None} | {64}
    assert 63 in rows and 30 not in rows and cols == {0, 1, 2, 3, 4, 5, 9}
    assert net.captions()["dim"].startswith("d = 64")


def test_network_captions_in_chinese(qtbot, session) -> None:
    net = shown(qtbot, SoftmaxNetwork(session))
    assert net.captions()["dense"] == "fully-connected layer, one layer"
    with chinese():
        assert "全连接层" in net.captions()["dense"]


# ----- status line ------------------------------------------------------------------------
def test_status_line_shows_loss_and_accuracy(qtbot, session) -> None:
    no_validation(session)
    line = shown(qtbot, ClassStatusLine(session), (600, 30))
    session.step(7)
    t = session.trainer
    text = line.text()
    assert "step 7" in text and f"cross-entropy {fmt(t.loss())}" in text
    assert f"training accuracy {fmt_percent(t.accuracy())}" in text
    assert "validation" not in text
    give_validation(session)
    session.step(1)
    assert f"validation accuracy {fmt_percent(session.trainer.val_accuracy())}" in line.text()
    with chinese():
        assert "准确率" in line.text() and "第 1 步" in line.text()


def test_every_view_survives_empty_data_and_a_reset(qtbot, session) -> None:
    views = [ConfusionMatrix(session), ClassLossPlot(session), DigitWeights(session),
             SoftmaxFormula(session), SoftmaxNetwork(session), ClassStatusLine(session)]
    for view in views:
        shown(qtbot, view)
    session.step(3)
    session.clear()
    session.step(1)
    assert views[0].counts().sum() == 0 and "—" in views[0].accuracy_label.text()
    assert "—" in views[5].text()
    session.undo_stack.undo()
    session.reset()
    assert "No step taken yet" in views[3].update_card.toPlainText()
    assert views[0].counts().sum() == session.data.train_set.n_examples


def test_views_follow_a_rewind(qtbot, session) -> None:
    plot = shown(qtbot, ClassLossPlot(session))
    matrix = shown(qtbot, ConfusionMatrix(session))
    session.step(30)
    session.rewind_to(10)
    t = session.trainer
    assert t.steps == 10 and plot.minibatch_curve.xData.max() <= 10
    assert plot.loss_now.xData.tolist() == [10]
    X, y = t.training_set
    qtbot.waitUntil(lambda: np.array_equal(matrix.counts(),
                                           core.confusion_matrix(y, t.predict(X), 3)))
